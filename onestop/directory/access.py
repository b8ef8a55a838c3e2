from __future__ import annotations

import uuid

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


def get_service_for_user(user: User, organization: Organization, service_id: str) -> Service:
    if not user.can("can_manage_directory"):
        raise PermissionDenied
    try:
        key = uuid.UUID(str(service_id))
    except ValueError as exc:
        raise Http404 from exc
    service = organization.services.filter(pk=key).first()
    if service is None:
        raise Http404
    return service


def get_location_for_user(user: User, organization: Organization, location_id: str) -> Location:
    if not user.can("can_manage_directory"):
        raise PermissionDenied
    try:
        key = uuid.UUID(str(location_id))
    except ValueError as exc:
        raise Http404 from exc
    location = organization.locations.filter(pk=key).first()
    if location is None:
        raise Http404
    return location


def get_contact_for_user(user: User, organization: Organization, contact_id: str) -> Contact:
    if not user.can("can_manage_directory"):
        raise PermissionDenied
    try:
        key = uuid.UUID(str(contact_id))
    except ValueError as exc:
        raise Http404 from exc
    contact = organization.contacts.filter(pk=key).first()
    if contact is None:
        raise Http404
    return contact
