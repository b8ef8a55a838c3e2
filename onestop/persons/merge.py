"""The merge screen's field-by-field comparison."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models

from onestop.persons.models import Person
from onestop.persons.services import MERGE_FIELDS


@dataclass
class MergeRow:
    name: str
    label: str
    left: str
    right: str
    choosable: bool = True  # documents and phones are not chosen: both move to the survivor

    @property
    def differs(self) -> bool:
        return self.left != self.right


def _display(person: Person, name: str) -> str:
    field = Person._meta.get_field(name)
    value: Any = getattr(person, name)
    if name == "birth_date" and value is not None:
        birth = person.partial_birth
        return birth.format() if birth else ""
    if getattr(field, "choices", None):
        return str(getattr(person, f"get_{name}_display")()) if value else ""
    if isinstance(value, bool):
        from django.utils.translation import gettext as _

        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if value is None:
        return ""
    return str(value)


def merge_rows(left: Person, right: Person) -> list[MergeRow]:
    rows = []
    for name in MERGE_FIELDS:
        if name in ("birth_precision", "age_estimated_on"):
            continue  # shown with, and taken together with, the date or age they qualify
        field = Person._meta.get_field(name)
        assert isinstance(field, models.Field)
        rows.append(
            MergeRow(name, str(field.verbose_name), _display(left, name), _display(right, name))
        )
    from django.utils.translation import gettext as _

    from onestop.thai import ids, phones

    def docs(p: Person) -> str:
        return ", ".join(
            f"{d.get_doc_type_display()} {ids.format_id(d.number) if len(d.number) == 13 else d.number}"
            for d in p.documents.all()
        )

    def numbers(p: Person) -> str:
        return ", ".join(phones.display(x.number) for x in p.phones.all())

    rows.append(MergeRow("documents", _("Identity documents"), docs(left), docs(right), False))
    rows.append(MergeRow("phones", _("Phones"), numbers(left), numbers(right), False))
    return rows
