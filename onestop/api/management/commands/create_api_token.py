from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from onestop.accounts.models import User
from onestop.api.services import api_token_create


class Command(BaseCommand):
    help = "Create an API token for USERNAME and print only the token on stdout."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="command line")

    def handle(self, *args: Any, username: str, name: str, **options: Any) -> None:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"no active user {username!r}")
        try:
            _token, clear = api_token_create(user=user, name=name)
        except PermissionDenied as exc:
            raise CommandError(f"{username} has no role that may use the API") from exc
        self.stdout.write(clear)
