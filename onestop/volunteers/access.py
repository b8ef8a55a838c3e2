"""The only way views and the API fetch volunteers: the coordinator's own center (404 for
another center's), and every read of a volunteer's record audited."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from onestop.accounts.models import User
from onestop.audit.services import audit_read
from onestop.volunteers.models import Card, HoursEntry, Visit, Volunteer


def volunteers_for_user(user: User) -> QuerySet[Volunteer]:
    if not user.can("can_manage_volunteers"):
        raise PermissionDenied
    qs = Volunteer.objects.select_related("type", "area_subdistrict__district__province", "center")
    if user.is_system_admin:
        return qs
    if user.center_id is None:
        return qs.none()
    return qs.filter(center_id=user.center_id)


def get_volunteer_for_user(user: User, pk: int | str, *, audit: bool = True) -> Volunteer:
    text = str(pk)
    volunteer = volunteers_for_user(user).filter(pk=int(text)).first() if text.isdigit() else None
    if volunteer is None:
        raise Http404
    if audit:
        audit_read(actor=user, obj=volunteer)
    return volunteer


def get_card_for_user(user: User, pk: int | str, *, capability: str = "can_issue_cards") -> Card:
    if not user.can(capability):
        raise PermissionDenied
    text = str(pk)
    card = (
        Card.objects.select_related("volunteer__type", "volunteer__center")
        .filter(pk=int(text), volunteer__in=volunteers_for_user(user))
        .first()
        if text.isdigit()
        else None
    )
    if card is None:
        raise Http404
    return card


def visits_for_volunteer(user: User) -> QuerySet[Visit]:
    """A volunteer's own visits, and nothing else: no case, no other client, no other volunteer."""
    if not user.can("can_volunteer"):
        raise PermissionDenied
    return Visit.objects.filter(volunteer__user=user).select_related(
        "subdistrict__district__province"
    )


def get_visit_for_volunteer(user: User, pk: int | str) -> Visit:
    text = str(pk)
    visit = visits_for_volunteer(user).filter(pk=int(text)).first() if text.isdigit() else None
    if visit is None:
        raise Http404
    return visit


def get_visit_on_case(case_id: int, pk: int | str) -> Visit:
    """A visit of a case the caller already holds access to (cases.access.get_case_for_user)."""
    text = str(pk)
    visit = (
        Visit.objects.select_related(
            "volunteer__type", "client__person", "subdistrict", "requested_by"
        )
        .filter(case_id=case_id, pk=int(text))
        .first()
        if text.isdigit()
        else None
    )
    if visit is None:
        raise Http404
    return visit


def hours_for_coordinator(user: User) -> QuerySet[HoursEntry]:
    return HoursEntry.objects.filter(volunteer__in=volunteers_for_user(user)).select_related(
        "volunteer"
    )


def get_volunteer_of_user(user: User) -> Volunteer:
    """The signed-in volunteer's own record (404 when the account is not a volunteer's)."""
    if not user.can("can_volunteer"):
        raise PermissionDenied
    volunteer = Volunteer.objects.filter(user=user).select_related("type", "center").first()
    if volunteer is None:
        raise Http404
    return volunteer
