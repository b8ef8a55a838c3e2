from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from onestop.accounts.models import User
from onestop.audit.services import audit_log, diff, snapshot
from onestop.core.services import versioned_update
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
