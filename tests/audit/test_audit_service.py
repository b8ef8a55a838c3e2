from __future__ import annotations

import pytest

from onestop.audit.models import AppendOnlyError, AuditEntry
from onestop.audit.services import audit_log, audit_read, diff, mask_value
from tests.conftest import World


def test_it_masks_sensitive_keys() -> None:
    assert mask_value("password", "hunter2") == "••••"
    assert mask_value("api_token", "os_abc") == "••••"
    assert mask_value("national_id", "3100501234563") == "•-••••-••••4-56-3"
    assert mask_value("reporter.phone", "+66812345678") == "••••678"
    assert mask_value("name", "สมชาย") == "สมชาย"


def test_diff_keeps_only_changes_and_masks_them() -> None:
    before = {"name": "ก", "phone": "+66811111111", "same": 1}
    after = {"name": "ข", "phone": "+66822222222", "same": 1}
    assert diff(before, after) == {"name": ["ก", "ข"], "phone": ["••••111", "••••222"]}


def test_action_codes_must_be_namespaced(world: World) -> None:
    with pytest.raises(ValueError):
        audit_log(action="created")


def test_entries_cannot_be_changed_or_deleted(world: World) -> None:
    entry = audit_log(action="tests.thing.done", actor=world["intake"])
    entry.action = "tests.thing.undone"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="x.y.z")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).delete()


def test_the_center_is_taken_from_the_object(world: World) -> None:
    entry = audit_log(action="tests.team.touched", obj=world.team_b1)
    assert entry.center == world.center_b
    assert entry.object_type == "centers.team"


def test_reads_of_sensitive_records_are_logged(world: World) -> None:
    entry = audit_read(actor=world["centeradmin"], obj=world["intake"], reason="check")
    assert entry is not None and entry.kind == AuditEntry.Kind.READ
    assert entry.data == {"reason": "check"}


def test_reading_oneself_or_a_plain_record_is_not_logged(world: World) -> None:
    assert audit_read(actor=world["intake"], obj=world["intake"]) is None
    assert audit_read(actor=world["intake"], obj=world.team_a1) is None
