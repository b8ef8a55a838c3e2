"""python manage.py anonymise_person CODE --reason "..." [--dry-run]: erase a person's personal
data (PDPA s.33), keeping what the aggregates need. Refused, with the reasons, while a case of
theirs is open or inside its retention period."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_scopes import scopes_disabled

from onestop.privacy import erasure


class Command(BaseCommand):
    help = "Anonymise one person (by person code or id), everywhere their data occurs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("person", help="person code (P-...) or id")
        parser.add_argument("--reason", required=True, help="why (e.g. the erasure request)")
        parser.add_argument("--dry-run", action="store_true", help="only say whether it may")

    def handle(self, *args: Any, **options: Any) -> None:
        from onestop.persons.models import Person

        key = str(options["person"]).strip()
        with scopes_disabled():
            person = (
                Person.objects.filter(pk=int(key)).first()
                if key.isdigit()
                else Person.objects.filter(code=key.upper()).first()
            )
            if person is None:
                raise CommandError(f"no person {key}")
            reasons = erasure.refusals(person)
            if options["dry_run"]:
                if reasons:
                    self.stdout.write("refused:\n" + "\n".join(f"- {r}" for r in reasons))
                else:
                    self.stdout.write(f"{person.code} may be anonymised")
                return
            try:
                result = erasure.anonymise_person(
                    actor=None, person=person, reason=options["reason"]
                )
            except ValidationError as exc:
                raise CommandError("refused: " + " ".join(exc.messages)) from exc
        self.stdout.write(
            f"{result.person_code} anonymised: {result.cases} cases, {result.texts} texts "
            f"rewritten, {result.deleted} records deleted, {result.audit_entries} audit entries "
            f"and {result.tasks} task payloads redacted"
            + (f"; copy kept, sha256 {result.copy_sha256}" if result.copy_sha256 else "")
        )
