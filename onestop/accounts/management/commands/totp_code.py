"""Print the current two-step sign-in code of a demo account (development only)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from onestop.accounts import two_factor
from onestop.accounts.models import User


class Command(BaseCommand):
    help = "Print the code a demo account's authenticator shows now (refused in production)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        # Anyone with shell access could read the secret from the database anyway; the refusal
        # keeps this helper from becoming the habit on a real deployment.
        if settings.PRODUCTION:
            raise CommandError("totp_code is a demo helper and does not run in production.")
        user = User.objects.filter(username=username).first()
        device = two_factor.totp_device(user) if user is not None else None
        if device is None:
            raise CommandError(f"{username} has no authenticator.")
        self.stdout.write(two_factor.current_code(device))
