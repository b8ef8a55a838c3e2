"""Load an HSDS 3.0 dataset (organisations with their services, locations, phones and opening
hours) into the directory. Everything is checked against the HSDS schemas first; then it is
written in one transaction, keyed by the HSDS ids, so loading the same file twice changes
nothing and a bad file leaves nothing half-imported."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
from django.db import transaction
from django.utils.translation import gettext as _
from jsonschema.validators import validator_for

from onestop.audit.services import audit_log
from onestop.directory.models import (
    Location,
    Organization,
    Phone,
    RequiredDocument,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)

SCHEMAS = Path(__file__).resolve().parent / "hsds_schemas"


class ImportRefused(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class ImportReport:
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + 1


@lru_cache(maxsize=4)
def _validator(name: str) -> Any:
    schema = json.loads((SCHEMAS / f"{name}.json").read_text())
    cls = validator_for(schema, default=jsonschema.Draft202012Validator)
    return cls(schema)


def parse(text: str) -> list[dict[str, Any]]:
    """The organisations in a file: one organisation, a list of them, or an HSDS page."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportRefused(
            [
                _("Not valid JSON: line %(line)s, column %(col)s: %(msg)s")
                % {"line": exc.lineno, "col": exc.colno, "msg": exc.msg}
            ]
        ) from exc
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        data = data["contents"]
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list) or not all(isinstance(x, dict) for x in data):
        raise ImportRefused([_("Expected an organisation, a list of them, or an HSDS page.")])
    return data


def check(orgs: list[dict[str, Any]]) -> None:
    problems: list[str] = []
    for i, org in enumerate(orgs):
        for err in _validator("organization").iter_errors(org):
            problems.append(
                f"organizations[{i}].{'.'.join(map(str, err.path)) or '(root)'}: {err.message}"
            )
        for j, svc in enumerate(org.get("services") or []):
            for err in _validator("service").iter_errors(svc):
                where = ".".join(map(str, err.path)) or "(root)"
                problems.append(f"organizations[{i}].services[{j}].{where}: {err.message}")
            if not isinstance(svc, dict):
                continue
    if problems:
        raise ImportRefused(problems[:200])


def _id(value: Any) -> uuid.UUID:
    return uuid.UUID(str(value))


def _dec(value: Any) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value)).quantize(Decimal("0.000001"))
    except InvalidOperation:
        return None


def _time(value: str | None) -> dt.time | None:
    if not value:
        return None
    try:
        return dt.time.fromisoformat(value[:5])
    except ValueError:
        return None


def _term(data: dict[str, Any], report: ImportReport) -> TaxonomyTerm:
    term_id = _id(data["id"])
    code = (data.get("code") or str(term_id))[:40]
    existing = (
        TaxonomyTerm.objects.filter(pk=term_id).first()
        or TaxonomyTerm.objects.filter(code=code).first()
    )
    if existing is not None:
        return existing
    report.add("taxonomy_terms")
    return TaxonomyTerm.objects.create(
        id=term_id,
        taxonomy=(data.get("taxonomy") or "imported")[:30],
        code=code,
        name_th=data["name"][:200],
        description=(data.get("description") or "")[:500],
    )


def _phones(items: list[dict[str, Any]] | None, report: ImportReport, **owner: Any) -> None:
    for p in items or []:
        Phone.objects.update_or_create(
            id=_id(p["id"]),
            defaults={
                "number": str(p["number"])[:30],
                "extension": str(int(p["extension"])) if p.get("extension") else "",
                "type": (p.get("type") or "voice")[:10],
                "description": (p.get("description") or "")[:200],
                **owner,
            },
        )
        report.add("phones")


def _schedules(items: list[dict[str, Any]] | None, report: ImportReport, **owner: Any) -> None:
    for s in items or []:
        opens, closes = _time(s.get("opens_at")), _time(s.get("closes_at"))
        if opens is None or closes is None or opens >= closes or not s.get("byday"):
            continue  # HSDS allows free-text-only schedules; ours are weekly hours
        Schedule.objects.update_or_create(
            id=_id(s["id"]),
            defaults={
                "freq": s.get("freq") or "WEEKLY",
                "byday": s["byday"][:30],
                "opens_at": opens,
                "closes_at": closes,
                "description": (s.get("description") or "")[:300],
                **owner,
            },
        )
        report.add("schedules")


