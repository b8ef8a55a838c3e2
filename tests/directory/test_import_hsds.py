"""import_hsds: the official example loads, twice to the same result; bad JSON and a file that
breaks the schema are refused with a clear report and nothing half-imported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from onestop.audit.models import AuditEntry
from onestop.directory.models import Location, Organization, Phone, Service, ServiceAtLocation

EXAMPLE = Path(__file__).resolve().parent / "example_organization_full.json"


def counts() -> tuple[int, ...]:
    return tuple(
        m.objects.count() for m in (Organization, Service, Location, ServiceAtLocation, Phone)
    )


def test_the_official_example_imports_idempotently(db: None, capsys) -> None:  # type: ignore[no-untyped-def]
    call_command("import_hsds", str(EXAMPLE))
    first = counts()
    data = json.loads(EXAMPLE.read_text())
    org = Organization.objects.get(uuid=data["id"])
    assert org.name_th == data["name"]
    svc = Service.objects.get(pk=data["services"][0]["id"])
    assert svc.organization == org and svc.status == data["services"][0]["status"]
    call_command("import_hsds", str(EXAMPLE))
    assert counts() == first
    assert AuditEntry.objects.filter(action="directory.hsds.imported").count() == 2


def test_invalid_json_is_refused_with_its_line(db: None, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": "x",\n "name": }')
    with pytest.raises(CommandError, match="nothing imported"):
        call_command("import_hsds", str(bad))
    assert "บรรทัด 2" in capsys.readouterr().err  # the operator reads it in Thai
    assert counts() == (0, 0, 0, 0, 0)


def test_a_file_that_breaks_the_schema_imports_nothing(db: None, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(EXAMPLE.read_text())
    good = dict(data, id="11111111-1111-4111-8111-111111111111", name="องค์กรที่ถูกต้อง", services=[])
    broken = json.loads(json.dumps(data))
    broken["services"][0]["status"] = "open for business"
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps([good, broken]))
    with pytest.raises(CommandError):
        call_command("import_hsds", str(path))
    err = capsys.readouterr().err
    assert "organizations[1].services[0].status" in err
    assert counts() == (0, 0, 0, 0, 0)
