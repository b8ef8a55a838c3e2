"""Recording outcome scores on a case, and the before/after report per cohort."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onestop.accounts.models import User
from onestop.audit.services import audit_log
from onestop.cases.access import CaseAccess
from onestop.cases.models import CaseClient
from onestop.outcomes.models import Domain, OutcomeRecord


def outcome_record(
    *, actor: User, access: CaseAccess, client: CaseClient, stage: str, scores: dict[str, Any]
) -> OutcomeRecord:
    if not actor.can("can_manage_case") or not access.full:
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if client.case_id != access.case.pk:
        errors["client"] = [_("Choose a client of this case.")]
    if stage not in OutcomeRecord.Stage.values:
        errors["stage"] = [_("Choose one of the listed values.")]
    clean: dict[str, int] = {}
    for domain in Domain.objects.filter(is_active=True):
        value = scores.get(domain.code)
        try:
            number = int(str(value))
        except (TypeError, ValueError):
            number = 0
        if not 1 <= number <= 5:
            errors[f"score_{domain.code}"] = [
                _("Score %(domain)s from 1 to 5.") % {"domain": domain.name}
            ]
        clean[domain.code] = number
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        record = OutcomeRecord.objects.create(
            case=access.case,
            client=client,
            stage=stage,
            scores=clean,
            recorded_on=timezone.localdate(),
            recorded_by=actor,
        )
        audit_log(
            action="outcomes.record.created",
            actor=actor,
            obj=access.case,
            data={"stage": stage, "scores": clean},
        )
    return record


@dataclass
class DomainChange:
    domain: Domain
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        return (
            None
            if self.before is None or self.after is None
            else round(self.after - self.before, 2)
        )


@dataclass
class CohortReport:
    clients: int
    rows: list[DomainChange]


def cohort_report(
    *, center_id: int, start: dt.date, end: dt.date, category: str = ""
) -> CohortReport:
    """Clients of cases opened in [start, end] (and of ``category`` and its sub-categories):
    the mean score per domain at their first opening record against their latest later record
    (review or closure). Only clients with both are counted."""
    from django_scopes import scopes_disabled

    with scopes_disabled():
        records = OutcomeRecord.objects.filter(
            case__center_id=center_id,
            case__opened_at__date__gte=start,
            case__opened_at__date__lte=end,
        )
        if category:
            records = records.filter(case__category__code__startswith=category)
        by_client: dict[int, list[OutcomeRecord]] = {}
        for r in records.order_by("recorded_on", "id"):
            by_client.setdefault(r.client_id, []).append(r)
        pairs = []
        for recs in by_client.values():
            first = next((r for r in recs if r.stage == OutcomeRecord.Stage.OPENING), None)
            later = [
                r
                for r in recs
                if r.stage != OutcomeRecord.Stage.OPENING
                and first
                and r.recorded_on >= first.recorded_on
            ]
            if first and later:
                pairs.append((first.scores, later[-1].scores))
        rows = []
        for domain in Domain.objects.filter(is_active=True):
            befores = [b[domain.code] for b, a in pairs if domain.code in b and domain.code in a]
            afters = [a[domain.code] for b, a in pairs if domain.code in b and domain.code in a]
            rows.append(
                DomainChange(
                    domain,
                    round(sum(befores) / len(befores), 2) if befores else None,
                    round(sum(afters) / len(afters), 2) if afters else None,
                )
            )
    return CohortReport(len(pairs), rows)
