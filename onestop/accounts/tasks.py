"""Account notices sent in the background (django-tasks; db_worker runs them)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from onestop.accounts.models import User

NOTICES = {"created", "password_changed", "password_reset", "two_factor_reset"}


@task()
def send_account_notice(user_id: int, notice: str) -> bool:
    """Email the account holder that their account was created or their password changed.

    A security notice: if they did not expect it, they call their center. Takes an ID, not an
    object, because the task may run in another process later. Returns whether mail was sent.
    """
    if notice not in NOTICES:
        raise ValueError(notice)
    user = User.objects.filter(pk=user_id, is_active=True).select_related("center").first()
    if user is None or not user.email:
        return False
    with translation.override(user.language):
        context = {"user": user, "notice": notice, "site_url": settings.SITE_URL}
        subject = render_to_string("accounts/email/notice_subject.txt", context).strip()
        body = render_to_string("accounts/email/notice_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    return True
