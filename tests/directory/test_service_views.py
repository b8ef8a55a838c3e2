"""Coordinators keep the directory: services with their problems, documents, areas and hours;
locations with their address, phone and the confidential flag. Others get 403."""

from __future__ import annotations

import pytest

from onestop.audit.models import AuditEntry
from onestop.directory.models import Location, Service
from tests.conftest import World
from tests.directory.conftest import Directory, term


def _service_data(**over: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name_th": "กายภาพบำบัดที่บ้าน",
        "description": "นักกายภาพบำบัดเยี่ยมบ้านผู้ป่วยติดเตียง",
        "status": "active",
        "minimum_age": "",
        "maximum_age": "",
        "problems": [str(term("ELD.BEDRIDDEN").pk)],
        "kinds": [str(term("SVC.REHAB").pk)],
        "documents": "บัตรประชาชน\nใบส่งตัว",
        "provinces": ["13"],
        "days": ["MO", "WE"],
        "opens_at": "09:00",
        "closes_at": "12:00",
        "phone": "02 926 9999",
    }
    data.update(over)
    return data


def test_a_coordinator_adds_a_service(world: World, client_for, directory: Directory) -> None:  # type: ignore[no-untyped-def]
    client = client_for("coordinator")
    url = f"/partners/{world.hospital.pk}/services/new/"
    bad = client.post(
        url, _service_data(minimum_age="60", maximum_age="18", days=["MO"], opens_at="")
    )
    assert bad.status_code == 200 and 'class="error"' in bad.content.decode()
    assert client.post(url, _service_data()).status_code == 302
    svc = Service.objects.get(name_th="กายภาพบำบัดที่บ้าน")
    assert {t.code for t in svc.terms.all()} == {"ELD.BEDRIDDEN", "SVC.REHAB"}
    assert [d.document for d in svc.required_documents.all()] == ["บัตรประชาชน", "ใบส่งตัว"]
    assert svc.schedules.get().byday == "MO,WE" and svc.service_areas.get().province_id == "13"
    assert svc.phones.get().number == "+6629269999"
    assert AuditEntry.objects.filter(
        action="directory.service.created", object_id=str(svc.pk)
    ).exists()
    edit = f"/partners/{world.hospital.pk}/services/{svc.pk}/"
    assert client.get(edit).status_code == 200
    assert (
        client.post(edit, _service_data(status="inactive", version=svc.version)).status_code == 302
    )
    svc.refresh_from_db()
    assert svc.status == "inactive"
    stale = client.post(edit, _service_data(version=1))
    assert stale.status_code == 200 and 'class="errors"' in stale.content.decode()


def test_a_confidential_location_needs_a_phone(
    world: World, client_for, directory: Directory
) -> None:  # type: ignore[no-untyped-def]
    client = client_for("coordinator")
    url = f"/partners/{directory.shelter.pk}/locations/new/"
    data = {
        "name": "บ้านพักแห่งที่สอง",
        "confidential": "on",
        "address-line": "1 ซอยลับ",
        "services": [str(directory.shelter_service.pk)],
    }
    refused = client.post(url, data)
    assert refused.status_code == 200 and not Location.objects.filter(name="บ้านพักแห่งที่สอง").exists()
    assert client.post(url, {**data, "phone": "0812345678"}).status_code == 302
    loc = Location.objects.get(name="บ้านพักแห่งที่สอง")
    assert loc.confidential and loc.service_at_locations.get().service == directory.shelter_service


@pytest.mark.parametrize("persona", ["socialworker", "intake", "partner"])
def test_viewers_cannot_edit_services(
    world: World, client_for, directory: Directory, persona: str
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(persona)
    org = world.hospital.pk
    assert client.get(f"/partners/{org}/").status_code == 200
    assert client.get(f"/partners/{org}/services/new/").status_code == 403
    assert (
        client.post(
            f"/partners/{org}/services/{directory.social_medicine.pk}/", _service_data()
        ).status_code
        == 403
    )
    assert client.get(f"/partners/{org}/locations/{directory.clinic.pk}/").status_code == 403


def test_unknown_or_foreign_ids_are_404(world: World, client_for, directory: Directory) -> None:  # type: ignore[no-untyped-def]
    client = client_for("coordinator")
    # The shelter's service is not the hospital's.
    assert (
        client.get(
            f"/partners/{world.hospital.pk}/services/{directory.shelter_service.pk}/"
        ).status_code
        == 404
    )
    assert client.get(f"/partners/{world.hospital.pk}/services/nope/").status_code == 404
    assert (
        client.get(
            f"/partners/{world.hospital.pk}/locations/{directory.safe_house.pk}/"
        ).status_code
        == 404
    )


def test_programs_and_contacts(world: World, client_for, directory: Directory, client) -> None:  # type: ignore[no-untyped-def]
    coord = client_for("coordinator")
    org = world.hospital
    assert (
        coord.post(f"/partners/{org.pk}/programs/", {"name_th": "โครงการดูแลผู้สูงอายุ"}).status_code
        == 302
    )
    assert (
        coord.post(
            f"/partners/{org.pk}/contacts/",
            {"name": "คุณนิดา", "title": "นักสังคมสงเคราะห์", "phone": "0812345678"},
        ).status_code
        == 302
    )
    assert (
        coord.post(f"/partners/{org.pk}/contacts/", {"name": ""}).status_code == 302
    )  # refused with a message
    program = org.programs.get()
    contact = org.contacts.get()
    page = coord.get(f"/partners/{org.pk}/").content.decode()
    assert "โครงการดูแลผู้สูงอายุ" in page and "คุณนิดา" in page
    edit = f"/partners/{org.pk}/services/{directory.social_medicine.pk}/"
    assert (
        coord.post(
            edit, _service_data(program=str(program.pk), version=directory.social_medicine.version)
        ).status_code
        == 302
    )
    assert Service.objects.get(pk=directory.social_medicine.pk).program == program
    full = client.get(f"/api/hsds/organizations/{org.uuid}").json()
    assert (
        full["programs"][0]["name"] == "โครงการดูแลผู้สูงอายุ" and full["contacts"][0]["name"] == "คุณนิดา"
    )
    assert (
        client_for("socialworker").post(f"/partners/{org.pk}/contacts/", {"name": "x"}).status_code
        == 403
    )
    assert coord.post(f"/partners/{org.pk}/contacts/{contact.pk}/remove/").status_code == 302
    assert not org.contacts.exists()
    assert (
        coord.post(f"/partners/{directory.shelter.pk}/contacts/{program.pk}/remove/").status_code
        == 404
    )
