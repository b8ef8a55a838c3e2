"""/my/visits/...: the volunteer's phone pages. They see only their own visit task."""

from __future__ import annotations

import datetime as dt

from django.core import mail  # noqa: F401 - notifications may email
from django.utils import timezone

from onestop.cases.models import CaseEvent
from onestop.notifications.models import Notification
from onestop.volunteers import visits
from onestop.volunteers.models import HoursEntry, Visit, Volunteer
from tests.conftest import World, make_user, sign_in
from tests.volunteers.conftest import FAR, HOME, photo_upload


def _offer(world: World, visit: Visit, volunteer: Volunteer) -> Visit:
    return visits.visit_offer(actor=world["socialworker"], visit=visit, volunteer=volunteer)


def test_the_volunteer_sees_only_the_task(
    client_for, world: World, visit: Visit, on_phone: Volunteer
) -> None:  # type: ignore[no-untyped-def]
    _offer(world, visit, on_phone)
    client = client_for("volunteer")
    listing = client.get("/my/visits/").content.decode()
    assert f'data-visit="{visit.pk}"' in listing
    page = client.get(f"/my/visits/{visit.pk}/").content.decode()
    person = visit.client.person
    assert person.given_name in page and "12 หมู่ 3 ซอยร่วมใจ" in page and "มีอาหารพอไหม" in page
    assert person.family_name not in page  # first name only
    assert visit.case.number not in page and visit.case.title not in page
    # The case itself, and anything else of the center's, does not exist for them.
    assert client.get(f"/cases/{visit.case.number}/").status_code == 404
    assert client.get(f"/cases/{visit.case.number}/visits/{visit.pk}/").status_code == 404
    assert client.get("/cases/").status_code == 404
    assert client.get("/volunteers/").status_code == 404
    assert Notification.objects.filter(
        user=world["volunteer"], link=f"/my/visits/{visit.pk}/"
    ).exists()


def test_another_volunteers_visit_is_404(
    client_for, world: World, visit: Visit, on_phone: Volunteer
) -> None:  # type: ignore[no-untyped-def]
    _offer(world, visit, on_phone)
    other = make_user("othervol", world.center_a, ["volunteer"])
    from django.test import Client

    client = Client()
    sign_in(client, other)
    assert client.get(f"/my/visits/{visit.pk}/").status_code == 404
    assert client.post(f"/my/visits/{visit.pk}/answer/", {"accept": "1"}).status_code == 404
    assert client.post(f"/my/visits/{visit.pk}/report/", {"report": "x"}).status_code == 404
    assert client.get("/my/hours/").status_code == 404  # no volunteer record behind this account


def test_declining_puts_the_visit_back_and_is_not_offered_again(
    client_for,
    world: World,
    visit: Visit,
    on_phone: Volunteer,  # type: ignore[no-untyped-def]
) -> None:
    _offer(world, visit, on_phone)
    client_for("volunteer").post(
        f"/my/visits/{visit.pk}/answer/", {"accept": "0", "reason": "ไม่สบาย"}
    )
    visit.refresh_from_db()
    assert visit.status == "requested" and visit.volunteer is None
    assert on_phone.pk not in [s.volunteer.pk for s in visits.suggest(visit)]
    assert CaseEvent.objects.filter(
        case=visit.case, kind="visit", reason__contains="ไม่สบาย"
    ).exists()


