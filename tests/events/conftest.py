from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from onestop.events import services
from onestop.events.models import Event, Registration
from tests.conftest import World


@pytest.fixture
def make_event(world: World) -> Callable[..., Event]:
    def make(capacity: int = 2, days: int = 7, **fields: Any) -> Event:
        start = timezone.now().replace(microsecond=0) + dt.timedelta(days=days)
        data = services.EventInput(
            title=fields.pop("title", "เวทีสิทธิผู้สูงอายุในชุมชน"),
            kind=fields.pop("kind", "forum"),
            starts_at=start,
            ends_at=start + dt.timedelta(hours=3),
            capacity=capacity,
            organiser="ศูนย์ช่วยเหลือสังคม",
            place=fields.pop("place", "ห้องประชุม 1 อาคารโดม"),
        )
        return services.event_create(actor=world["coordinator"], center=world.center_a, data=data)

    return make


@pytest.fixture
def event(make_event: Callable[..., Event]) -> Event:
    return make_event()


def person(n: int, **fields: Any) -> services.RegistrationInput:
    return services.RegistrationInput(
        name=fields.pop("name", f"ผู้เข้าร่วม {n}"),
        email=fields.pop("email", f"p{n}@example.org"),
        consent=True,
        **fields,
    )


@pytest.fixture
def registered(event: Event) -> Registration:
    return services.register(event=event, data=person(1)).registration


# Courses enrol volunteers: the volunteer fixtures, for these tests.
from tests.volunteers.conftest import active_volunteer, apply  # noqa: E402, F401
