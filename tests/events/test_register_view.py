"""/events/ and /events/<pk>/: the public listing and registration, with the waitlist."""

from __future__ import annotations

from typing import Any

from django.core import mail
from django.test import Client, override_settings

from onestop.audit.models import AuditEntry
from onestop.events.models import Event, Registration
from tests.conftest import World


def _form(n: int, **overrides: Any) -> dict[str, Any]:
    return {
        "name": f"สมชาย {n}",
        "email": f"s{n}@example.org",
        "phone": "",
        "consent": "on",
        **overrides,
    }


def test_the_listing_shows_open_events(
    client: Client, world: World, event: Event, make_event
) -> None:  # type: ignore[no-untyped-def]
    past = make_event(days=-3, title="งานที่ผ่านไปแล้ว")
    page = client.get("/events/").content.decode()
    assert f'data-event="{event.pk}"' in page and past.title not in page
    assert client.get(f"/events/{event.pk}/").status_code == 200


def test_places_then_the_waitlist(
    client: Client, world: World, event: Event, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            response = client.post(f"/events/{event.pk}/", _form(n))
            assert response.status_code == 302 and "/events/t/" in response["Location"]
    statuses = list(Registration.objects.order_by("id").values_list("status", flat=True))
    assert statuses == ["confirmed", "confirmed", "waitlisted"]
    assert [m.subject.split(":")[0] for m in mail.outbox][:1]
    confirmed = [m for m in mail.outbox if m.attachments]
    assert len(confirmed) == 2 and confirmed[0].attachments[0][2] == "image/png"
    assert AuditEntry.objects.filter(action="events.registration.created").count() == 3


def test_the_same_email_again_shows_the_existing_registration(
    client: Client, world: World, event: Event
) -> None:
    first = client.post(f"/events/{event.pk}/", _form(1))
    again = client.post(f"/events/{event.pk}/", _form(1, name="ชื่ออื่น", email="S1@Example.org"))
    assert again["Location"] == first["Location"]
    assert Registration.objects.count() == 1


def test_past_cancelled_and_bad_input_are_refused(
    client: Client, world: World, event: Event, make_event
) -> None:  # type: ignore[no-untyped-def]
    past = make_event(days=-1)
    response = client.post(f"/events/{past.pk}/", _form(1))
    assert response.status_code == 400
    Event.objects.filter(pk=event.pk).update(status="cancelled")
    assert client.post(f"/events/{event.pk}/", _form(2)).status_code == 400
    Event.objects.filter(pk=event.pk).update(status="published")
    for bad in (
        {"consent": ""},
        {"name": ""},
        {"email": "", "phone": ""},
        {"email": "not-an-email"},
        {"phone": "12"},
    ):
        assert client.post(f"/events/{event.pk}/", _form(3, **bad)).status_code == 400, bad
    assert not Registration.objects.exists()
    assert client.get("/events/999999/").status_code == 404


def test_a_draft_event_is_not_public(client: Client, world: World, event: Event) -> None:
    Event.objects.filter(pk=event.pk).update(status="draft")
    assert client.get(f"/events/{event.pk}/").status_code == 404


@override_settings(INTAKE_RATE_PER_IP="2/h")
def test_registration_is_rate_limited(client: Client, world: World, event: Event) -> None:
    client.post(f"/events/{event.pk}/", _form(1))
    client.post(f"/events/{event.pk}/", _form(2))
    assert client.post(f"/events/{event.pk}/", _form(3)).status_code == 429
