"""Erasure by anonymisation (PDPA s.33): a person's personal data is overwritten everywhere it
occurs, while the records that counted them stay, so every aggregate stays correct.

What is overwritten:
- the person: names, ID numbers, birth day and month (the year is kept), addresses, the
  map point, identifying marks and the search keys (the registry's search index); their
  phones, documents, sensitive attributes, household memberships and relationships are
  deleted;
- in each case they are in: their names wherever they occur in the title, summaries, notes,
  assessment, plan, referrals and home-visit reports; their safe-contact details; the
  originating requests' description of them (and the reporter's details when they reported
  for themselves); visit photos; and the case's attachments when they are its only client;
- the audit trail's copies of their name and values (who did what, and when, stays);
- queued and finished task payloads that carry their name.

What is kept, because the aggregates and the records of others need it: the person row and
its code, sex, birth year, disability flag and home district; cases, their category, target
group and dates; referrals, visits and their statuses.

It is refused while any of their cases is open, or closed less than
``RETENTION_CLOSED_CASE_YEARS`` ago, with the reason. When ``ERASURE_KEEP_COPY`` is on, a copy
of what is erased is kept first in private storage, its hash in the audit entry.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from onestop.accounts.models import User
from onestop.audit.models import AuditEntry
from onestop.audit.services import audit_log, redact_entries, redact_value
from onestop.thai.dates import format_date

ERASED = "[ลบแล้ว]"


@dataclass
class Result:
    person_code: str
    cases: int = 0
    texts: int = 0
    deleted: int = 0
    audit_entries: int = 0
    tasks: int = 0
    copy_sha256: str = ""
    copy_path: str = ""
    log: list[str] = field(default_factory=list)


def refusals(person: Any, now: dt.datetime | None = None) -> list[str]:
    """Why this person may not be anonymised yet (empty: they may)."""
    from onestop.cases.models import Case, CaseStatus
    from onestop.privacy.models import RetentionRule

    now = now or timezone.now()
    keep = RetentionRule.months_for(person.center_id)[RetentionRule.Record.CLOSED_CASE]
    reasons = []
    for case in Case.objects.filter(clients__person=person).distinct().order_by("opened_at"):
        if case.status != CaseStatus.CLOSED:
            reasons.append(_("Case %(n)s is still open.") % {"n": case.number})
            continue
        closed = case.closed_at or case.updated
        until = closed + dt.timedelta(days=round(keep * 30.44))
        if until > now:
            reasons.append(
                _("Case %(n)s is kept until %(d)s (closed %(closed)s, plus %(m)s months).")
                % {
                    "n": case.number,
                    "d": format_date(timezone.localtime(until).date()),
                    "closed": format_date(timezone.localtime(closed).date()),
                    "m": keep,
                }
            )
    return reasons


def _names(person: Any) -> list[str]:
    parts = [
        person.given_name,
        person.middle_name,
        person.family_name,
        person.nickname,
        person.name_en,
    ]
    full = " ".join(p for p in (person.given_name, person.family_name) if p)
    names = {p.strip() for p in [*parts, full] if p and len(p.strip()) >= 2}
    return sorted(names, key=len, reverse=True)


def _redactor(names: list[str]) -> Any:
    from onestop.privacy.dsar import redactor

    return redactor(set(names), ERASED)


def anonymise_person(
    *, actor: User | None, person: Any, reason: str, now: dt.datetime | None = None
) -> Result:
    from django_tasks_db.models import DBTaskResult

    from onestop.cases.models import (
        Assessment,
        Attachment,
        Case,
        CaseClient,
        Note,
        PlanAction,
        PlanGoal,
    )
    from onestop.intake.models import HelpRequest
    from onestop.persons.models import (
        HouseholdMembership,
        IdentityDocument,
        Person,
        PersonPhone,
        PersonSensitive,
        Relationship,
    )
    from onestop.privacy import dsar
    from onestop.referrals.models import Referral
    from onestop.volunteers.models import Visit, VisitPhoto

    if not reason.strip():
        raise ValidationError({"reason": [_("Say why (for example the erasure request).")]})
    blocked = refusals(person, now)
    if blocked:
        raise ValidationError(blocked)
    names = _names(person)
    redact = _redactor(names)
    result = Result(person.code)
    with transaction.atomic():
        if settings.ERASURE_KEEP_COPY:
            copy = dsar.to_json(
                dsar.build_person(person, center_name=person.center.name_th, kind="erasure")
            )
            result.copy_sha256 = hashlib.sha256(copy).hexdigest()
            result.copy_path = default_storage.save(
                f"private/erasure/{secrets.token_hex(16)}.json", ContentFile(copy)
            )
        case_ids = list(
            Case.objects.filter(clients__person=person).distinct().values_list("pk", flat=True)
        )
        result.cases = len(case_ids)

        def rewrite(qs: Any, fields: list[str]) -> None:
            for row in qs:
                changed = {f: redact(getattr(row, f)) for f in fields}
                changed = {f: v for f, v in changed.items() if v != getattr(row, f)}
                if changed:
                    type(row).objects.filter(pk=row.pk).update(**changed)
                    result.texts += len(changed)

        rewrite(Case.objects.filter(pk__in=case_ids), ["title", "summary", "closure_summary"])
        rewrite(Note.objects.filter(case_id__in=case_ids), ["text"])
        rewrite(
            Assessment.objects.filter(case_id__in=case_ids),
            ["needs", "risks", "strengths", "living_conditions", "opinion"],
        )
        rewrite(PlanGoal.objects.filter(plan__case_id__in=case_ids), ["text"])
        rewrite(PlanAction.objects.filter(goal__plan__case_id__in=case_ids), ["text"])
        rewrite(Referral.objects.filter(case_id__in=case_ids), ["reason", "outcome"])
        theirs = CaseClient.objects.filter(person=person)
        visits = Visit.objects.filter(client__in=theirs)
        rewrite(visits, ["report"])
        visits.update(
            client_first_name=ERASED, client_phone="", address_text="", lat=None, lng=None
        )
        result.deleted += VisitPhoto.objects.filter(visit__in=visits).delete()[0]
        theirs.update(safe_phone=None, safe_times="", safety_note="")
        requests = HelpRequest.objects.filter(cases__in=case_ids).distinct()
        rewrite(requests, ["description", "subject_description"])
        requests.update(subject_name="", address_text="", lat=None, lng=None)
        requests.filter(reporter_relationship="self").update(
            reporter_name="", reporter_phone="", reporter_line_id="", line_user_id=""
        )
        # Attachments about them alone: the file goes, the row says it was erased.
        alone = [
            pk
            for pk in case_ids
            if not CaseClient.objects.filter(case_id=pk).exclude(person=person).exists()
        ]
        for attachment in Attachment.objects.filter(case_id__in=alone):
            attachment.file.delete(save=False)
            Attachment.objects.filter(pk=attachment.pk).update(
                file="", original_name=ERASED, description=""
            )
            result.deleted += 1
        for model in (PersonPhone, IdentityDocument, PersonSensitive, HouseholdMembership):
            result.deleted += model.objects.filter(person=person).delete()[0]
        result.deleted += Relationship.objects.filter(
            Q(from_person=person) | Q(to_person=person)
        ).delete()[0]
        birth = person.birth_date
        Person.objects.filter(pk=person.pk).update(
            prefix="",
            given_name=ERASED,
            middle_name="",
            family_name="",
            nickname="",
            name_en="",
            gender_identity="",
            birth_date=birth.replace(month=1, day=1) if birth else None,
            birth_precision="year" if birth else "",
            national_id="",
            external_id="",
            languages=[],
            registered_address="",
            registered_subdistrict=None,
            current_address="",
            place_description="",
            lat=None,
            lng=None,
            disability_type="",
            identifying_marks="",
            duplicate_override_reason="",
            search_text="",
            given_skel="",
            family_skel="",
            given_udom="",
            family_udom="",
            given_meta="",
            given_lk="",
            nickname_skel="",
        )
        trail = AuditEntry.objects.filter(
            object_type="persons.person", object_id=str(person.pk)
        ) | AuditEntry.objects.filter(
            object_type="cases.case", object_id__in=[str(pk) for pk in case_ids]
        )
        if names:
            mentions = AuditEntry.objects.none()
            for name in names:
                mentions = mentions | AuditEntry.objects.filter(object_repr__contains=name)
            trail = trail | mentions
        result.audit_entries = redact_entries(trail.distinct(), redact)
        for name in names:
            # JSON may be stored with non-ASCII escaped (SQLite) or as is (PostgreSQL).
            escaped = json.dumps(name)[1:-1]
            found = Q(args_kwargs__icontains=name) | Q(args_kwargs__icontains=escaped)
            for task in DBTaskResult.objects.filter(found):
                args = task.args_kwargs
                cleaned = redact_value(args, redact)
                if cleaned != args:
                    DBTaskResult.objects.filter(pk=task.pk).update(args_kwargs=cleaned)
                    result.tasks += 1
        person.refresh_from_db()  # the entry must not carry the old name
        audit_log(
            action="privacy.person.anonymised",
            actor=actor,
            obj=person,
            center=person.center,
            actor_label="anonymise_person",
            data={
                "reason": reason.strip()[:500],
                "cases": result.cases,
                "texts": result.texts,
                "deleted": result.deleted,
                "audit_entries": result.audit_entries,
                "tasks": result.tasks,
                "copy_sha256": result.copy_sha256,
            },
        )
    return result
