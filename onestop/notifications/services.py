from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from onestop.accounts.models import User
from onestop.notifications.models import Notification


def notify(*, users: Iterable[User], text: str, link: str = "", email_subject: str = "") -> int:
    """In-app notification for each user; email too when email is configured and they have one."""
    users = [u for u in users if u.is_active]
    Notification.objects.bulk_create(
        [Notification(user=u, text=text[:300], link=link) for u in users]
    )
    if settings.EMAIL_ENABLED and email_subject:
        recipients = [u.email for u in users if u.email]
        if recipients:
            body = f"{text}\n\n{settings.SITE_URL}{link}"
            transaction.on_commit(
                lambda: send_mail(email_subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
            )
    return len(users)


def notifications_mark_read(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
