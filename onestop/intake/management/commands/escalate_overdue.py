from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django_scopes import scopes_disabled

from onestop.cases.services import cases_escalate
from onestop.intake.services import help_requests_escalate
from onestop.intake.tasks import escalate_overdue
from onestop.referrals.services import referrals_escalate


class Command(BaseCommand):
    help = (
        "Escalate help requests without a first contact and cases without a worker past their "
        "deadline (run every minute)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="queue it for db_worker instead")

    def handle(self, *args: Any, enqueue: bool = False, **options: Any) -> None:
        if enqueue:
            escalate_overdue.enqueue()
            return
        with scopes_disabled():  # the sweep covers every center on purpose
            count = help_requests_escalate() + cases_escalate() + referrals_escalate()
        self.stdout.write(f"escalated {count}")
