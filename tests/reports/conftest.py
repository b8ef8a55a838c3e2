"""A generated center for the dashboard and report tests: requests, cases, referrals, welfare
applications, visits and hours with random attributes, written straight to the tables (these
tests are about counting, not about the services). ``Generated.truth`` keeps what was written,
so each test counts the expected figures itself, independently of the facts."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from onestop.cases.models import Case, CaseClient, CaseStatus, Task
from onestop.intake.models import Category, HelpRequest
from onestop.persons.models import Person
from onestop.referrals.models import Referral
from onestop.volunteers.models import HoursEntry, Volunteer, VolunteerType
from onestop.welfare.models import Benefit, BenefitApplication
from tests.api.conftest import api, bearer  # noqa: F401 - fixtures for the API tests
from tests.conftest import World
from tests.directory.conftest import Directory, directory  # noqa: F401 - the fixture
from tests.persons.conftest import make_person

DISTRICTS = {"130201": "1302", "100101": "1001"}  # Khlong Nueng (Pathum Thani), Phra Nakhon
ROOTS = ["ELD", "VIO", "DIS"]


@dataclass
class Generated:
    today: dt.date
    requests: list[dict[str, Any]] = field(default_factory=list)
    cases: list[dict[str, Any]] = field(default_factory=list)
    referrals: list[dict[str, Any]] = field(default_factory=list)
    applications: list[dict[str, Any]] = field(default_factory=list)
    hours: list[dict[str, Any]] = field(default_factory=list)
    overdue_tasks: list[dict[str, Any]] = field(default_factory=list)


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def generate(
    world: World, service: Any, seed: int = 7, n_cases: int = 60, n_requests: int = 80
) -> Generated:
    rnd = random.Random(seed)
    today = timezone.localdate()
    g = Generated(today)
    leaves = {
        root: list(Category.objects.filter(parent_id=root).values_list("code", flat=True))
        for root in ROOTS
    }
    persons: list[tuple[Person, bool, str]] = []
    for i, (sub, disabled) in enumerate(
        [("130201", False), ("130201", True), ("100101", False), ("100101", True), ("", False)]
    ):
        p = make_person(world, given_name=f"ทดสอบ{i}", family_name="รายงาน")
        Person.objects.filter(pk=p.pk).update(
            has_disability=disabled, current_subdistrict_id=sub or None
        )
        persons.append((p, disabled, DISTRICTS.get(sub, "")))
    now = timezone.now()
    channels = HelpRequest.Channel.values
    for i in range(n_requests):
        day = today - dt.timedelta(days=rnd.randint(0, 500))
        root = rnd.choice(ROOTS)
        sub = rnd.choice(["130201", "100101", ""])
        due = _at(day) + dt.timedelta(hours=rnd.choice([1, 24, 72]))
        contact = rnd.choice([None, due - dt.timedelta(minutes=30), due + dt.timedelta(hours=2)])
        req = HelpRequest.objects.create(
            center=world.center_a,
            reference=f"GEN-{i:05d}",
            tracking_code_hash=f"{i:064d}",
            channel=rnd.choice(channels),
            received_at=_at(day),
            description="ทดสอบรายงาน",
            category_id=rnd.choice(leaves[root]),
            subdistrict_id=sub or None,
            urgency=rnd.choice(["normal", "urgent", "most_urgent"]),
            target_group=rnd.choice(["child", "adult", "elderly"]),
            first_contact_due=due,
            first_contact_at=contact,
        )
        on_time = (
            True
            if contact is not None and contact <= due
            else False
            if contact is not None or due < now
            else None
        )
        g.requests.append(
            {
                "pk": req.pk,
                "day": day,
                "channel": req.channel,
                "category": root,
                "target_group": req.target_group,
                "district": DISTRICTS.get(sub, ""),
                "urgency": req.urgency,
                "on_time": on_time,
            }
        )
    org = service.organization
    benefit = Benefit.objects.order_by("pk").first()
    assert benefit is not None
    rule = benefit.versions.order_by("pk").first()
    teams = [world.team_a1, world.team_a2, None]
    for i in range(n_cases):
        day = today - dt.timedelta(days=rnd.randint(0, 500))
        root = rnd.choice(ROOTS)
        person, disabled, district = rnd.choice(persons)
        team = rnd.choice(teams)
        status = rnd.choice(CaseStatus.values)
        case = Case.objects.create(
            center=world.center_a,
            number=f"GEN-C{i:05d}",
            title=f"เคสทดสอบ {i}",
            category_id=rnd.choice(leaves[root]),
            urgency=rnd.choice(["normal", "urgent"]),
            target_group=rnd.choice(["child", "adult", "elderly"]),
            status=status,
            opened_at=_at(day, 9),
            opened_by=world["socialworker"],
            worker=world["socialworker"] if team == world.team_a2 else None,
            team=team,
        )
        CaseClient.objects.create(case=case, person=person, role="client")
        g.cases.append(
            {
                "pk": case.pk,
                "number": case.number,
                "day": day,
                "category": root,
                "target_group": case.target_group,
                "disabled": disabled,
                "district": district,
                "team": team.pk if team else None,
                "status": status,
            }
        )
        if status != CaseStatus.CLOSED and rnd.random() < 0.5:
            due = today - dt.timedelta(days=rnd.randint(1, 10))
            Task.objects.create(
                case=case,
                title="โทรติดตาม",
                due=due,
                created_by=world["socialworker"],
                owner=world["socialworker"],
            )
            g.overdue_tasks.append({"team": team.pk if team else None, "district": district})
        if rnd.random() < 0.5:
            sent = _at(day, 11)
            state = rnd.choice(["sent", "accepted", "completed", "declined"])
            answered = sent + dt.timedelta(hours=rnd.randint(1, 48)) if state != "sent" else None
            ended = answered + dt.timedelta(days=2) if state in ("completed", "declined") else None
            Referral.objects.create(
                center=world.center_a,
                case=case,
                number=f"GEN-R{i:05d}",
                organization=org,
                service=service,
                reason="ทดสอบ",
                due=day + dt.timedelta(days=14),
                status=state,
                created_by=world["socialworker"],
                sent_at=sent,
                answered_at=answered,
                ended_at=ended,
            )
            g.referrals.append(
                {
                    "sent": sent,
                    "answered": answered,
                    "ended": ended,
                    "status": state,
                    "team": team.pk if team else None,
                }
            )
        if rnd.random() < 0.3:
            app_status = rnd.choice(BenefitApplication.Status.values)
            app = BenefitApplication.objects.create(
                case=case,
                person=person,
                benefit=benefit,
                rule_version=rule,
                status=app_status,
                recorded_by=world["socialworker"],
            )
            g.applications.append(
                {"pk": app.pk, "status": app_status, "team": team.pk if team else None}
            )
    vtype = VolunteerType.objects.order_by("pk").first()
    volunteer = Volunteer.objects.create(
        center=world.center_a,
        type=vtype,
        given_name="อาสา",
        family_name="ทดสอบ",
        birth_date=dt.date(1990, 1, 1),
        phone="+66812345678",
        address_text="ทดสอบ",
        emergency_name="ญาติ",
        emergency_phone="+66812345679",
        applied_at=timezone.now(),
        home_subdistrict_id="130201",
        area_subdistrict_id="130201",
        photo=b"",
        photo_type="image/jpeg",
        consent_version="1",
        status="active",
    )
    for _i in range(12):
        day = today - dt.timedelta(days=rnd.randint(0, 400))
        hours = Decimal(rnd.choice(["1.5", "2", "3.25"]))
        state = rnd.choice(["approved", "pending"])
        HoursEntry.objects.create(
            volunteer=volunteer,
            day=day,
            hours=hours,
            activity="ทดสอบ",
            source=rnd.choice(["self", "csr"]),
            status=state,
        )
        g.hours.append({"day": day, "hours": float(hours), "status": state})
    return g


@pytest.fixture
def generated(world: World, directory: Directory) -> Generated:
    return generate(world, directory.social_medicine)
