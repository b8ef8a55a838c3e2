"""Bulk import of persons (``import_persons``) and the generator's writer.

Rows are checked one by one with the same rules as the form (persons.validation); a bad row is
written to the report with its line number and reason and skipped. Good rows go in batches, one
transaction per batch, so a batch is all or nothing and memory stays flat whatever the file's
size. ``external_id`` is kept, so importing the same file again creates nothing.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onestop.accounts.models import User
from onestop.audit.services import audit_log
from onestop.centers.models import Center
from onestop.persons import validation
from onestop.persons.models import IdentityDocument, Person, PersonPhone, new_person_code
from onestop.persons.services import derived_keys

COLUMNS = [
    "external_id",
    "prefix",
    "given_name",
    "middle_name",
    "family_name",
    "nickname",
    "sex",
    "birth_date",
    "national_id",
    "phone",
    "subdistrict_code",
]
BATCH = 2000


class ImportFileError(ValueError):
    """The file as a whole cannot be imported (encoding, header): nothing was written."""


@dataclass
class ImportStats:
    rows: int = 0
    created: int = 0
    already: int = 0
    errors: int = 0
    seconds: float = 0.0
    reasons: dict[str, int] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def check_file(path: Path) -> None:
    """Refuse a file that is not UTF-8 or lacks a column before anything is written."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                line += chunk[: exc.start].count(b"\n")
                raise ImportFileError(
                    _(
                        "The file is not UTF-8 text (first bad byte near line %(line)s). Save it as CSV UTF-8 and try again."
                    )
                    % {"line": line}
                ) from exc
            line += chunk.count(b"\n")
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            raise ImportFileError(
                _("The file ends in the middle of a character: it is not UTF-8 text.")
            ) from exc
    with path.open(encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh), [])
    missing = [c for c in COLUMNS if c not in [h.strip() for h in header]]
    if missing:
        raise ImportFileError(
            _("The header lacks these columns: %(cols)s. It must be: %(header)s")
            % {"cols": ", ".join(missing), "header": ",".join(COLUMNS)}
        )


def read_rows(fh: IO[str]) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(fh)
    if reader.fieldnames:
        reader.fieldnames = [h.strip() for h in reader.fieldnames]
    for row in reader:
        yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}


_STATUS_BY_TYPE = {**dict.fromkeys("12345", "thai"), **dict.fromkeys("0678", "non_thai_id")}


@dataclass(slots=True)
class Prepared:
    """A checked row: the person's column values and their phones, not yet written."""

    values: dict[str, Any]
    phones: list[str]

    @property
    def external_id(self) -> str:
        return str(self.values["external_id"])


def build(row: dict[str, str]) -> Prepared:
    """Check one row with the form's rules; ValidationError lists everything wrong with it."""
    errors: list[str] = []

    def check(fn: Callable[[str], Any], value: str) -> Any:
        try:
            return fn(value)
        except ValidationError as exc:
            errors.extend(exc.messages)
            return None

    given = row.get("given_name", "")
    if not given:
        errors.append(_("given_name is empty."))
    for name, limit in (
        ("given_name", 100),
        ("middle_name", 100),
        ("family_name", 100),
        ("nickname", 50),
        ("external_id", 64),
    ):
        if len(row.get(name, "")) > limit:
            errors.append(
                _("%(field)s is longer than %(n)s characters.") % {"field": name, "n": limit}
            )
    prefix = check(validation.prefix, row.get("prefix", ""))
    sex = check(validation.sex, row.get("sex", ""))
    birth = check(validation.birth_date, row.get("birth_date", ""))
    national_id = check(validation.national_id, row.get("national_id", ""))
    phone = check(validation.phone, row.get("phone", ""))
    subdistrict = check(validation.subdistrict, row.get("subdistrict_code", ""))
    if errors:
        raise ValidationError(errors)
    middle, family = row.get("middle_name", ""), row.get("family_name", "")
    nickname = row.get("nickname", "")
    values: dict[str, Any] = {
        "external_id": row.get("external_id", ""),
        "prefix": prefix or "",
        "given_name": given,
        "middle_name": middle,
        "family_name": family,
        "nickname": nickname,
        "sex": sex or "",
        "birth_date": birth.anchor if birth else None,
        "birth_precision": birth.precision.value if birth else "",
        "national_id": national_id or "",
        "citizenship_status": _STATUS_BY_TYPE.get(national_id[:1], "unknown")
        if national_id
        else "unknown",
        "registered_subdistrict_id": subdistrict,
        **derived_keys(given, middle, family, nickname, ""),
    }
    return Prepared(values, [phone] if phone else [])


