"""Who sees a referral. Partner staff see the referrals to their own organisation (from any
center of the deployment: a hospital serves several), and of each only what the worker chose to
share; another organisation's referral is 404. Case workers reach referrals through their case
(cases.access)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django_scopes import scopes_disabled

from onestop.accounts.models import User
from onestop.audit.models import AuditEntry
from onestop.audit.services import audit_log, audit_read
from onestop.cases.access import CaseAccess
from onestop.cases.models import Attachment
from onestop.cases.services import contact_allowed
from onestop.referrals.models import Referral


def _require_partner(user: User) -> None:
    if not user.can("can_receive_referrals"):
        raise PermissionDenied


def referrals_for_partner(user: User) -> QuerySet[Referral]:
    _require_partner(user)
    # The organisation is the boundary, not the center scope: referrals come from every center.
    with scopes_disabled():
        if user.organization_id is None:
            return Referral.objects.none()
        return (
            Referral.objects.filter(organization_id=user.organization_id)
            .exclude(status=Referral.Status.DRAFT)
            .select_related("service", "center")
            .order_by("-sent_at")
        )


def get_referral_for_partner(user: User, referral_id: int | str) -> Referral:
    if not str(referral_id).isdigit():
        raise Http404
    with scopes_disabled():
        referral = (
            referrals_for_partner(user)
            .select_related("case", "organization")
            .filter(pk=int(referral_id))
            .first()
        )
    if referral is None:
        raise Http404
    audit_read(actor=user, obj=referral, reason="partner")
    return referral


def referrals_for_case(access: CaseAccess) -> QuerySet[Referral]:
    if not access.full:
        raise PermissionDenied
    return access.case.referrals.select_related("service", "organization", "created_by")


def get_referral_for_case(access: CaseAccess, referral_id: int | str) -> Referral:
    if not str(referral_id).isdigit():
        raise Http404
    referral = referrals_for_case(access).filter(pk=int(referral_id)).first()
    if referral is None:
        raise Http404
    return referral


@dataclass
class SharedClient:
    name: str
    age: int | None
    phone: str = ""


@dataclass
class Shared:
    """Exactly what a partner sees of a case."""

    summary: str = ""
    clients: list[SharedClient] = field(default_factory=list)
    documents: list[Attachment] = field(default_factory=list)


def shared_part(referral: Referral) -> Shared:
    with scopes_disabled():
        clients = []
        for c in referral.clients.select_related("person", "safe_phone"):
            phone = ""
            # Contact details only when shared, and only a phone the client says is safe.
            if referral.share_contact and contact_allowed(c, "phone") and c.safe_phone:
                phone = c.safe_phone.number
            clients.append(
                SharedClient(c.person.full_name, c.person.age_on(timezone.localdate()), phone)
            )
        return Shared(
            summary=referral.case.summary if referral.share_summary else "",
            clients=clients,
            documents=list(referral.documents.all()),
        )


def get_shared_document(
    referral: Referral, attachment_id: Any, *, actor: User | None = None, label: str = ""
) -> Attachment:
    """A document the worker shared with this referral (for its partner staff or a link's
    holder, already checked by the caller); every download is audited."""
    if not str(attachment_id).isdigit():
        raise Http404
    with scopes_disabled():
        item = referral.documents.filter(pk=int(attachment_id)).first()
    if item is None:
        raise Http404
    audit_log(
        action="referrals.document.downloaded",
        actor=actor,
        actor_label=label,
        obj=referral,
        kind=AuditEntry.Kind.READ,
        data={"attachment": item.pk, "kind": item.kind},
    )
    return item


def referrals_for_center(user: User) -> QuerySet[Referral]:
    """Referrals and transfers that other OneStop centers sent to this user's center."""
    if not user.can("can_manage_case"):
        raise PermissionDenied
    with scopes_disabled():
        if user.center_id is None:
            return Referral.objects.none()
        return (
            Referral.objects.filter(organization__center_id=user.center_id)
            .exclude(status=Referral.Status.DRAFT)
            .select_related("service", "center", "receiving_case")
            .order_by("-sent_at")
        )


def get_referral_for_center(user: User, referral_id: int | str) -> Referral:
    if not str(referral_id).isdigit():
        raise Http404
    with scopes_disabled():
        referral = (
            referrals_for_center(user)
            .select_related("case", "organization")
            .filter(pk=int(referral_id))
            .first()
        )
    if referral is None:
        raise Http404
    audit_read(actor=user, obj=referral, reason="receiving center")
    return referral
