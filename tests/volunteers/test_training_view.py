"""POST /volunteers/<pk>/training/: a completed course, which the checks read."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from onestop.thai.dates import be_year
from onestop.volunteers.models import TrainingRecord, Volunteer
from tests.conftest import World


def _be(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{be_year(day.year)}"


def test_a_course_is_recorded_and_satisfies_the_check(client_for, world: World, apply) -> None:  # type: ignore[no-untyped-def]
    v: Volunteer = apply()
    client = client_for("coordinator")
    before = client.get(f"/volunteers/{v.pk}/").content.decode()
    assert 'data-check="course:ASO-BASIC" data-ok="no"' in before
    done = timezone.localdate() - dt.timedelta(days=3)
    response = client.post(
        f"/volunteers/{v.pk}/training/",
        {
            "course_code": "aso-basic",
            "title": "หลักสูตรพื้นฐาน อพม.",
            "hours": "18",
            "completed_on": _be(done),
        },
    )
    assert response.status_code == 302
    record = TrainingRecord.objects.get()
    assert record.course_code == "ASO-BASIC" and record.completed_on == done
    after = client.get(f"/volunteers/{v.pk}/").content.decode()
    assert 'data-check="course:ASO-BASIC" data-ok="yes"' in after


def test_an_expired_course_does_not_count(client_for, world: World, apply) -> None:  # type: ignore[no-untyped-def]
    v = apply()
    client = client_for("coordinator")
    client.post(
        f"/volunteers/{v.pk}/training/",
        {
            "course_code": "ASO-BASIC",
            "title": "หลักสูตรพื้นฐาน",
            "hours": "18",
            "completed_on": "01/01/2560",
            "expires_on": "01/01/2562",
        },
    )
    page = client.get(f"/volunteers/{v.pk}/").content.decode()
    assert 'data-check="course:ASO-BASIC" data-ok="no"' in page


def test_bad_training_input_is_explained_and_nothing_saved(client_for, world: World, apply) -> None:  # type: ignore[no-untyped-def]
    v = apply()
    client = client_for("coordinator")
    future = timezone.localdate() + dt.timedelta(days=5)
    for data in (
        {"course_code": "X", "title": "X", "hours": "0", "completed_on": "01/01/2568"},
        {"course_code": "X", "title": "X", "hours": "3", "completed_on": _be(future)},
        {"course_code": "X", "title": "X", "hours": "3", "completed_on": "31/02/2568"},
        {"course_code": "X", "title": "X", "hours": "abc", "completed_on": "01/01/2568"},
    ):
        response = client.post(f"/volunteers/{v.pk}/training/", data)
        assert response.status_code == 400, data
    assert not TrainingRecord.objects.exists()


def test_other_roles_cannot_record_training(client_for, world: World, apply) -> None:  # type: ignore[no-untyped-def]
    v = apply()
    response = client_for("volunteer").post(
        f"/volunteers/{v.pk}/training/",
        {"course_code": "X", "title": "X", "hours": "3", "completed_on": "01/01/2568"},
    )
    assert response.status_code == 404  # a volunteer's account learns nothing of the staff side
