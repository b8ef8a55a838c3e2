"""Access helpers for help requests: the same 404 for missing and for another center's."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from onestop.accounts.models import User
from onestop.audit.services import audit_read
from onestop.intake.models import CenterClosure, HelpRequest, HelpRequestPhoto


def _require_intake(user: User) -> None:
    if not (user.can("can_triage") or user.can("can_intake")):
        raise PermissionDenied


def help_requests_for_user(user: User) -> QuerySet[HelpRequest]:
    _require_intake(user)
    qs = HelpRequest.objects.select_related("category", "center", "subdistrict__district__province")
    if not user.is_system_admin:
        if user.center_id is None:
            return qs.none()
        qs = qs.filter(center_id=user.center_id)
    return qs


def get_help_request_for_user(
    user: User, request_id: int | str, *, write: bool = False
) -> HelpRequest:
    _require_intake(user)
    if not str(request_id).isdigit():
        raise Http404
    request = help_requests_for_user(user).filter(pk=int(request_id)).first()
    if request is None:
        raise Http404
    if write and not user.can("can_triage"):
        raise PermissionDenied
    if not write:
        audit_read(actor=user, obj=request)
    return request


def get_accepted_request_for_case_work(user: User, request_id: int | str) -> HelpRequest:
    """A request accepted at triage, for the staff who open its case (social workers hold no
    intake capability: they see the accepted requests of their center, not the queue)."""
    if not user.can("can_manage_case"):
        raise PermissionDenied
    if not str(request_id).isdigit() or user.center_id is None:
        raise Http404
    request = (
        HelpRequest.objects.select_related("category")
        .filter(pk=int(request_id), center_id=user.center_id, outcome=HelpRequest.Outcome.ACCEPT)
        .first()
    )
    if request is None:
        raise Http404
    audit_read(actor=user, obj=request, reason="opening a case")
    return request


def get_photo_for_user(user: User, request_id: int | str, photo_id: int | str) -> HelpRequestPhoto:
    request = get_help_request_for_user(user, request_id)
    if not str(photo_id).isdigit():
        raise Http404
    photo = request.photos.filter(pk=int(photo_id)).first()
    if photo is None:
        raise Http404
    return photo


def get_closure_for_user(user: User, closure_id: int | str) -> CenterClosure:
    if not user.can("can_manage_center"):
        raise PermissionDenied
    if not str(closure_id).isdigit() or user.center_id is None:
        raise Http404
    closure = CenterClosure.objects.filter(pk=int(closure_id), center_id=user.center_id).first()
    if closure is None:
        raise Http404
    return closure
