"""Backup and restore of a whole deployment: the database (every app's rows, as Django's own
JSON serialisation) and the uploaded files, in one archive encrypted and authenticated with a
key from the environment (BACKUP_KEY, a Fernet key).

A restore decrypts and checks the whole archive before it touches anything: a wrong key, a
corrupted or truncated file, or an archive of another schema version is refused and the
current data stays as it is. Then, in one transaction, it empties the tables and loads the
rows, and only after that commits does it replace the files.

This is for the embedded default (SQLite, one machine) and for moving a center; a large
PostgreSQL deployment also keeps `pg_dump` backups (docs/deployment.md).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "onestop-backup-1"
# Rebuilt by Django itself: they are not data.
SKIP = {"contenttypes.contenttype", "auth.permission", "sessions.session"}


class BackupError(Exception):
    pass


class FullPrecision(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a backup keeps the microseconds."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        if isinstance(o, dt.time):
            return o.isoformat()
        return super().default(o)


def key() -> bytes:
    value = getattr(settings, "BACKUP_KEY", "")
    if not value:
        raise BackupError(
            "BACKUP_KEY is not set (python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')"
        )
    return value.encode()


def _schema() -> list[str]:
    return sorted(
        f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()
    )


def _models() -> list[type[models.Model]]:
    return [
        m
        for m in apps.get_models()
        if m._meta.label_lower not in SKIP and m._meta.managed and not m._meta.proxy
    ]


@dataclass
class Summary:
    rows: int
    files: int
    size: int
    sha256: str


def backup(path: Path) -> Summary:
    """Write the encrypted archive to ``path``."""
    from django_scopes import scopes_disabled

    buffer = io.BytesIO()
    rows = 0
    files = 0
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar, scopes_disabled():
        data = []
        for model in _models():
            # The base manager: every row, whatever a default manager hides or scopes.
            objects = list(model._base_manager.order_by("pk"))
            rows += len(objects)
            # Natural keys for permissions and content types: they are rebuilt by migrate and
            # their ids differ between deployments.
            data.append(
                json.loads(
                    serializers.serialize(
                        "json", objects, use_natural_foreign_keys=True, cls=FullPrecision
                    )
                )
            )
        flat = [row for chunk in data for row in chunk]
        payload = json.dumps(flat, ensure_ascii=False).encode()
        _add(tar, "database.json", payload)
        media = Path(settings.MEDIA_ROOT)
        if media.exists():
            for file in sorted(p for p in media.rglob("*") if p.is_file()):
                tar.add(file, arcname=f"media/{file.relative_to(media)}")
                files += 1
        meta = {
            "format": FORMAT,
            "created": timezone.now().isoformat(),
            "schema": _schema(),
            "rows": rows,
            "files": files,
            "database_sha256": hashlib.sha256(payload).hexdigest(),
        }
        _add(tar, "meta.json", json.dumps(meta).encode())
    token = Fernet(key()).encrypt(buffer.getvalue())
    path.write_bytes(token)
    return Summary(rows, files, len(token), hashlib.sha256(token).hexdigest())


def _add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))


def _open(path: Path) -> tuple[dict[str, object], bytes, tarfile.TarFile]:
    try:
        plain = Fernet(key()).decrypt(path.read_bytes())
    except InvalidToken as exc:
        raise BackupError(
            "the archive cannot be decrypted: wrong BACKUP_KEY, or the file is corrupted"
        ) from exc
    try:
        # In memory, read by the caller for the media files: nothing to close but a buffer.
        tar = tarfile.open(fileobj=io.BytesIO(plain), mode="r:gz")  # noqa: SIM115
        meta = json.loads(tar.extractfile("meta.json").read())  # type: ignore[union-attr]
        payload = tar.extractfile("database.json").read()  # type: ignore[union-attr]
    except (tarfile.TarError, KeyError, AttributeError, ValueError) as exc:
        raise BackupError("the archive is not a OneStop backup") from exc
    if meta.get("format") != FORMAT:
        raise BackupError("the archive is not a OneStop backup")
    if hashlib.sha256(payload).hexdigest() != meta.get("database_sha256"):
        raise BackupError("the archive's database does not match its checksum")
    if meta.get("schema") != _schema():
        raise BackupError(
            "the archive was made with another version of the database schema: migrate to it first"
        )
    return meta, payload, tar


def restore(path: Path) -> Summary:
    """Replace the database and the uploaded files with the archive's."""
    from django.core.management.color import no_style
    from django_scopes import scopes_disabled

    meta, payload, tar = _open(path)
    with tempfile.TemporaryDirectory() as staging:
        root = Path(staging)
        members = [m for m in tar.getmembers() if m.name.startswith("media/") and m.isfile()]
        for member in members:
            target = (root / member.name).resolve()
            if not str(target).startswith(str(root.resolve())):
                raise BackupError("the archive names a file outside the media folder")
            target.parent.mkdir(parents=True, exist_ok=True)
            source = tar.extractfile(member)
            assert source is not None
            target.write_bytes(source.read())
        tables = [m._meta.db_table for m in _models()]
        for m in _models():
            for f in m._meta.local_many_to_many:
                through: Any = f.remote_field.through
                if through is not None and through._meta.auto_created:
                    tables.append(through._meta.db_table)
        with transaction.atomic(), scopes_disabled():
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    # TRUNCATE refuses while deferred checks of this transaction are pending.
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                for sql in connection.ops.sql_flush(no_style(), sorted(set(tables))):
                    cursor.execute(sql)
                if connection.vendor == "postgresql":
                    # Rows load in any order: check the foreign keys at commit, as Django does.
                    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            with connection.constraint_checks_disabled():
                for obj in serializers.deserialize("json", payload, handle_forward_references=True):
                    obj.save()
            connection.check_constraints()
            _reset_sequences()
        # The files only once the database is in: a failure above leaves them as they were.
        media = Path(settings.MEDIA_ROOT)
        if media.exists():
            shutil.rmtree(media)
        if (root / "media").exists():
            shutil.copytree(root / "media", media)
        else:
            media.mkdir(parents=True, exist_ok=True)
    return Summary(
        int(str(meta["rows"])),
        len(members),
        path.stat().st_size,
        hashlib.sha256(path.read_bytes()).hexdigest(),
    )


def _reset_sequences() -> None:
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), _models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
