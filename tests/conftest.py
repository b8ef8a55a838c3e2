"""Shared fixtures: two centers and a persona for every role (Healthchecks-style personas).

Center A is Thammasat (the demo); center B is another center in the same deployment, so every
"wrong center gets 404" test has someone to be wrong.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_scopes import scopes_disabled

from onestop.accounts import services as accounts
from onestop.accounts.models import User
from onestop.centers import services as centers
from onestop.centers.models import Center, Team
from onestop.directory import services as directory
from onestop.directory.models import Organization

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # live_server + playwright

PASSWORD = "correct-horse-battery-2568"


@pytest.fixture(autouse=True)
def _no_scope_in_test_code() -> Iterator[None]:
    # Test code reads across centers to make assertions; requests still open their own scope.
    with scopes_disabled():
        yield


@pytest.fixture(autouse=True)
def _fresh_process_caches() -> None:
    # The lexicon and centers' calendars are cached per process for a few seconds; tests edit them.
    from onestop.geo.models import subdistrict_codes
    from onestop.intake import deadlines, lexicon
    from onestop.public import views as public_views

    lexicon.reset_cache()
    deadlines.reset_cache()
    public_views.reset_cache()
    subdistrict_codes.cache_clear()


@pytest.fixture(autouse=True)
def _clear_cache(request: pytest.FixtureRequest) -> Iterator[None]:
    # The cache lives in the database (as in production without Redis): rate-limit counters
    # must not leak from one test into the next.
    uses_db = {"db", "transactional_db", "live_server"} & set(request.fixturenames)
    if uses_db:
        request.getfixturevalue(
            "transactional_db" if "live_server" in request.fixturenames else "db"
        )
        cache.clear()
    yield
    if uses_db:
        cache.clear()


@dataclass
class World:
    center_a: Center
    center_b: Center
    team_a1: Team
    team_a2: Team
    team_b1: Team
    hospital: Organization
    users: dict[str, User]

    def __getitem__(self, key: str) -> User:
        return self.users[key]


def make_user(
    username: str,
    center: Center | None,
    roles: list[str],
    team: Team | None = None,
    organization: Organization | None = None,
    **extra: object,
) -> User:
    return accounts.user_create(
        actor=None,
        username=username,
        password=PASSWORD,
        center=center,
        roles=roles,
        team=team,
        organization=organization,
        first_name=extra.pop("first_name", username.title()),
        last_name=extra.pop("last_name", "Tester"),
        **extra,
    )


@pytest.fixture
def world(db: None) -> World:
    a = Center.objects.create(code="TU", name_th="ศูนย์ช่วยเหลือสังคม ธรรมศาสตร์", name_en="TU Center")
    b = Center.objects.create(code="LP", name_th="ศูนย์ช่วยเหลือสังคม ลำปาง", name_en="Lampang Center")
    hospital = directory.organization_create(
        actor=None, name_th="โรงพยาบาลธรรมศาสตร์เฉลิมพระเกียรติ", name_en="TU Hospital", kind="hospital"
    )
    a1 = centers.team_create(actor=None, center=a, name="ทีมรับเรื่อง")
    a2 = centers.team_create(actor=None, center=a, name="ทีมสังคมสงเคราะห์ 1")
    b1 = centers.team_create(actor=None, center=b, name="ทีมลำปาง")
    users = {
        "intake": make_user("intake", a, ["intake_officer"], a1),
        "socialworker": make_user("socialworker", a, ["social_worker"], a2),
        "othersocialworker": make_user("othersocialworker", a, ["social_worker"], a1),
        "supervisor": make_user("supervisor", a, ["supervisor"], a2),
        "centeradmin": make_user("centeradmin", a, ["center_admin"], email="admin@tu.invalid"),
        "coordinator": make_user("coordinator", a, ["coordinator"]),
        "volunteer": make_user("volunteer", a, ["volunteer"]),
        "partner": make_user("partner", a, ["partner_staff"], organization=hospital),
        "researcher": make_user("researcher", a, ["researcher"]),
        "dpo": make_user("dpo", a, ["dpo"]),
        "sysadmin": make_user("sysadmin", None, ["system_admin"], is_superuser=True, is_staff=True),
        "b_admin": make_user("b_admin", b, ["center_admin"]),
        "b_socialworker": make_user("b_socialworker", b, ["social_worker"], b1),
    }
    return World(a, b, a1, a2, b1, hospital, users)


def sign_in(client: Client, user: User) -> Client:
    """Sign ``client`` in as ``user`` with both steps passed: the session holds a verified
    authenticator, as after accounts:two_factor_verify (the tests run with OTP_REQUIRED on)."""
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": "authenticator"}
    )
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def client_for(world: World):  # type: ignore[no-untyped-def]
    """client_for("intake") → a test client signed in (both steps) as that persona."""

    def make(name: str) -> Client:
        return sign_in(Client(), world[name])

    return make


def denied(persona: str) -> int:
    """What a persona without the capability gets: 403, and 404 for a volunteer's account,
    which learns nothing of the staff side (accounts.decorators.capability_required)."""
    return 404 if persona == "volunteer" else 403


ROLE_PERSONAS = [
    "intake",
    "socialworker",
    "supervisor",
    "centeradmin",
    "coordinator",
    "volunteer",
    "partner",
    "researcher",
    "dpo",
    "sysadmin",
]