def _location(data: dict[str, Any], org: Organization, report: ImportReport) -> Location:
    address = (data.get("addresses") or [{}])[0]
    loc, _created = Location.objects.update_or_create(
        id=_id(data["id"]),
        defaults={
            "organization": org,
            "name": (data.get("name") or org.name_th)[:200],
            "description": (data.get("description") or "")[:1000],
            "address_line": " ".join(
                x
                for x in (address.get("address_1"), address.get("address_2"), address.get("city"))
                if x
            )[:300],
            "lat": _dec(data.get("latitude")),
            "lng": _dec(data.get("longitude")),
            "transportation": (data.get("transportation") or "")[:300],
        },
    )
    report.add("locations")
    _phones(data.get("phones"), report, location=loc)
    _schedules(data.get("schedules"), report, location=loc)
    return loc


def _service(data: dict[str, Any], org: Organization, report: ImportReport) -> Service:
    status = data.get("status") if data.get("status") in Service.Status.values else "active"
    svc, _created = Service.objects.update_or_create(
        id=_id(data["id"]),
        defaults={
            "organization": org,
            "name_th": data["name"][:200],
            "name_en": (data.get("alternate_name") or "")[:200],
            "description": (data.get("description") or data["name"])[:4000],
            "url": (data.get("url") or "")[:200],
            "email": (data.get("email") or "")[:254],
            "status": status,
            "eligibility_description": (data.get("eligibility_description") or "")[:2000],
            "minimum_age": int(data["minimum_age"])
            if data.get("minimum_age") is not None
            else None,
            "maximum_age": int(data["maximum_age"])
            if data.get("maximum_age") is not None
            else None,
            "fees_description": (data.get("fees_description") or "")[:500],
            "application_process": (data.get("application_process") or "")[:2000],
            "interpretation_services": (data.get("interpretation_services") or "")[:300],
            "alert": (data.get("alert") or "")[:300],
            "languages": [x.get("code") for x in data.get("languages") or [] if x.get("code")],
        },
    )
    report.add("services")
    svc.terms.set(
        [
            _term(a["taxonomy_term"], report)
            for a in data.get("attributes") or []
            if a.get("taxonomy_term")
        ]
    )
    svc.required_documents.all().delete()
    RequiredDocument.objects.bulk_create(
        [
            RequiredDocument(id=_id(d["id"]), service=svc, document=(d.get("document") or "")[:300])
            for d in data.get("required_documents") or []
            if d.get("document")
        ]
    )
    _phones(data.get("phones"), report, service=svc)
    _schedules(data.get("schedules"), report, service=svc)
    for sal in data.get("service_at_locations") or []:
        if sal.get("location"):
            loc = _location(sal["location"], org, report)
            ServiceAtLocation.objects.update_or_create(
                id=_id(sal["id"]),
                defaults={
                    "service": svc,
                    "location": loc,
                    "description": (sal.get("description") or "")[:500],
                },
            )
            report.add("service_at_locations")
    return svc


def load(orgs: list[dict[str, Any]], *, source: str = "") -> ImportReport:
    check(orgs)
    report = ImportReport()
    with transaction.atomic():
        for data in orgs:
            org_id = _id(data["id"])
            org = Organization.objects.filter(uuid=org_id).first()
            clash = (
                Organization.objects.filter(name_th=data["name"][:200]).exclude(uuid=org_id).first()
            )
            if clash is not None:
                raise ImportRefused(
                    [
                        _("%(name)s: another organisation already has this name.")
                        % {"name": data["name"]}
                    ]
                )
            org = org or Organization(uuid=org_id)
            org.name_th = data["name"][:200]
            org.name_en = (data.get("alternate_name") or "")[:200]
            org.description = (data.get("description") or "")[:4000]
            org.email = (data.get("email") or "")[:254]
            org.website = (data.get("website") or "")[:200]
            org.save()
            report.add("organizations")
            _phones(data.get("phones"), report, organization=org)
            for loc in data.get("locations") or []:
                _location(loc, org, report)
            for svc in data.get("services") or []:
                _service(svc, org, report)
        audit_log(
            action="directory.hsds.imported",
            data={"source": source[:200], **report.counts},
            actor_label="import_hsds",
        )
    return report
