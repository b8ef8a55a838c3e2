"""Sign-in, sign-out and failed sign-in go to the audit log.

Django's auth signals are the hook here because authentication happens inside Django (and
axes), not in a service of ours; domain writes never use signals.
"""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.http import HttpRequest

from onestop.audit.models import AuditEntry
from onestop.audit.services import audit_log

# Stamped in the session at sign-in: the start of its absolute time limit
# (accounts.middleware.SessionLimitMiddleware).
SIGNED_IN_AT = "onestop_signed_in_at"


def _logged_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = time.time()
    audit_log(action="accounts.session.login", actor=user, obj=user, kind=AuditEntry.Kind.AUTH)


def _logged_out(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit_log(action="accounts.session.logout", actor=user, obj=user, kind=AuditEntry.Kind.AUTH)


def _login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kw: Any) -> None:
    username = str(credentials.get("username", ""))[:150]
    audit_log(
        action="accounts.session.login_failed",
        kind=AuditEntry.Kind.AUTH,
        actor_label=username,
        data={"username": username},
    )


def connect() -> None:
    user_logged_in.connect(_logged_in, dispatch_uid="onestop_audit_login")
    user_logged_out.connect(_logged_out, dispatch_uid="onestop_audit_logout")
    user_login_failed.connect(_login_failed, dispatch_uid="onestop_audit_login_failed")
