"""Everything the center holds about one person, for a data subject request (s.30, s.31): a
machine-readable dict (JSON) and a readable Thai PDF.

What is included: the person's profile, sensitive attributes, phones and documents; the cases where they are a client, with the originating requests (never
the reporter), assessment, plan, notes, referrals, visits, welfare applications and outcome
scores; and who read or changed their records (the audit trail).

Others' data is redacted: other clients of a case appear as "another person", and their names
are replaced in free text. A case the decision withholds (for example when the requester is
the alleged perpetrator in it) appears only as withheld, with the reason.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from onestop.privacy.models import DataRequest

OTHER = "[บุคคลอื่น]"


def _iso(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def redactor(names: set[str], replacement: str = OTHER) -> Any:
    """A function that replaces each of ``names`` (the longest first) in a text."""
    names = {n for n in names if len(n) >= 2}
    if not names:
        return lambda text: text
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    return lambda text: pattern.sub(replacement, text) if isinstance(text, str) and text else text


def build(request: DataRequest) -> dict[str, Any]:
    assert request.person is not None
    return build_person(
        request.person,
        center_name=request.center.name_th,
        kind=request.kind,
        received_at=request.received_at,
        withheld=set(request.withheld_cases),
        withheld_reason=request.withheld_reason,
    )


def build_person(
    person: Any,
    *,
    center_name: str,
    kind: str,
    received_at: dt.datetime | None = None,
    withheld: set[str] | None = None,
    withheld_reason: str = "",
) -> dict[str, Any]:
    from onestop.audit.models import AuditEntry
    from onestop.cases.models import Case, CaseClient, Note
    from onestop.outcomes.models import OutcomeRecord
    from onestop.persons.models import PersonSensitive
    from onestop.referrals.models import Referral
    from onestop.volunteers.models import Visit
    from onestop.welfare.models import BenefitApplication

    withheld = withheld or set()
    sensitive = PersonSensitive.objects.filter(person=person).first()
    profile = {
        "code": person.code,
        "prefix": person.prefix,
        "given_name": person.given_name,
        "middle_name": person.middle_name,
        "family_name": person.family_name,
        "nickname": person.nickname,
        "name_en": person.name_en,
        "sex": person.sex,
        "gender_identity": person.gender_identity,
        "birth_date": _iso(person.birth_date),
        "birth_precision": person.birth_precision,
        "nationality": person.nationality,
        "citizenship_status": person.citizenship_status,
        "national_id": person.national_id,
        "languages": person.languages,
        "registered_address": person.registered_address,
        "registered_subdistrict": person.registered_subdistrict_id,
        "current_address": person.current_address,
        "current_subdistrict": person.current_subdistrict_id,
        "place_description": person.place_description,
        "has_disability": person.has_disability,
        "disability_card": person.disability_card,
        "disability_type": person.disability_type,
        "identifying_marks": person.identifying_marks,
        "religion": sensitive.religion if sensitive else "",
        "ethnicity": sensitive.ethnicity if sensitive else "",
        "health_notes": sensitive.health_notes if sensitive else "",
        "phones": [
            {"number": p.number, "label": p.label, "safe_to_contact": p.safe_to_contact}
            for p in person.phones.all()
        ],
        "documents": [
            {
                "type": d.doc_type,
                "number": d.number,
                "issuer": d.issuer,
                "expires_on": _iso(d.expires_on),
            }
            for d in person.documents.all()
        ],
    }
    clients = CaseClient.objects.select_related("person")
    cases = (
        Case.objects.filter(clients__person=person, clients__role="client")
        .distinct()
        .select_related("category", "assessment", "plan")
        .prefetch_related(
            Prefetch("clients", queryset=clients),
            "requests",
            "plan__goals__actions",
            Prefetch("notes", queryset=Note.objects.order_by("happened_on", "pk")),
            Prefetch("referrals", queryset=Referral.objects.select_related("organization")),
            Prefetch("visits", queryset=Visit.objects.order_by("due")),
        )
        .order_by("opened_at")
    )
    case_out = []
    for case in cases:
        if case.number in withheld:
            case_out.append({"number": case.number, "withheld": True, "reason": withheld_reason})
            continue
        others = [c.person for c in case.clients.all() if c.person_id != person.pk]
        redact = redactor(
            {n for o in others for n in (o.given_name, o.family_name, o.nickname) if n}
        )
        assessment = getattr(case, "assessment", None)
        plan = getattr(case, "plan", None)
        case_out.append(
            {
                "number": case.number,
                "title": redact(case.title),
                "category": case.category.name_th,
                "status": case.status,
                "opened_at": _iso(case.opened_at),
                "closed_at": _iso(case.closed_at),
                "summary": redact(case.summary),
                "closure_summary": redact(case.closure_summary),
                "other_people": len(others),
                "requests": [
                    {
                        "reference": r.reference,
                        "received_at": _iso(r.received_at),
                        "channel": r.channel,
                        "description": redact(r.description),
                    }
                    for r in case.requests.all()
                ],
                "assessment": {
                    key: redact(getattr(assessment, key))
                    for key in ("needs", "risks", "strengths", "living_conditions", "opinion")
                }
                if assessment
                else None,
                "plan": [
                    {"goal": redact(g.text), "actions": [redact(a.text) for a in g.actions.all()]}
                    for g in plan.goals.all()
                ]
                if plan
                else [],
                "notes": [
                    {"date": _iso(n.happened_on), "kind": n.kind, "text": redact(n.text)}
                    for n in case.notes.all()
                ],
                "referrals": [
                    {
                        "number": r.number,
                        "to": r.organization.name_th,
                        "status": r.status,
                        "sent_at": _iso(r.sent_at),
                        "reason": redact(r.reason),
                        "outcome": redact(r.outcome),
                    }
                    for r in case.referrals.all()
                    if r.sent_at is not None
                ],
                "home_visits": [
                    {"due": _iso(v.due), "status": v.status, "report": redact(v.report)}
                    for v in case.visits.all()
                ],
            }
        )
    visible = [c["number"] for c in case_out if not c.get("withheld")]
    welfare = [
        {
            "benefit": a.benefit.name_th,
            "status": a.status,
            "created": _iso(a.created),
            "note": a.note,
        }
        for a in BenefitApplication.objects.filter(person=person)
        .exclude(case__number__in=withheld)
        .select_related("benefit")
    ]
    outcomes = [
        {
            "case": o.case.number,
            "stage": o.stage,
            "recorded_on": _iso(o.recorded_on),
            "scores": o.scores,
        }
        for o in OutcomeRecord.objects.filter(
            client__person=person, case__number__in=visible
        ).select_related("case")
    ]
    case_ids = [str(pk) for pk in cases.filter(number__in=visible).values_list("pk", flat=True)]
    trail = [
        {
            "at": _iso(e.at),
            "who": e.actor_label,
            "kind": e.kind,
            "action": e.action,
            "record": e.object_repr,
        }
        for e in AuditEntry.objects.filter(
            Q(object_type="persons.person", object_id=str(person.pk))
            | Q(object_type="cases.case", object_id__in=case_ids)
        ).order_by("at")
    ]
    return {
        "request": {
            "kind": kind,
            "received_at": _iso(received_at),
            "produced_at": _iso(timezone.now()),
            "center": center_name,
        },
        "person": profile,
        "cases": case_out,
        "welfare_applications": welfare,
        "outcome_scores": outcomes,
        "who_accessed": trail,
    }


def to_json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def to_pdf(data: dict[str, Any], viewer_name: str) -> bytes:
    from onestop.cases.pdf import _doc, breakable

    pdf = _doc(viewer_name, timezone.now())
    pdf.set_title("Personal data")

    def heading(text: str, size: int = 13) -> None:
        pdf.ln(2)
        pdf.set_font("Sarabun", "B", size)
        pdf.multi_cell(0, 7, breakable(text), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Sarabun", "", 10)

    def line(label: str, value: Any) -> None:
        if value in (None, "", [], {}):
            return
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        pdf.multi_cell(0, 5, breakable(f"{label}: {text}"), new_x="LMARGIN", new_y="NEXT")

    pdf.add_page()
    heading(_("Personal data held about you"), 16)
    line(_("Center"), data["request"]["center"])
    line(_("Produced"), data["request"]["produced_at"])
    heading(_("Your record"))
    for key, value in data["person"].items():
        line(key, value)
    for case in data["cases"]:
        heading(f"{_('Case')} {case['number']}")
        if case.get("withheld"):
            line(_("Withheld"), case["reason"])
            continue
        for key in ("title", "category", "status", "opened_at", "closed_at", "summary"):
            line(key, case[key])
        for key in ("requests", "assessment", "plan", "referrals", "home_visits"):
            line(key, case[key])
        for note in case["notes"]:
            line(f"{note['date']} {note['kind']}", note["text"])
    heading(_("Welfare applications"))
    for row in data["welfare_applications"]:
        line(row["benefit"], f"{row['status']} {row['created']}")
    heading(_("Quality-of-life scores"))
    for row in data["outcome_scores"]:
        line(f"{row['case']} {row['stage']} {row['recorded_on']}", row["scores"])
    heading(_("Who read or changed your records"))
    for row in data["who_accessed"]:
        line(f"{row['at']} {row['who']}", f"{row['action']} {row['record']}")
    return bytes(pdf.output())
