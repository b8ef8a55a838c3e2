"""Needs on a case, matching gifts to them, the handover, and the partner's report."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from onestop.audit.models import AuditEntry
from onestop.giving.models import Handover, Need, Partner
from onestop.thai.dates import be_year
from tests.conftest import World
from tests.giving.conftest import wheelchairs


def _be(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{be_year(day.year)}"


def _need(client, case: Any, **data: Any) -> None:  # type: ignore[no-untyped-def]
    client.post(
        f"/cases/{case.number}/needs/",
        {"category": "mobility", "description": "รถเข็นสำหรับผู้สูงอายุติดเตียง", "quantity": "1", **data},
    )


def test_match_hand_over_and_the_partner_sees_numbers_only(
    client,
    client_for,
    world: World,
    case: Any,
    partner: Partner,  # type: ignore[no-untyped-def]
) -> None:
    worker = client_for("socialworker")
    _need(worker, case)
    need = Need.objects.get()
    assert need.status == "open" and need.target_group == case.target_group
    lot = wheelchairs(world, partner, quantity=1)
    coordinator = client_for("coordinator")
    page = coordinator.get("/giving/needs/").content.decode()
    assert f'data-need="{need.pk}"' in page
    person = case.clients.get(role="client").person
    assert case.number not in page and person.given_name not in page
    coordinator.post(
        f"/giving/needs/{need.pk}/match/",
        {f"n{need.pk}-donation": lot.pk, f"n{need.pk}-quantity": "1"},
    )
    handover = Handover.objects.get()
    need.refresh_from_db()
    assert need.status == "matched"
    coordinator.post(
        f"/giving/handovers/{handover.pk}/confirm/",
        {"on": _be(timezone.localdate()), "confirmation": ""},
    )
    handover.refresh_from_db()
    assert handover.handed_over_on is None
    coordinator.post(
        f"/giving/handovers/{handover.pk}/confirm/",
        {"on": _be(timezone.localdate()), "confirmation": "ลงชื่อรับโดยบุตรสาว"},
    )
    need.refresh_from_db()
    assert need.status == "delivered"
    report = client.get(f"/giving/report/{partner.report_token}/").content.decode()
    assert "data-outcome" in report and "รถเข็น" in report
    assert person.given_name not in report and case.number not in report and "บุตรสาว" not in report
    assert "น้อยกว่า 3" in report or "Fewer than 3" in report  # one person: not counted exactly
    assert client.get("/giving/report/not-a-real-token-000000000000/").status_code == 404
    assert AuditEntry.objects.filter(action="giving.handover.confirmed").count() == 1


def test_matching_more_than_is_in_stock_is_refused(
    client_for, world: World, case: Any, partner: Partner
) -> None:  # type: ignore[no-untyped-def]
    _need(client_for("socialworker"), case, quantity="3")
    need = Need.objects.get()
    lot = wheelchairs(world, partner, quantity=2)
    coordinator = client_for("coordinator")
    coordinator.post(
        f"/giving/needs/{need.pk}/match/",
        {f"n{need.pk}-donation": lot.pk, f"n{need.pk}-quantity": "3"},
    )
    assert not Handover.objects.exists()
    coordinator.post(
        f"/giving/needs/{need.pk}/match/",
        {f"n{need.pk}-donation": lot.pk, f"n{need.pk}-quantity": "2"},
    )
    coordinator.post(
        f"/giving/needs/{need.pk}/match/",
        {f"n{need.pk}-donation": lot.pk, f"n{need.pk}-quantity": "1"},
    )
    assert Handover.objects.count() == 1


def test_a_volunteer_may_only_propose_a_need(
    client_for, world: World, visit: Any, on_phone: Any
) -> None:  # type: ignore[no-untyped-def]
    from onestop.volunteers import visits

    visits.visit_offer(actor=world["socialworker"], visit=visit, volunteer=on_phone)
    volunteer = client_for("volunteer")
    # The case page's form is not theirs: 404 (a volunteer learns nothing of the staff side).
    _need(volunteer, visit.case)
    assert not Need.objects.exists()
    volunteer.post(
        f"/my/visits/{visit.pk}/need/",
        {"category": "food", "description": "ข้าวสารหนึ่งเดือน", "quantity": "1"},
    )
    need = Need.objects.get()
    assert need.status == "proposed"
    assert (
        f'data-need="{need.pk}"'
        not in client_for("coordinator").get("/giving/needs/").content.decode()
    )
    client_for("socialworker").post(f"/cases/{visit.case.number}/needs/{need.pk}/open/")
    need.refresh_from_db()
    assert need.status == "open"


def test_other_roles_cannot_record_needs(client_for, world: World, case: Any) -> None:  # type: ignore[no-untyped-def]
    for persona, code in (("coordinator", 403), ("partner", 403), ("volunteer", 404)):
        response = client_for(persona).post(
            f"/cases/{case.number}/needs/",
            {"category": "food", "description": "x", "quantity": "1"},
        )
        assert response.status_code == code, persona
    assert not Need.objects.exists()


def test_a_pledge_is_matched_then_handed_over_once_received(
    client_for,
    world: World,
    case: Any,
    partner: Partner,  # type: ignore[no-untyped-def]
) -> None:
    from onestop.giving.models import Donation

    _need(client_for("socialworker"), case)
    need = Need.objects.get()
    pledge = wheelchairs(world, partner, quantity=1, pledged=True)
    coordinator = client_for("coordinator")
    coordinator.post(
        f"/giving/needs/{need.pk}/match/",
        {f"n{need.pk}-donation": pledge.pk, f"n{need.pk}-quantity": "1"},
    )
    handover = Handover.objects.get()
    today = _be(timezone.localdate())
    coordinator.post(
        f"/giving/handovers/{handover.pk}/confirm/", {"on": today, "confirmation": "ลงชื่อ"}
    )
    handover.refresh_from_db()
    assert handover.handed_over_on is None  # not arrived yet
    coordinator.post(f"/giving/donations/{pledge.pk}/received/", {"on": today})
    pledge = Donation.objects.get(pk=pledge.pk)
    assert not pledge.pledged
    coordinator.post(
        f"/giving/handovers/{handover.pk}/confirm/", {"on": today, "confirmation": "ลงชื่อ"}
    )
    handover.refresh_from_db()
    assert handover.handed_over_on is not None
