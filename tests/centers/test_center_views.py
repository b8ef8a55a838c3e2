from __future__ import annotations

import pytest

from onestop.audit.models import AuditEntry
from onestop.centers.models import Center
from tests.conftest import World, denied

OTHERS = [
    "intake",
    "socialworker",
    "supervisor",
    "coordinator",
    "volunteer",
    "partner",
    "researcher",
    "dpo",
]


def _form(center: Center, **over: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name_th": "ศูนย์ช่วยเหลือสังคม มธ. รังสิต",
        "name_en": "TU Rangsit",
        "phone": "02 564 4440",
        "email": "center@tu.invalid",
        "version": center.version,
        "address-province": "13",
        "address-district": "1302",
        "address-subdistrict": "130201",
        "address-line": "99 หมู่ 18 ถนนพหลโยธิน",
    }
    data.update(over)
    return data


@pytest.mark.parametrize("persona", OTHERS)
def test_other_roles_get_403(world: World, client_for, persona: str) -> None:  # type: ignore[no-untyped-def]
    client = client_for(persona)
    assert client.get("/center/").status_code == denied(persona)
    assert client.get("/center/edit/").status_code == denied(persona)
    assert client.post("/center/edit/", _form(world.center_a)).status_code == denied(persona)


def test_the_admin_sees_their_own_center_only(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    body = client_for("centeradmin").get("/center/").content.decode()
    assert world.center_a.name_th in body
    assert world.center_b.name_th not in body


def test_editing_the_center_with_an_address_is_audited(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("centeradmin").post("/center/edit/", _form(world.center_a))
    assert response.status_code == 302
    center = Center.objects.get(pk=world.center_a.pk)
    assert center.subdistrict_id == "130201"
    assert center.phone == "+6625644440"
    assert center.version == 2
    entry = AuditEntry.objects.get(action="centers.center.updated")
    assert entry.center == center
    assert entry.changes["subdistrict"] == [None, "130201"]
    # The other center is untouched.
    assert Center.objects.get(pk=world.center_b.pk).version == 1


def test_a_stale_edit_is_refused(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("centeradmin")
    stale = _form(world.center_a)
    assert client.post("/center/edit/", _form(world.center_a, name_th="ชื่อใหม่")).status_code == 302
    response = client.post("/center/edit/", stale)
    assert response.status_code == 200
    assert "มีผู้อื่นแก้ไขข้อมูลนี้" in response.content.decode()
    assert Center.objects.get(pk=world.center_a.pk).name_th == "ชื่อใหม่"


def test_an_inconsistent_address_saves_nothing(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("centeradmin").post(
        "/center/edit/", _form(world.center_a, **{"address-subdistrict": "100101"})
    )
    assert response.status_code == 200
    assert Center.objects.get(pk=world.center_a.pk).version == 1
    assert not AuditEntry.objects.filter(action="centers.center.updated").exists()


def test_refresh_without_javascript_rerenders_without_saving(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    data = _form(world.center_a, refresh="1", **{"address-district": "", "address-subdistrict": ""})
    response = client_for("centeradmin").post("/center/edit/", data)
    assert response.status_code == 200
    assert "คลองหลวง" in response.content.decode()  # districts of the chosen province are listed
    assert Center.objects.get(pk=world.center_a.pk).version == 1


def test_the_system_admin_sees_a_list_of_centers(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    body = client_for("sysadmin").get("/center/").content.decode()
    assert world.center_a.name_th in body and world.center_b.name_th in body
