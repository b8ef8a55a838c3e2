"""The worker's side of home visits: /cases/<number>/visits/... (request, suggestions, offer)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from onestop.audit.models import AuditEntry
from onestop.cases.models import CaseEvent
from onestop.thai.dates import be_year
from onestop.volunteers.models import Visit, Volunteer
from tests.cases.conftest import acc
from tests.conftest import World, denied, make_user
from tests.volunteers.conftest import KHLONG_NUENG


def _be(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{be_year(day.year)}"


def test_a_worker_asks_for_a_visit_from_the_case(client_for, world: World, case: Any) -> None:  # type: ignore[no-untyped-def]
    client = client_for("socialworker")
    assert client.get(f"/cases/{case.number}/visits/new/").status_code == 200
    person_client = case.clients.get(role="client")
    response = client.post(
        f"/cases/{case.number}/visits/new/",
        {
            "client": str(person_client.pk),
            "address_text": "12 หมู่ 3",
            "where-province": "13",
            "where-district": "1302",
            "where-subdistrict": KHLONG_NUENG,
            "checklist": "มีอาหารพอไหม\n\nยาที่กินอยู่\n",
            "due": _be(timezone.localdate() + dt.timedelta(days=2)),
            "skills_needed": ["elderly_care"],
        },
    )
    visit = Visit.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/visits/{visit.pk}/")
    assert visit.checklist == ["มีอาหารพอไหม", "ยาที่กินอยู่"]
    assert visit.client_first_name == person_client.person.given_name
    assert visit.client_phone == ""  # not shared unless asked
    assert CaseEvent.objects.filter(case=case, kind="visit").exists()
    assert AuditEntry.objects.filter(action="volunteers.visit.requested").exists()
    page = client.get(f"/cases/{case.number}/").content.decode()
    assert f'data-visit="{visit.pk}"' in page


def test_bad_visit_requests_are_explained(client_for, world: World, case: Any) -> None:  # type: ignore[no-untyped-def]
    client = client_for("socialworker")
    person_client = case.clients.get(role="client")
    base = {
        "client": str(person_client.pk),
        "address_text": "12 หมู่ 3",
        "where-province": "13",
        "where-district": "1302",
        "where-subdistrict": KHLONG_NUENG,
        "checklist": "อาหาร",
        "due": _be(timezone.localdate() + dt.timedelta(days=2)),
    }
    for bad in (
        {"checklist": "  \n "},
        {"due": _be(timezone.localdate() - dt.timedelta(days=1))},
        {"due": "31/02/2569"},
        {"lat": "14.07"},
        {"client": "999999"},
    ):
        response = client.post(f"/cases/{case.number}/visits/new/", {**base, **bad})
        assert response.status_code == 400, bad
    assert not Visit.objects.exists()


def test_no_visit_when_the_case_says_it_is_unsafe(client_for, world: World, case: Any) -> None:  # type: ignore[no-untyped-def]
    person_client = case.clients.get(role="client")
    person_client.visit_safe = False
    person_client.save()
    response = client_for("socialworker").post(
        f"/cases/{case.number}/visits/new/",
        {
            "client": str(person_client.pk),
            "address_text": "12",
            "where-province": "13",
            "where-district": "1302",
            "where-subdistrict": KHLONG_NUENG,
            "checklist": "อาหาร",
            "due": _be(timezone.localdate() + dt.timedelta(days=2)),
        },
    )
    assert response.status_code == 400
    assert not Visit.objects.exists()


def test_suggestions_rank_closeness_skills_and_load_and_never_double_book(
    client_for,
    world: World,
    visit: Visit,
    on_phone: Volunteer,
    apply,  # type: ignore[no-untyped-def]
) -> None:
    from onestop.volunteers import services, visits

    # A second active volunteer, in another district, without the skill.
    far = apply(
        type_code="development",
        student_id="",
        area_subdistrict_code="130101",
        home_subdistrict_code="130101",
    )
    services.volunteer_review(actor=world["coordinator"], volunteer=far, decision="approve")
    far.user = make_user("farvol", world.center_a, ["volunteer"])
    far.save()
    ranked = visits.suggest(visit)
    assert [s.volunteer.pk for s in ranked] == [on_phone.pk, far.pk]
    assert ranked[0].closeness == "subdistrict" and ranked[0].skills == ["elderly_care"]
    assert ranked[0].km is not None and ranked[0].km < 0.1
    page = (
        client_for("socialworker")
        .get(f"/cases/{visit.case.number}/visits/{visit.pk}/")
        .content.decode()
    )
    assert f'data-suggestion="{on_phone.pk}"' in page

    # Once on_phone holds a visit due that day, another visit that day does not suggest them.
    client_for("socialworker").post(
        f"/cases/{visit.case.number}/visits/{visit.pk}/offer/", {"volunteer": on_phone.pk}
    )
    other = visits.visit_request(
        actor=world["socialworker"],
        access=acc(world, "socialworker", visit.case),
        client=visit.client,
        address_text="อีกบ้าน",
        subdistrict_code=visit.subdistrict_id,
        checklist=["x"],
        due=visit.due,
    )
    assert on_phone.pk not in [s.volunteer.pk for s in visits.suggest(other)]


def test_the_same_visit_cannot_go_to_two_volunteers(
    client_for,
    world: World,
    visit: Visit,
    on_phone: Volunteer,
    apply,  # type: ignore[no-untyped-def]
) -> None:
    from onestop.volunteers import services

    second = apply(type_code="student")
    services.volunteer_review(actor=world["coordinator"], volunteer=second, decision="approve")
    second.user = make_user("second", world.center_a, ["volunteer"])
    second.save()
    client = client_for("socialworker")
    url = f"/cases/{visit.case.number}/visits/{visit.pk}/offer/"
    client.post(url, {"volunteer": on_phone.pk})
    client.post(url, {"volunteer": second.pk})
    visit.refresh_from_db()
    assert visit.volunteer_id == on_phone.pk and visit.status == "offered"
    assert AuditEntry.objects.filter(action="volunteers.visit.offered").count() == 1


@pytest.mark.parametrize("persona", ["volunteer", "coordinator", "partner", "intake"])
def test_other_roles_cannot_ask_for_or_offer_visits(
    client_for,
    world: World,
    visit: Visit,
    on_phone: Volunteer,
    persona: str,  # type: ignore[no-untyped-def]
) -> None:
    client = client_for(persona)
    number = visit.case.number
    assert client.get(f"/cases/{number}/visits/new/").status_code == denied(persona)
    assert client.get(f"/cases/{number}/visits/{visit.pk}/").status_code == denied(persona)
    assert client.post(
        f"/cases/{number}/visits/{visit.pk}/offer/", {"volunteer": on_phone.pk}
    ).status_code == denied(persona)
    visit.refresh_from_db()
    assert visit.status == "requested"


def test_another_centers_worker_gets_404(client_for, world: World, visit: Visit) -> None:  # type: ignore[no-untyped-def]
    response = client_for("b_socialworker").get(f"/cases/{visit.case.number}/visits/{visit.pk}/")
    assert response.status_code == 404
