"""manage.py backup / restore: a round trip gives back every row and every file; a wrong key,
a corrupted archive or one of another schema is refused and nothing changes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django_scopes import scopes_disabled

from onestop.core import backup
from onestop.persons.models import Person
from tests.conftest import World

KEY = Fernet.generate_key().decode()


@pytest.fixture
def keyed(settings: Any, tmp_path: Path) -> Path:
    settings.BACKUP_KEY = KEY
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path


def _everything(media: Path) -> tuple[str, dict[str, bytes]]:
    rows = {}
    with scopes_disabled():
        for m in backup._models():
            data = json.loads(
                serializers.serialize(
                    "json", m._base_manager.order_by("pk"), use_natural_foreign_keys=True
                )
            )
            # A many-to-many field lists its rows in the database's order, which a restore
            # need not keep: compare them as sets.
            for field in m._meta.many_to_many:
                for row in data:
                    row["fields"][field.name] = sorted(row["fields"][field.name], key=json.dumps)
            rows[m._meta.label] = data
    files = (
        {str(p.relative_to(media)): p.read_bytes() for p in media.rglob("*") if p.is_file()}
        if media.exists()
        else {}
    )
    return json.dumps(rows, sort_keys=True, ensure_ascii=False, default=str), files


def test_a_round_trip_gives_back_everything(
    world: World, case: Any, client_person: Person, keyed: Path
) -> None:
    default_storage.save("private/attachments/report.pdf", ContentFile(b"%PDF-1.4 report"))
    # A time with microseconds under a millisecond (Django's JSON would cut them).
    precise = case.opened_at.replace(microsecond=123)
    type(case).objects.filter(pk=case.pk).update(opened_at=precise)
    media = Path(keyed / "media")
    before = _everything(media)
    archive = keyed / "onestop.backup"
    call_command("backup", str(archive), stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert b"%PDF" not in archive.read_bytes()  # encrypted
    # Things change after the backup...
    Person.objects.filter(pk=client_person.pk).update(given_name="เปลี่ยนแล้ว")
    default_storage.delete("private/attachments/report.pdf")
    default_storage.save("private/attachments/new.pdf", ContentFile(b"new"))
    call_command("restore", str(archive), "--yes", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _everything(media) == before
    assert type(case).objects.get(pk=case.pk).opened_at == precise


def test_a_wrong_key_or_a_corrupted_file_is_refused_and_nothing_changes(
    world: World, client_person: Person, keyed: Path, settings: Any
) -> None:
    archive = keyed / "onestop.backup"
    backup.backup(archive)
    Person.objects.filter(pk=client_person.pk).update(given_name="หลังสำรอง")
    settings.BACKUP_KEY = Fernet.generate_key().decode()
    with pytest.raises(CommandError, match="refused"):
        call_command("restore", str(archive), "--yes")
    settings.BACKUP_KEY = KEY
    broken = keyed / "broken.backup"
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0x01
    broken.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="refused"):
        call_command("restore", str(broken), "--yes")
    truncated = keyed / "short.backup"
    truncated.write_bytes(archive.read_bytes()[:100])
    with pytest.raises(CommandError, match="refused"):
        call_command("restore", str(truncated), "--yes")
    assert Person.objects.get(pk=client_person.pk).given_name == "หลังสำรอง"


def test_no_key_no_backup(world: World, settings: Any, tmp_path: Path) -> None:
    settings.BACKUP_KEY = ""
    with pytest.raises(CommandError, match="BACKUP_KEY"):
        call_command("backup", str(tmp_path / "x.backup"))


def test_an_archive_of_another_schema_is_refused(
    world: World, keyed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = keyed / "onestop.backup"
    backup.backup(archive)
    monkeypatch.setattr(backup, "_schema", lambda: ["core.9999_future"])
    with pytest.raises(backup.BackupError, match="schema"):
        backup.restore(archive)
