from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from onestop.accounts.models import User
from onestop.directory.models import Contact, Location, Organization, Service


def organizations_for_user(user: User) -> QuerySet[Organization]:
    if not (user.can("can_view_directory") or user.can("can_manage_directory")):
        raise PermissionDenied
    return Organization.objects.select_related("subdistrict__district__province").order_by(
        "name_th"
    )


def get_organization_for_user(
    user: User, organization_id: int | str, *, write: bool = False
) -> Organization:
    if write and not user.can("can_manage_directory"):
        raise PermissionDenied
    if not str(organization_id).isdigit():
        raise Http404
    org = organizations_for_user(user).filter(pk=int(organization_id)).first()
    if org is None:
        raise Http404
    return org


def _owned(user: User, records: QuerySet[Any], record_id: str) -> Any:
    """One of an organisation's records by its HSDS id, for editing: 404 when it is not that
    organisation's (or the id is not a UUID)."""
    if not user.can("can_manage_directory"):
        raise PermissionDenied
    try:
        key = uuid.UUID(str(record_id))
    except ValueError as exc:
        raise Http404 from exc
    record = records.filter(pk=key).first()
    if record is None:
        raise Http404
    return record


def get_service_for_user(user: User, organization: Organization, service_id: str) -> Service:
    service: Service = _owned(user, organization.services.all(), service_id)
    return service


def get_location_for_user(user: User, organization: Organization, location_id: str) -> Location:
    location: Location = _owned(user, organization.locations.all(), location_id)
    return location


def get_contact_for_user(user: User, organization: Organization, contact_id: str) -> Contact:
    contact: Contact = _owned(user, organization.contacts.all(), contact_id)
    return contact
