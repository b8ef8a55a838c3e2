"""Remind the data protection officers of data subject requests with a week or less left."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from onestop.privacy import services


class Command(BaseCommand):
    help = "Notify data protection officers of requests due within seven days (once each)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{services.dsar_remind()} reminders sent")
