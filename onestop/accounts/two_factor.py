"""Two-factor sign-in: a TOTP authenticator app, with one-use recovery codes for a lost phone.

django-otp keeps the devices and checks the codes (its TOTP device refuses a code from a time
step already used, so a seen code cannot be replayed, and doubles the wait after each failure).
This module decides who must pass a second factor and performs every write as an audited
service, as the rest of the accounts app does.

The flow: the password sign-in (accounts:login) opens a session; SecondFactorMiddleware then
sends a session that still needs its second factor to the setup page (no device yet) or the
verify page, and lets it reach nothing else but public pages and sign-out.
"""

from __future__ import annotations

from base64 import b32encode
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from onestop.accounts.capabilities import SECOND_FACTOR_CAPABILITIES
from onestop.accounts.models import User
from onestop.accounts.tasks import send_account_notice
from onestop.audit.models import AuditEntry
from onestop.audit.services import audit_log

RECOVERY_DEVICE_NAME = "recovery"
APP_DEVICE_NAME = "authenticator"


class TwoFactorError(ValueError):
    """A rule was broken; the message is translated and shown as is."""


def totp_device(user: User) -> TOTPDevice | None:
    """The user's confirmed authenticator, if they enrolled one."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


# Remembered on the user object for the request: the gate middleware and the menu's context
# processor both ask, for every request of an account that is not verified.
_ENROLLED = "_onestop_otp_enrolled"


def is_enrolled(user: Any) -> bool:
    if not user.is_authenticated:
        return False
    if not hasattr(user, _ENROLLED):
        setattr(user, _ENROLLED, totp_device(user) is not None)
    return bool(getattr(user, _ENROLLED))


def _forget_enrolment(user: Any) -> None:
    if hasattr(user, _ENROLLED):
        delattr(user, _ENROLLED)


def is_required(user: Any) -> bool:
    """Whether this account must pass a second factor to use its session.

    Required where settings.OTP_REQUIRED is on and the account sees cases or personal data in
    bulk; an account that enrolled a device is always asked, whatever the setting.
    """
    if not user.is_authenticated:
        return False
    if settings.OTP_REQUIRED and any(user.can(c) for c in SECOND_FACTOR_CAPABILITIES):
        return True
    return is_enrolled(user)


def is_verified(request: HttpRequest) -> bool:
    verified = getattr(request.user, "is_verified", None)
    return bool(verified and verified())


def secret_base32(device: TOTPDevice) -> str:
    """The secret as authenticator apps ask for it when typed in (no QR code)."""
    return b32encode(device.bin_key).decode()


def current_code(device: TOTPDevice) -> str:
    """The code the device shows now (the demo's helper command and the tests' sign-in)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return str(totp.token()).zfill(device.digits)


def enrolment_start(user: User) -> TOTPDevice:
    """A fresh unconfirmed authenticator for the setup page (kept until it is confirmed, so a
    reload shows the same QR code)."""
    if totp_device(user) is not None:
        raise TwoFactorError(_("This account already has an authenticator."))
    pending = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return pending or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def _new_recovery_codes(user: User) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _i in range(settings.RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


def enrolment_confirm(
    *, request: HttpRequest, user: User, device: TOTPDevice, code: str
) -> list[str]:
    """Confirm the authenticator with a code it shows, verify this session and return the new
    recovery codes (shown once; only the account holder ever sees them)."""
    if device.user_id != user.pk or device.confirmed:
        raise TwoFactorError(_("Start the set-up again."))
    # Outside the transaction below: a wrong code's audit entry and throttling must stay.
    if not device.verify_token(_digits(code)):
        audit_log(
            action="accounts.two_factor.enrol_failed",
            actor=user,
            obj=user,
            kind=AuditEntry.Kind.AUTH,
        )
        raise TwoFactorError(
            _("That code is not right. Check the time on your phone and try again.")
        )
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        _forget_enrolment(user)
        codes = _new_recovery_codes(user)
        audit_log(
            action="accounts.two_factor.enrolled", actor=user, obj=user, kind=AuditEntry.Kind.AUTH
        )
    otp_login(request, device)
    return codes


def verify(*, request: HttpRequest, user: User, code: str) -> bool:
    """Check a code from the authenticator, or a recovery code (each works once), and mark the
    session verified. Failures are audited; django-otp throttles the device after each one."""
    device = _verify_with(user, code)
    if device is None:
        audit_log(
            action="accounts.two_factor.failed", actor=user, obj=user, kind=AuditEntry.Kind.AUTH
        )
        return False
    otp_login(request, device)
    recovery = isinstance(device, StaticDevice)
    audit_log(
        action="accounts.two_factor.verified",
        actor=user,
        obj=user,
        kind=AuditEntry.Kind.AUTH,
        data={"method": "recovery_code" if recovery else "authenticator"},
    )
    return True


def _digits(code: str) -> str:
    return "".join(code.split())


def _verify_with(user: User, code: str) -> TOTPDevice | StaticDevice | None:
    cleaned = _digits(code)
    # Each check in its own transaction, with the device row locked: two requests racing with
    # the same code cannot both pass (django-otp's advice for its for_verify devices).
    with transaction.atomic():
        if cleaned.isdigit():
            app = (
                TOTPDevice.objects.select_for_update()
                .filter(user=user, confirmed=True)
                .order_by("pk")
                .first()
            )
            if app is not None and app.verify_token(cleaned):
                return app
            return None
        recovery = (
            StaticDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
        )
        if recovery is not None and recovery.verify_token(cleaned.lower()):
            return recovery
    return None


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def recovery_codes_regenerate(*, user: User) -> list[str]:
    """New recovery codes for the account holder (the old ones stop working)."""
    if totp_device(user) is None:
        raise TwoFactorError(_("Set up an authenticator first."))
    codes = _new_recovery_codes(user)
    audit_log(
        action="accounts.two_factor.recovery_codes_renewed",
        actor=user,
        obj=user,
        kind=AuditEntry.Kind.AUTH,
    )
    return codes


@transaction.atomic
def reset(*, actor: User, user: User) -> None:
    """Remove a user's authenticator and recovery codes (a lost phone): they enrol again at
    their next sign-in. Done by their center administrator, never by themselves."""
    if actor.pk == user.pk:
        raise TwoFactorError(_("Ask another administrator to reset your own two-step sign-in."))
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    _forget_enrolment(user)
    if user.email:
        transaction.on_commit(lambda: send_account_notice.enqueue(user.pk, "two_factor_reset"))
    audit_log(action="accounts.two_factor.reset", actor=actor, obj=user, kind=AuditEntry.Kind.AUTH)


@transaction.atomic
def demo_device(user: User) -> TOTPDevice:
    """A confirmed authenticator for a demo account (seed_demo prints its secret)."""
    device = totp_device(user)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=True)
        _forget_enrolment(user)
    return device
