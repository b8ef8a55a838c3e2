from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from onestop.accounts.models import User
from onestop.audit.services import audit_log, diff, snapshot
from onestop.core.errors import check_version
from onestop.core.services import versioned_update
from onestop.directory.models import (
    Contact,
    Location,
    Organization,
    Phone,
    Program,
    RequiredDocument,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)

ORGANIZATION_FIELDS = [
    "name_th",
    "name_en",
    "kind",
    "description",
    "phone",
    "email",
    "website",
    "address_line",
    "subdistrict",
    "is_active",
]


class DirectoryError(ValueError):
    pass


def _check_name(name_th: str, exclude_pk: int | None = None) -> None:
    clash = Organization.objects.filter(name_th=name_th)
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise DirectoryError(_("An organisation with this Thai name already exists."))


@transaction.atomic
def organization_create(*, actor: User | None, **fields: Any) -> Organization:
    unknown = set(fields) - set(ORGANIZATION_FIELDS)
    if unknown:
        raise DirectoryError(f"unknown fields {sorted(unknown)}")
    org = Organization(**fields)
    _check_name(org.name_th)
    org.full_clean(validate_unique=False)
    org.save()
    audit_log(
        action="directory.organization.created",
        actor=actor,
        obj=org,
        changes=diff({}, snapshot(org, ORGANIZATION_FIELDS)),
    )
    return org


@transaction.atomic
def organization_update(
    *, actor: User, organization: Organization, expected_version: int | None = None, **fields: Any
) -> Organization:
    return versioned_update(
        obj=organization,
        actor=actor,
        fields=fields,
        allowed=ORGANIZATION_FIELDS,
        action="directory.organization.updated",
        expected_version=expected_version,
        error=DirectoryError,
        check=lambda o: _check_name(o.name_th, exclude_pk=o.pk),
    )


# --- Services directory (HSDS) ----------------------------------------------------------------

SERVICE_FIELDS = [
    "organization",
    "program",
    "name_th",
    "name_en",
    "description",
    "url",
    "email",
    "status",
    "eligibility_description",
    "minimum_age",
    "maximum_age",
    "fees_description",
    "application_process",
    "interpretation_services",
    "alert",
    "languages",
]


@transaction.atomic
def service_save(
    *,
    actor: User | None,
    service: Service | None = None,
    fields: dict[str, Any],
    terms: list[TaxonomyTerm] | None = None,
    documents: list[str] | None = None,
    expected_version: int | None = None,
) -> Service:
    """Create or edit a service with its taxonomy terms and required documents, audited."""
    unknown = set(fields) - set(SERVICE_FIELDS)
    if unknown:
        raise DirectoryError(f"unknown fields {sorted(unknown)}")
    created = service is None
    if service is None:
        service = Service(**fields)
        before: dict[str, Any] = {}
    else:
        service = Service.objects.select_for_update().get(pk=service.pk)
        check_version(service.version, expected_version)
        before = snapshot(service, SERVICE_FIELDS)
        for name, value in fields.items():
            setattr(service, name, value)
        service.version += 1
    if (
        service.minimum_age is not None
        and service.maximum_age is not None
        and service.minimum_age > service.maximum_age
    ):
        raise ValidationError({"maximum_age": [_("The maximum age is below the minimum age.")]})
    service.full_clean(exclude=["terms"])
    service.save()
    if terms is not None:
        service.terms.set(terms)
    if documents is not None:
        service.required_documents.all().delete()
        RequiredDocument.objects.bulk_create(
            [
                RequiredDocument(service=service, document=d.strip()[:300])
                for d in documents
                if d.strip()
            ]
        )
    audit_log(
        action="directory.service.created" if created else "directory.service.updated",
        actor=actor,
        obj=service,
        changes=diff(before, snapshot(service, SERVICE_FIELDS)),
        data={"terms": [t.code for t in terms] if terms is not None else None},
    )
    return service


LOCATION_FIELDS = [
    "name",
    "description",
    "address_line",
    "subdistrict",
    "lat",
    "lng",
    "transportation",
    "confidential",
]


@transaction.atomic
def location_save(
    *,
    actor: User | None,
    organization: Organization,
    location: Location | None = None,
    fields: dict[str, Any],
    services: list[Service] | None = None,
    phone: str = "",
) -> Location:
    created = location is None
    location = location or Location(organization=organization)
    before = {} if created else snapshot(location, LOCATION_FIELDS)
    for name, value in fields.items():
        if name not in LOCATION_FIELDS:
            raise DirectoryError(f"unknown field {name}")
        setattr(location, name, value)
    if location.confidential and not (phone or location.phones.exists() if location.pk else phone):
        raise ValidationError(
            {"phone": [_("A confidential location needs a contact phone: its address is hidden.")]}
        )
    location.full_clean(exclude=["organization"])
    location.save()
    if phone:
        Phone.objects.update_or_create(location=location, defaults={"number": phone})
    if services is not None:
        for s in services:
            if s.organization_id != organization.pk:
                raise ValidationError({"services": [_("Choose services of this organisation.")]})
            ServiceAtLocation.objects.get_or_create(service=s, location=location)
        ServiceAtLocation.objects.filter(location=location).exclude(service__in=services).delete()
    audit_log(
        action="directory.location.created" if created else "directory.location.updated",
        actor=actor,
        obj=organization,
        changes=diff(before, snapshot(location, LOCATION_FIELDS)),
        data={"location": str(location.pk)},
    )
    return location


