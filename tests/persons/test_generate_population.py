"""generate_demo_population: seeded, realistic, with households and people without papers."""

from __future__ import annotations

import csv
from pathlib import Path

from django.core.management import call_command

from onestop.centers.models import Center
from onestop.persons.models import Household, Person, Relationship


def test_the_same_seed_writes_the_same_file(db: None, tmp_path: Path) -> None:
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    call_command("generate_demo_population", "--persons", "500", "--seed", "9", "--csv", str(a))
    call_command("generate_demo_population", "--persons", "500", "--seed", "9", "--csv", str(b))
    assert a.read_bytes() == b.read_bytes()
    rows = list(csv.DictReader(a.open(encoding="utf-8")))
    assert len(rows) == 500
    assert any(r["national_id"].startswith("0") for r in rows)  # stateless and migrants
    assert any(not r["national_id"] for r in rows)  # no papers at all
    assert any(len(r["birth_date"]) == 4 for r in rows)  # year only
    assert any(r["birth_date"][:4] >= "2400" for r in rows) and any(
        "1900" < r["birth_date"][:4] < "2100" for r in rows
    )


def test_into_the_database_with_households(db: None) -> None:
    Center.objects.create(code="demo", name_th="ศูนย์สาธิต")
    call_command("generate_demo_population", "--persons", "300", "--duplicates", "0.05")
    assert Person.objects.count() == 300
    assert Household.objects.exists() and Relationship.objects.filter(kind="parent").exists()
    assert Person.objects.exclude(citizenship_status="thai").exists()
    call_command("generate_demo_population", "--persons", "300", "--duplicates", "0.05")
    assert Person.objects.count() == 300  # the same seed again adds nothing
