from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from onestop.accounts.models import User
from onestop.audit.services import audit_log, diff, snapshot
from onestop.core.errors import check_version
from onestop.directory.models import Organization

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
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    check_version(org.version, expected_version)
    before = snapshot(org, ORGANIZATION_FIELDS)
    for name, value in fields.items():
        if name not in ORGANIZATION_FIELDS:
            raise DirectoryError(f"field {name} cannot be changed here")
        setattr(org, name, value)
    _check_name(org.name_th, exclude_pk=org.pk)
    org.full_clean(validate_unique=False)
    changes = diff(before, snapshot(org, ORGANIZATION_FIELDS))
    if changes:
        org.version += 1
        org.save()
        audit_log(action="directory.organization.updated", actor=actor, obj=org, changes=changes)
    return org
