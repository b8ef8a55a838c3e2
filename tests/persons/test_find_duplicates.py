"""find_duplicates: the full pass writes the judged pairs and fills the review queue."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.core.management import call_command

from onestop.audit.models import AuditEntry
from onestop.persons.models import DuplicateCandidate, Person
from tests.conftest import World
from tests.persons.conftest import make_person


def test_pairs_are_written_with_external_ids_or_codes(
    world: World, person: Person, tmp_path: Path
) -> None:
    Person.objects.filter(pk=person.pk).update(external_id="EXT-1")
    twin = make_person(
        world, given_name="สมหยิง", family_name="ใจดี", birth="15/03/2510", phones=["+66812345678"]
    )
    make_person(world, given_name="มานะ", family_name="ขยันยิ่ง", birth="2540")
    DuplicateCandidate.objects.all().delete()
    out = tmp_path / "pairs.csv"
    call_command("find_duplicates", "--output", str(out), "--center", "tu")
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[0] == ["external_id_a", "external_id_b", "score"]
    assert len(rows) == 2 and sorted(rows[1][:2]) == sorted(["EXT-1", twin.code])
    assert 0.65 <= float(rows[1][2]) <= 1
    candidate = DuplicateCandidate.objects.get()
    assert candidate.source == "full" and candidate.features["features"]
    assert AuditEntry.objects.filter(action="persons.duplicate.full_pass").exists()


def test_a_decided_pair_keeps_its_decision(world: World, person: Person, tmp_path: Path) -> None:
    make_person(world, given_name="สมหยิง", family_name="ใจดี", birth="15/03/2510")
    DuplicateCandidate.objects.update(state="distinct")
    call_command("find_duplicates", "--output", str(tmp_path / "p.csv"), "--center", "TU")
    assert DuplicateCandidate.objects.get().state == "distinct"


def test_generated_variants_are_found(db: None, tmp_path: Path) -> None:
    """A small end-to-end run of what bench-persons does at a million."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from pr import score

    persons = tmp_path / "gen.csv"
    call_command(
        "generate_demo_population",
        "--persons",
        "3000",
        "--duplicates",
        "0.05",
        "--seed",
        "5",
        "--csv",
        str(persons),
    )
    call_command("import_persons", str(persons), "--center", "GEN")
    out = tmp_path / "pairs.csv"
    call_command("find_duplicates", "--output", str(out), "--center", "GEN", "--no-queue")
    precision, recall, *_ = score(str(out), str(persons))
    assert precision >= 0.95 and recall >= 0.9


@pytest.mark.parametrize("args", [["--center", "NOPE"], []])
def test_an_unknown_or_ambiguous_center_is_an_error(
    world: World, tmp_path: Path, args: list[str]
) -> None:
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("find_duplicates", "--output", str(tmp_path / "p.csv"), *args)
