"""The staff check on a case: facts filled from the registry (the person, their current
household) and the case, the results, and the applications the worker records."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onestop.accounts.models import User
from onestop.audit.services import audit_log
from onestop.cases.access import CaseAccess
from onestop.cases.models import CaseClient
from onestop.persons.models import Person
from onestop.welfare import engine
from onestop.welfare.facts import Child, Facts
from onestop.welfare.models import Benefit, BenefitApplication, RuleVersion


def facts_for(person: Person, as_of: dt.date) -> Facts:
    """What the registry knows; everything else stays unknown (the result asks for it)."""
    thai = (
        person.nationality.upper() == "TH"
        if person.nationality
        else (True if person.citizenship_status == "thai" else None)
    )
    membership = person.memberships.filter(end__isnull=True).select_related("household").first()
    size = None
    children: list[Child] | None = None
    if membership is not None:
        others = [
            m.person
            for m in membership.household.memberships.filter(end__isnull=True).select_related(
                "person"
            )
        ]
        size = len(others)
        children = [
            Child(
                p.partial_birth,
                p.nationality or ("TH" if p.citizenship_status == "thai" else None),
                False,
            )
            for p in others
            if p.pk != person.pk
            and p.partial_birth is not None
            and p.age_on(as_of) is not None
            and (p.age_on(as_of) or 99) < 6
        ]
    return Facts(
        birth=person.partial_birth,
        age=person.age_on(as_of) if person.partial_birth is None else None,
        nationality=None if thai is None else ("TH" if thai else (person.nationality or "XX")),
        registered_subdistrict=person.registered_subdistrict_id or None,
        has_disability_card=True if person.disability_card else None,
        household_size=size,
        children=children,
    )


def screen_client(client: CaseClient, as_of: dt.date | None = None) -> list[engine.Result]:
    as_of = as_of or timezone.localdate()
    return engine.screen(facts_for(client.person, as_of).resolve(as_of), as_of)


@transaction.atomic
def application_record(
    *,
    actor: User,
    access: CaseAccess,
    client: CaseClient,
    benefit_code: str,
    status: str,
    note: str = "",
) -> BenefitApplication:
    if not actor.can("can_manage_case") or not access.full or client.case_id != access.case.pk:
        raise PermissionDenied
    benefit = Benefit.objects.filter(code=benefit_code).first()
    if benefit is None:
        raise ValidationError(
            {"benefit": [_("Unknown benefit code %(code)s.") % {"code": benefit_code}]}
        )
    if status not in BenefitApplication.Status.values:
        raise ValidationError({"status": [_("Choose one of the listed values.")]})
    today = timezone.localdate()
    version = (
        RuleVersion.objects.filter(benefit=benefit, effective_from__lte=today)
        .exclude(effective_to__lt=today)
        .order_by("-effective_from")
        .first()
    )
    if version is None:
        raise ValidationError({"benefit": [_("This benefit has no rule in force today.")]})
    item = BenefitApplication.objects.create(
        case=access.case,
        person=client.person,
        benefit=benefit,
        rule_version=version,
        status=status,
        note=note.strip()[:500],
        recorded_by=actor,
    )
    audit_log(
        action="welfare.application.recorded",
        actor=actor,
        obj=access.case,
        data={"benefit": benefit.code, "status": status, "person": client.person.code},
    )
    return item