@transaction.atomic
def schedule_add(
    *,
    actor: User | None,
    service: Service | None = None,
    location: Location | None = None,
    days: list[str],
    opens_at: dt.time,
    closes_at: dt.time,
    description: str = "",
) -> Schedule:
    if (service is None) == (location is None):
        raise DirectoryError("a schedule belongs to a service or a location")
    bad = [d for d in days if d not in Schedule.DAYS]
    if not days or bad:
        raise ValidationError({"days": [_("Choose at least one day.")]})
    if opens_at >= closes_at:
        raise ValidationError({"closes_at": [_("Closing time must be after opening time.")]})
    item = Schedule.objects.create(
        service=service,
        location=location,
        byday=",".join(d for d in Schedule.DAYS if d in days),
        opens_at=opens_at,
        closes_at=closes_at,
        description=description.strip()[:300],
    )
    owner = service.organization if service else location.organization  # type: ignore[union-attr]
    audit_log(
        action="directory.schedule.added",
        actor=actor,
        obj=owner,
        data={"schedule": str(item), "service": str(service.pk) if service else None},
    )
    return item


@transaction.atomic
def service_area_set(
    *, actor: User | None, service: Service, provinces: list[Any], districts: list[Any]
) -> None:
    service.service_areas.all().delete()
    ServiceArea.objects.bulk_create(
        [ServiceArea(service=service, province=p) for p in provinces]
        + [ServiceArea(service=service, district=d) for d in districts]
    )
    audit_log(
        action="directory.service.areas_set",
        actor=actor,
        obj=service,
        data={"provinces": [p.pk for p in provinces], "districts": [d.pk for d in districts]},
    )


@transaction.atomic
def hours_set(
    *,
    actor: User | None,
    service: Service | None = None,
    location: Location | None = None,
    days: list[str],
    opens_at: dt.time | None,
    closes_at: dt.time | None,
) -> Schedule | None:
    """Replace the weekly hours of a service or a location (no days: no hours given)."""
    owner_filter: dict[str, Any] = (
        {"service": service} if service is not None else {"location": location}
    )
    Schedule.objects.filter(**owner_filter).delete()
    if not days or opens_at is None or closes_at is None:
        return None
    return schedule_add(
        actor=actor,
        service=service,
        location=location,
        days=days,
        opens_at=opens_at,
        closes_at=closes_at,
    )


@transaction.atomic
def service_phone_set(*, actor: User | None, service: Service, number: str) -> None:
    """The service's own phone (one; empty removes it)."""
    service.phones.all().delete()
    if number:
        Phone.objects.create(service=service, number=number)


@transaction.atomic
def program_add(
    *,
    actor: User | None,
    organization: Organization,
    name_th: str,
    name_en: str = "",
    description: str = "",
) -> Program:
    if not name_th.strip():
        raise ValidationError({"name_th": [_("This field is required.")]})
    program = Program.objects.create(
        organization=organization,
        name_th=name_th.strip()[:200],
        name_en=name_en.strip()[:200],
        description=description.strip()[:4000],
    )
    audit_log(
        action="directory.program.added",
        actor=actor,
        obj=organization,
        data={"program": str(program.pk)},
    )
    return program


@transaction.atomic
def contact_add(
    *,
    actor: User | None,
    organization: Organization,
    name: str,
    title: str = "",
    department: str = "",
    email: str = "",
    phone: str = "",
) -> Contact:
    if not name.strip():
        raise ValidationError({"name": [_("This field is required.")]})
    contact = Contact.objects.create(
        organization=organization,
        name=name.strip()[:200],
        title=title.strip()[:200],
        department=department.strip()[:200],
        email=email.strip()[:254],
        phone=phone.strip()[:30],
    )
    audit_log(
        action="directory.contact.added",
        actor=actor,
        obj=organization,
        data={"contact": str(contact.pk)},
    )
    return contact


@transaction.atomic
def contact_remove(*, actor: User | None, contact: Contact) -> None:
    organization = contact.organization
    contact.delete()
    audit_log(action="directory.contact.removed", actor=actor, obj=organization)
