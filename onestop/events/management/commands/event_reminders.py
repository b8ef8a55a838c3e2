from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django_scopes import scopes_disabled

from onestop.events.services import reminders_send


class Command(BaseCommand):
    help = "Email the day-before reminder to everyone with a place (run every hour)."

    def handle(self, *args: Any, **options: Any) -> None:
        with scopes_disabled():  # every center's events
            count = reminders_send()
        self.stdout.write(f"reminded {count}")
