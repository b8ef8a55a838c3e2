"""Our directory as Open Referral HSDS 3.0 objects, for the read API and the import command.

Field names and shapes follow the HSDS 3.0 schemas (tests validate every response against the
official compiled schemas). Names are given in Thai, with the English name as
``alternate_name``. A confidential location (a shelter) is published without address or
coordinates: only its name and a phone.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db.models import Prefetch, QuerySet

from onestop.directory.models import (
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)

VERSION = "3.0"
PROFILE = "https://openreferral.org/hsds/3.0/onestop-thailand"
TAXONOMY_URIS = {
    TaxonomyTerm.Taxonomy.PROBLEM: "https://onestop.example/taxonomies/problem",
    TaxonomyTerm.Taxonomy.SERVICE_TYPE: "https://onestop.example/taxonomies/service-type",
}
THAILAND = "TH"


def compact(value: Any) -> Any:
    """HSDS leaves an unknown optional field out rather than null (the schemas type most fields
    as plain strings or numbers): drop the Nones, recursively."""
    if isinstance(value, dict):
        return {k: compact(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [compact(v) for v in value]
    return value


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def _time(value: dt.time) -> str:
    # HSDS wants the offset on times; Thailand has no daylight saving.
    return f"{value:%H:%M}+07:00"


def term(t: TaxonomyTerm) -> dict[str, Any]:
    return {
        "id": str(t.pk),
        "code": t.code,
        "name": t.name_th,
        "description": t.description or t.name_en or t.name_th,
        "parent_id": str(t.parent_id) if t.parent_id else None,
        "taxonomy": t.taxonomy,
        "language": "th",
        "term_uri": f"{TAXONOMY_URIS[TaxonomyTerm.Taxonomy(t.taxonomy)]}/{t.code}",
    }


def phone(p: Phone) -> dict[str, Any]:
    return {
        "id": str(p.pk),
        "number": p.number,
        "extension": float(p.extension) if p.extension.isdigit() else None,
        "type": p.type or "voice",
        "description": p.description or None,
        "organization_id": str(p.organization.uuid) if p.organization is not None else None,
        "service_id": str(p.service_id) if p.service_id else None,
        "location_id": str(p.location_id) if p.location_id else None,
    }


def schedule(s: Schedule) -> dict[str, Any]:
    return {
        "id": str(s.pk),
        "service_id": str(s.service_id) if s.service_id else None,
        "location_id": str(s.location_id) if s.location_id else None,
        "valid_from": s.valid_from.isoformat() if s.valid_from else None,
        "valid_to": s.valid_to.isoformat() if s.valid_to else None,
        "timezone": 7,
        "freq": s.freq,
        "wkst": "MO",
        "byday": s.byday,
        "opens_at": _time(s.opens_at),
        "closes_at": _time(s.closes_at),
        "description": s.description or None,
    }


def location(loc: Location, *, public: bool = True) -> dict[str, Any]:
    """``public``: the confidential rule applies (everything this module publishes)."""
    hidden = public and loc.confidential
    data: dict[str, Any] = {
        "id": str(loc.pk),
        "location_type": "physical",
        "organization_id": str(loc.organization.uuid),
        "name": loc.name,
        "description": loc.description or None,
        "transportation": None if hidden else (loc.transportation or None),
        "latitude": None if hidden or loc.lat is None else float(loc.lat),
        "longitude": None if hidden or loc.lng is None else float(loc.lng),
        "languages": [],
        "addresses": [] if hidden else _addresses(loc),
        "phones": [phone(p) for p in loc.phones.all()],
        "schedules": [schedule(s) for s in loc.schedules.all()],
        "contacts": [],
        "accessibility": [],
        "attributes": [],
    }
    return data


def _addresses(loc: Location) -> list[dict[str, Any]]:
    if loc.subdistrict is None and not loc.address_line:
        return []
    sub = loc.subdistrict
    return [
        {
            "id": str(loc.pk),
            "location_id": str(loc.pk),
            "address_1": loc.address_line or (sub.name_th if sub else ""),
            "address_2": f"ต.{sub.name_th} อ.{sub.district.name_th}" if sub else None,
            "city": sub.district.name_th if sub else "",
            "state_province": sub.district.province.name_th if sub else "",
            "postal_code": sub.postcode_list[0] if sub and sub.postcode_list else "",
            "country": THAILAND,
            "address_type": "physical",
        }
    ]


def organization(org: Organization, *, full: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(org.uuid),
        "name": org.name_th,
        "alternate_name": org.name_en or None,
        "description": org.description or org.name_th,
        "email": org.email or None,
        "website": org.website or None,
        "phones": [phone(p) for p in org.phones.all()],
    }
    if full:
        data.update(
            contacts=[_contact(c) for c in org.contacts.all()],
            locations=[location(loc) for loc in org.locations.all()],
            programs=[
                {
                    "id": str(p.pk),
                    "organization_id": str(org.uuid),
                    "name": p.name_th,
                    "alternate_name": p.name_en or None,
                    "description": p.description or p.name_th,
                }
                for p in org.programs.all()
            ],
            organization_identifiers=[],
            funding=[],
            attributes=[],
        )
    return data


def _contact(c: Any) -> dict[str, Any]:
    return {
        "id": str(c.pk),
        "name": c.name,
        "title": c.title or None,
        "department": c.department or None,
        "email": c.email or None,
        "phones": [{"id": str(uuid.uuid5(c.pk, c.phone)), "number": c.phone}] if c.phone else [],
    }


def service(s: Service, *, full: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(s.pk),
        "organization_id": str(s.organization.uuid),
        "program_id": str(s.program_id) if s.program_id else None,
        "name": s.name_th,
        "alternate_name": s.name_en or None,
        "description": s.description,
        "url": s.url or None,
        "email": s.email or None,
        "status": s.status,
        "interpretation_services": s.interpretation_services or None,
        "application_process": s.application_process or None,
        "fees_description": s.fees_description or None,
        "eligibility_description": s.eligibility_description or None,
        "minimum_age": s.minimum_age,
        "maximum_age": s.maximum_age,
        "alert": s.alert or None,
        "last_modified": _iso(s.updated),
        "organization": organization(s.organization),
    }
    if full:
        data.update(
            phones=[phone(p) for p in s.phones.all()],
            schedules=[schedule(x) for x in s.schedules.all()],
            service_areas=[
                {"id": str(a.pk), "service_id": str(s.pk), "name": a.name, "extent_type": None}
                for a in s.service_areas.all()
            ],
            service_at_locations=[
                service_at_location(x, nested_service=False) for x in s.service_at_locations.all()
            ],
            languages=[
                {"id": str(uuid.uuid5(s.pk, code)), "service_id": str(s.pk), "code": code}
                for code in s.languages
            ],
            required_documents=[
                {"id": str(d.pk), "service_id": str(s.pk), "document": d.document}
                for d in s.required_documents.all()
            ],
            contacts=[_contact(c) for c in s.contacts.all()],
            attributes=[
                {
                    "id": str(uuid.uuid5(s.pk, str(t.pk))),
                    "link_id": str(s.pk),
                    "link_type": "service",
                    "link_entity": "service",
                    "taxonomy_term_id": str(t.pk),
                    "taxonomy_term": term(t),
                    "value": t.code,
                }
                for t in s.terms.all()
            ],
            cost_options=[],
            funding=[],
        )
    return data


def service_at_location(sal: ServiceAtLocation, *, nested_service: bool = True) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(sal.pk),
        "service_id": str(sal.service_id),
        "location_id": str(sal.location_id),
        "description": sal.description or None,
        "location": location(sal.location),
        "phones": [],
        "schedules": [],
        "contacts": [],
        "attributes": [],
    }
    if nested_service:
        data["service"] = service(sal.service)
    return data


# --- Querysets the API pages over (prefetched so a page costs a fixed number of queries) -----

_LOCATION_PARTS = ("phones", "schedules", "subdistrict__district__province")


def services_qs(*, full: bool) -> QuerySet[Service]:
    qs = Service.objects.select_related("organization").prefetch_related("organization__phones")
    if full:
        qs = qs.prefetch_related(
            "phones",
            "schedules",
            "service_areas__province",
            "service_areas__district__province",
            "service_areas__subdistrict__district__province",
            Prefetch(
                "service_at_locations",
                ServiceAtLocation.objects.select_related(
                    "location__organization", "location__subdistrict__district__province"
                ).prefetch_related("location__phones", "location__schedules"),
            ),
            "required_documents",
            "contacts",
            "terms",
        )
    return qs


def organizations_qs(*, full: bool) -> QuerySet[Organization]:
    qs = Organization.objects.prefetch_related("phones")
    if full:
        qs = qs.prefetch_related(
            "contacts",
            "programs",
            Prefetch(
                "locations",
                Location.objects.select_related(
                    "organization", "subdistrict__district__province"
                ).prefetch_related("phones", "schedules"),
            ),
        )
    return qs


def service_at_locations_qs() -> QuerySet[ServiceAtLocation]:
    return ServiceAtLocation.objects.select_related(
        "service__organization",
        "location__organization",
        "location__subdistrict__district__province",
    ).prefetch_related("location__phones", "location__schedules", "service__organization__phones")