def test_accept_check_in_report_lands_on_the_case(
    client_for, world: World, visit: Visit, on_phone: Volunteer
) -> None:  # type: ignore[no-untyped-def]
    _offer(world, visit, on_phone)
    client = client_for("volunteer")
    client.post(f"/my/visits/{visit.pk}/answer/", {"accept": "1"})
    client.post(f"/my/visits/{visit.pk}/check-in/", {"lat": str(HOME[0]), "lng": str(HOME[1])})
    visit.refresh_from_db()
    assert visit.status == "checked_in" and not visit.far_from_address
    response = client.post(
        f"/my/visits/{visit.pk}/report/",
        {
            "answer": ["ข้าวสารเหลือสองวัน", "กินยาความดันครบ"],
            "report": "ยายอยู่คนเดียว ลูกมาเยี่ยมเดือนละครั้ง",
            "urgent": "on",
            "submit_id": "phone-1",
            "photos": [photo_upload("kitchen.jpg")],
        },
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.status == "reported" and visit.urgent
    assert visit.observations[0] == {"item": "มีอาหารพอไหม", "answer": "ข้าวสารเหลือสองวัน"}
    assert visit.photos.count() == 1
    event = CaseEvent.objects.filter(case=visit.case, kind="visit").last()
    assert event is not None and "ข้าวสารเหลือสองวัน" in event.reason
    worker_page = client_for("socialworker").get(f"/cases/{visit.case.number}/").content.decode()
    assert "ข้าวสารเหลือสองวัน" in worker_page
    urgent = Notification.objects.filter(user=world["socialworker"]).order_by("-id").first()
    assert urgent is not None and urgent.link == f"/cases/{visit.case.number}/"
    assert visit.case.number in urgent.text and urgent.created >= visit.checked_out_at
    hours = HoursEntry.objects.get(visit=visit)
    assert hours.status == "approved" and hours.hours >= 1
    # The phone sends the same report again after a bad connection: nothing changes.
    again = client.post(f"/my/visits/{visit.pk}/report/", {"report": "ซ้ำ", "submit_id": "phone-1"})
    assert again.status_code == 302
    assert HoursEntry.objects.filter(visit=visit).count() == 1


def test_a_check_in_50_km_away_is_flagged_not_blocked(
    client_for,
    world: World,
    visit: Visit,
    on_phone: Volunteer,  # type: ignore[no-untyped-def]
) -> None:
    _offer(world, visit, on_phone)
    client = client_for("volunteer")
    client.post(f"/my/visits/{visit.pk}/answer/", {"accept": "1"})
    client.post(f"/my/visits/{visit.pk}/check-in/", {"lat": str(FAR[0]), "lng": str(FAR[1])})
    visit.refresh_from_db()
    assert visit.status == "checked_in" and visit.far_from_address
    assert 45 < float(visit.check_in_km) < 55  # type: ignore[arg-type]
    page = (
        client_for("socialworker")
        .get(f"/cases/{visit.case.number}/visits/{visit.pk}/")
        .content.decode()
    )
    assert "data-far" in page


def test_an_offline_report_keeps_the_phones_time(
    client_for, world: World, visit: Visit, on_phone: Volunteer
) -> None:  # type: ignore[no-untyped-def]
    _offer(world, visit, on_phone)
    client = client_for("volunteer")
    client.post(f"/my/visits/{visit.pk}/answer/", {"accept": "1"})
    earlier = timezone.now() - dt.timedelta(hours=2)
    client.post(
        f"/my/visits/{visit.pk}/report/",
        {
            "lat": str(HOME[0]),
            "lng": str(HOME[1]),
            "at": earlier.isoformat(),
            "answer": ["พอ", "ครบ"],
        },
    )
    visit.refresh_from_db()
    assert visit.status == "reported"
    assert abs((visit.checked_in_at - earlier).total_seconds()) < 1  # type: ignore[operator]
    # A clock far in the future is not believed.
    assert visit.checked_out_at is not None and visit.checked_out_at <= timezone.now()


def test_a_bad_photo_refuses_the_report_whole(
    client_for, world: World, visit: Visit, on_phone: Volunteer
) -> None:  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    _offer(world, visit, on_phone)
    client = client_for("volunteer")
    client.post(f"/my/visits/{visit.pk}/answer/", {"accept": "1"})
    bad = SimpleUploadedFile("x.jpg", b"MZ\x90\x00 not a photo", "image/jpeg")
    response = client.post(f"/my/visits/{visit.pk}/report/", {"report": "x", "photos": [bad]})
    assert response.status_code == 400
    visit.refresh_from_db()
    assert visit.status == "accepted" and not HoursEntry.objects.exists()


def test_staff_are_not_volunteers(client_for, world: World, visit: Visit) -> None:  # type: ignore[no-untyped-def]
    for persona in ("socialworker", "coordinator", "supervisor"):
        assert client_for(persona).get("/my/visits/").status_code == 403


def test_the_offline_shell_is_served(client, world: World) -> None:  # type: ignore[no-untyped-def]
    sw = client.get("/sw.js")
    assert sw.status_code == 200 and sw["Content-Type"] == "application/javascript"
    assert sw["Service-Worker-Allowed"] == "/my/"
    manifest = client.get("/manifest.webmanifest").json()
    assert manifest["scope"] == "/my/" and manifest["start_url"] == "/my/visits/"
