"""`python manage.py event_reminders`: the day-before email, once per person."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from onestop.events import services
from tests.conftest import World
from tests.events.conftest import person


def test_the_day_before_everyone_with_a_place_is_reminded_once(
    world: World,
    make_event,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    tomorrow = make_event(capacity=1, days=0)
    tomorrow.starts_at = timezone.now() + timedelta(hours=20)
    tomorrow.ends_at = tomorrow.starts_at + timedelta(hours=2)
    tomorrow.save()
    later = make_event(capacity=5, days=5)
    services.register(event=tomorrow, data=person(1))
    services.register(event=tomorrow, data=person(2))  # waitlisted: no reminder
    services.register(event=later, data=person(3))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("event_reminders", stdout=StringIO())
        call_command("event_reminders", stdout=StringIO())
    assert [m.to for m in mail.outbox] == [["p1@example.org"]]
