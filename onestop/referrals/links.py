"""Signed links for partners without an account (the issue's "single-purpose link")."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from onestop.accounts.models import User
from onestop.audit.models import AuditEntry
from onestop.audit.services import audit_log
from onestop.cases.access import CaseAccess
from onestop.referrals.models import Referral, ReferralLink


def _hash(token: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), token.encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def link_create(*, actor: User, access: CaseAccess, referral: Referral, email: str) -> ReferralLink:
    """Make the link and email it; the token itself is never stored or shown to staff."""
    if not actor.can("can_refer") or not access.full or referral.case_id != access.case.pk:
        raise PermissionDenied
    if not referral.is_open:
        raise ValidationError({"email": [_("Only an open referral can be shared by a link.")]})
    if "@" not in email:
        raise ValidationError({"email": [_("Enter a valid email address.")]})
    token = secrets.token_urlsafe(32)
    link = ReferralLink.objects.create(
        referral=referral,
        email=email.strip()[:254],
        token_hash=_hash(token),
        created_by=actor,
        expires_at=timezone.now() + timedelta(days=ReferralLink.DAYS),
    )
    audit_log(
        action="referrals.link.created", actor=actor, obj=referral, data={"email": link.email}
    )
    url = f"{settings.SITE_URL}/r/{token}/"
    subject = _("Referral %(number)s from %(center)s") % {
        "number": referral.number,
        "center": referral.center.name_th,
    }
    body = _(
        "%(center)s refers a client to your service “%(service)s”.\n\n"
        "Open this link to see what was shared and to answer (valid for %(days)s days, "
        "or until the referral closes):\n%(url)s\n\nDo not forward this email."
    ) % {
        "center": referral.center.name_th,
        "service": referral.service.name_th,
        "days": ReferralLink.DAYS,
        "url": url,
    }
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [link.email])
    )
    return link


def link_resolve(token: str) -> ReferralLink:
    """The link for ``token`` if it still works: the same 404 for a wrong, tampered, revoked or
    expired token, and after the referral closed."""
    if not token or len(token) > 100:
        raise Http404
    link = (
        ReferralLink.objects.select_related(
            "referral__case", "referral__service", "referral__center", "referral__organization"
        )
        .filter(token_hash=_hash(token))
        .first()
    )
    now = timezone.now()
    if (
        link is None
        or link.revoked_at is not None
        or link.expires_at <= now
        or link.referral.status not in (Referral.Status.SENT, *Referral.OPEN)
    ):
        raise Http404
    ReferralLink.objects.filter(pk=link.pk).update(last_used_at=now)
    audit_log(
        action="referrals.link.used",
        obj=link.referral,
        kind=AuditEntry.Kind.READ,
        actor_label=f"link:{link.email}"[:150],
        data={"link": link.pk},
    )
    return link


@transaction.atomic
def link_revoke(*, actor: User, access: CaseAccess, link: ReferralLink) -> None:
    if not actor.can("can_refer") or not access.full or link.referral.case_id != access.case.pk:
        raise PermissionDenied
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        audit_log(
            action="referrals.link.revoked",
            actor=actor,
            obj=link.referral,
            data={"email": link.email},
        )