def _existing(center: Center, external_ids: list[str]) -> set[str]:
    wanted = [e for e in external_ids if e]
    if not wanted:
        return set()
    return set(
        Person.objects.filter(center=center, external_id__in=wanted).values_list(
            "external_id", flat=True
        )
    )


def _table(model: type[models.Model]) -> tuple[str, list[models.Field[Any, Any]]]:
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    return model._meta.db_table, fields


def _insert_sql(table: str, columns: list[str]) -> str:
    cols = ", ".join(connection.ops.quote_name(c) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    return f"INSERT INTO {connection.ops.quote_name(table)} ({cols}) VALUES ({marks})"  # noqa: S608 - names from the models, values bound


def _insert(center: Center, batch: list[Prepared]) -> None:
    """Raw executemany of prepared tuples: the ORM's per-field preparation was most of the
    import's time at a million rows. Values are adapted by the backend's own ``adapt_*``."""
    if not batch:
        return
    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    table, fields = _table(Person)
    fixed: dict[str, Any] = {}
    for f in fields:
        if f.attname in ("created", "updated"):
            fixed[f.attname] = now
        elif f.attname == "center_id":
            fixed[f.attname] = center.pk
        elif f.attname == "languages":
            fixed[f.attname] = ops.adapt_json_value([], None)
        elif f.attname != "code" and f.has_default():
            fixed[f.attname] = f.get_default()
        elif f.null:
            fixed[f.attname] = None
        else:
            fixed[f.attname] = ""
    columns = [f.attname for f in fields]
    sql = _insert_sql(table, columns)
    for attempt in range(3):
        codes = [new_person_code() for _ in batch]
        rows = []
        for prepared, code in zip(batch, codes, strict=True):
            v = prepared.values
            birth = v["birth_date"]
            values = {**fixed, **v, "code": code}
            values["birth_date"] = ops.adapt_datefield_value(birth) if birth else None
            rows.append(tuple(values[c] for c in columns))
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(sql, rows)
                ids: dict[str, int] = {}
                for start in range(0, len(codes), 900):
                    chunk = codes[start : start + 900]
                    cursor.execute(
                        f"SELECT code, id FROM {ops.quote_name(table)} WHERE code IN ({', '.join(['%s'] * len(chunk))})",  # noqa: S608 - placeholders only
                        chunk,
                    )
                    ids.update(cursor.fetchall())
                docs: list[tuple[Any, ...]] = []
                phones: list[tuple[Any, ...]] = []
                for prepared, code in zip(batch, codes, strict=True):
                    pid = ids[code]
                    nid = prepared.values["national_id"]
                    if nid:
                        kind = (
                            "thai_id"
                            if prepared.values["citizenship_status"] == "thai"
                            else "non_thai_id"
                        )
                        docs.append((now, now, pid, kind, nid, "", None, "checked", "", None))
                    phones.extend((pid, number, "", True) for number in prepared.phones)
                doc_table, _f = _table(IdentityDocument)
                cursor.executemany(
                    _insert_sql(
                        doc_table,
                        [
                            "created",
                            "updated",
                            "person_id",
                            "doc_type",
                            "number",
                            "issuer",
                            "expires_on",
                            "verification",
                            "override_reason",
                            "recorded_by_id",
                        ],
                    ),
                    docs,
                )
                phone_table, _f = _table(PersonPhone)
                cursor.executemany(
                    _insert_sql(phone_table, ["person_id", "number", "label", "safe_to_contact"]),
                    phones,
                )
            return
        except IntegrityError:
            # A person code collided (see new_person_code): new codes, same rows, once more.
            if attempt == 2:
                raise


def import_rows(
    rows: Iterable[tuple[int, dict[str, str]]],
    *,
    center: Center,
    report: Any = None,
    progress: Callable[[ImportStats], None] | None = None,
    batch_size: int = BATCH,
) -> ImportStats:
    """``report`` is a csv.writer for rejected rows (line, external_id, reason)."""
    stats = ImportStats()
    started = time.monotonic()
    batch: list[Prepared] = []
    seen_in_file: set[str] = set()

    def flush() -> None:
        if not batch:
            return
        existing = _existing(center, [p.external_id for p in batch])
        fresh = [p for p in batch if not p.external_id or p.external_id not in existing]
        stats.already += len(batch) - len(fresh)
        _insert(center, fresh)
        stats.created += len(fresh)
        batch.clear()
        stats.seconds = time.monotonic() - started
        if progress is not None:
            progress(stats)

    for line, row in rows:
        stats.rows += 1
        ext = row.get("external_id", "")
        try:
            if ext and ext in seen_in_file:
                raise ValidationError(
                    _("external_id %(id)s appears twice in the file.") % {"id": ext}
                )
            prepared = build(row)
        except ValidationError as exc:
            stats.errors += 1
            reason = "; ".join(exc.messages)
            key = exc.messages[0] if exc.messages else "?"
            if len(stats.reasons) < 50 or key in stats.reasons:
                stats.reasons[key] = stats.reasons.get(key, 0) + 1
            if report is not None:
                report.writerow([line, ext, reason])
            continue
        if ext:
            seen_in_file.add(ext)
        batch.append(prepared)
        if len(batch) >= batch_size:
            flush()
    flush()
    stats.seconds = time.monotonic() - started
    return stats


def analyze() -> None:
    """Fresh planner statistics after a bulk load: without them PostgreSQL plans the registry's
    queries for an empty table (sequential scans instead of the trigram and key indexes)."""
    tables = [m._meta.db_table for m in (Person, PersonPhone, IdentityDocument)]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def center_for_import(code: str | None) -> Center:
    """--center CODE, created if new (so an import into a fresh database works); without it,
    the only center."""
    if code:
        code = code.strip()
        existing = Center.objects.filter(code__iexact=code).first()
        if existing is not None:
            return existing
        return Center.objects.create(code=code, name_th=code, name_en=code)
    centers = list(Center.objects.filter(is_active=True)[:2])
    if len(centers) == 1:
        return centers[0]
    if not centers:
        raise ImportFileError(_("There is no center yet: give one with --center CODE."))
    raise ImportFileError(_("There are several centers: say which with --center CODE."))


def import_file(
    path: Path,
    *,
    center: Center,
    report_path: Path,
    actor: User | None = None,
    progress: Callable[[ImportStats], None] | None = None,
) -> ImportStats:
    check_file(path)
    digest = hashlib.sha256()
    with path.open("rb") as raw:
        while chunk := raw.read(1 << 20):
            digest.update(chunk)
    with (
        path.open(encoding="utf-8-sig", newline="") as fh,
        report_path.open("w", encoding="utf-8", newline="") as out,
    ):
        writer = csv.writer(out)
        writer.writerow(["line", "external_id", "reason"])
        stats = import_rows(read_rows(fh), center=center, report=writer, progress=progress)
    analyze()
    audit_log(
        action="persons.person.imported",
        actor=actor,
        center=center,
        actor_label="import_persons",
        data={
            "file": path.name,
            "sha256": digest.hexdigest(),
            "rows": stats.rows,
            "created": stats.created,
            "already_imported": stats.already,
            "rejected": stats.errors,
        },
    )
    return stats
