"""import_persons: UTF-8 CSV in batches, bad rows reported and skipped, re-import is a no-op."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from onestop.audit.models import AuditEntry
from onestop.centers.models import Center
from onestop.persons.importer import COLUMNS
from onestop.persons.models import Person
from tests.conftest import World
from tests.persons.conftest import THAI_ID

HEADER = ",".join(COLUMNS)


def write(
    tmp_path: Path, lines: list[str], name: str = "people.csv", encoding: str = "utf-8"
) -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding=encoding)
    return path


GOOD = [
    f"A1,น.ส.,สมหญิง,,ใจดี,หญิง,F,2510-03-15,{THAI_ID},081-234-5678,130201",
    "A2,ด.ช.,มานะ,,ใจดี,,M,2015-06,,,",
    "A3,ด.ญ.,มานี,,ใจดี,,F,2560,,0899990000,130201",
    "A4,,หม่องอ่อง,,,,X,,0012345678909,,",
]


def test_a_good_file_imports_and_again_creates_nothing(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, GOOD)
    call_command("import_persons", str(path), "--center", "TU")
    assert Person.objects.filter(center=world.center_a).count() == 4
    a1 = Person.objects.get(external_id="A1")
    assert (a1.prefix, a1.birth_date.isoformat(), a1.birth_precision) == (
        "miss",
        "1967-03-15",
        "day",
    )
    assert a1.national_id == THAI_ID and a1.documents.get().verification == "checked"
    assert a1.phones.get().number == "+66812345678" and a1.registered_subdistrict_id == "130201"
    a2 = Person.objects.get(external_id="A2")
    assert (a2.prefix, a2.birth_precision, a2.birth_date.year) == ("boy", "month", 2015)
    a3 = Person.objects.get(external_id="A3")
    assert (a3.prefix, a3.birth_precision, a3.birth_date.year) == ("girl", "year", 2017)  # BE 2560
    assert Person.objects.get(external_id="A4").citizenship_status == "non_thai_id"
    assert "4 created" in capsys.readouterr().out
    call_command("import_persons", str(path), "--center", "TU")
    assert Person.objects.count() == 4
    assert "4 already imported" in capsys.readouterr().out
    entry = AuditEntry.objects.filter(action="persons.person.imported").latest("pk")
    assert entry.data["created"] == 0 and entry.data["already_imported"] == 4
    # The registry's keys and search work on imported rows.
    from onestop.persons.search import search

    assert search(Person.objects.all(), "สมหญิ").hits[0].person == a1


def test_bad_rows_are_skipped_and_reported_with_line_numbers(world: World, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        [
            *GOOD[:1],
            "B1,,สมชาย,,ดีมาก,,M,2510-03-15,1103702071839,,",  # check digit
            "B2,,สมชาย,,ดีมาก,,M,,110370207183,,",  # 12 digits
            "B3,,สมชาย,,ดีมาก,,M,2999-01-01,,,",  # future
            "B4,,สมชาย,,ดีมาก,,M,2300,,,",  # BE 2300
            "B5,,สมชาย,,ดีมาก,,M,,,,999999",  # no such sub-district
            "B6,,,,ดีมาก,,M,,,,",  # no name
            "B7,ท่านขุน,สมชาย,,ดีมาก,,Q,,,,",  # prefix and sex
            "B8,,สมชาย,,ดีมาก,,M,,๑๑๐๓๗๐๒๐๗๑๘๓๘,,",  # Thai digits: accepted (same ID as A1)
        ],
    )
    call_command("import_persons", str(path), "--center", "TU")
    assert sorted(Person.objects.values_list("external_id", flat=True)) == ["A1", "B8"]
    report = list(csv.reader((tmp_path / "people.errors.csv").open(encoding="utf-8")))
    assert report[0] == ["line", "external_id", "reason"]
    by_id = {row[1]: row for row in report[1:]}
    assert set(by_id) == {"B1", "B2", "B3", "B4", "B5", "B6", "B7"}
    assert by_id["B1"][0] == "3" and by_id["B5"][0] == "7"
    assert all(row[2] for row in report[1:])


def test_a_file_that_is_not_utf8_is_refused_whole(world: World, tmp_path: Path) -> None:
    path = write(tmp_path, GOOD, encoding="tis-620")
    with pytest.raises(CommandError, match="UTF-8"):
        call_command("import_persons", str(path), "--center", "TU")
    assert not Person.objects.exists()


def test_a_missing_column_is_refused_whole(world: World, tmp_path: Path) -> None:
    path = tmp_path / "short.csv"
    path.write_text("external_id,given_name\nA1,สมหญิง\n", encoding="utf-8")
    with pytest.raises(CommandError, match="family_name"):
        call_command("import_persons", str(path), "--center", "TU")
    assert not Person.objects.exists()


def test_a_new_center_code_is_created_so_an_empty_database_works(db: None, tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    call_command("import_persons", str(path), "--center", "NEW1")
    assert Center.objects.get(code="NEW1").name_th == "NEW1"
    assert Person.objects.filter(center__code="NEW1").count() == 4


def test_without_center_the_only_one_is_used_and_several_is_an_error(
    db: None, tmp_path: Path
) -> None:
    path = write(tmp_path, GOOD)
    Center.objects.create(code="only", name_th="ศูนย์เดียว")
    call_command("import_persons", str(path))
    assert Person.objects.filter(center__code="only").count() == 4
    Center.objects.create(code="two", name_th="ศูนย์สอง")
    with pytest.raises(CommandError):
        call_command("import_persons", str(path))


def test_a_million_bad_rows_are_reported_without_importing_anything(
    db: None, tmp_path: Path
) -> None:
    """Memory stays flat (rows stream through) and nothing is half-saved."""
    path = tmp_path / "bad.csv"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(HEADER + "\n")
        fh.writelines(f"X{i},,,,,,,,,,\n" for i in range(1_000_000))
    Center.objects.create(code="only", name_th="ศูนย์เดียว")
    call_command("import_persons", str(path))
    assert not Person.objects.exists()
    with (tmp_path / "bad.errors.csv").open(encoding="utf-8") as fh:
        assert sum(1 for _ in fh) == 1_000_001
