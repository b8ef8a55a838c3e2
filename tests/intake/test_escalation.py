from __future__ import annotations

import datetime as dt
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from onestop.audit.models import AuditEntry
from onestop.intake.services import (
    HelpRequestInput,
    help_request_record_contact,
    help_request_submit,
    help_requests_escalate,
)
from onestop.notifications.models import Notification
from tests.conftest import World


def _old(world: World, text: str, minutes: int):  # type: ignore[no-untyped-def]
    when = timezone.now() - dt.timedelta(minutes=minutes)
    return help_request_submit(
        center=world.center_a, data=HelpRequestInput(description=text), now=when
    ).request


def test_a_breach_notifies_the_supervisor_once_and_is_audited(
    world: World, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    late = _old(world, "ลูกบอกว่าอยากฆ่าตัวตาย", minutes=90)  # most urgent: due after 60 min
    _old(world, "ลูกบอกว่าอยากฆ่าตัวตาย", minutes=10)  # not yet due
    with override_settings(EMAIL_ENABLED=True), django_capture_on_commit_callbacks(execute=True):
        assert help_requests_escalate() == 1
    note = Notification.objects.get()
    assert note.user == world["supervisor"]
    assert late.reference in note.text and note.link == f"/intake/requests/{late.pk}/"
    assert (
        AuditEntry.objects.filter(
            action="intake.help_request.escalated", object_id=str(late.pk)
        ).count()
        == 1
    )
    assert help_requests_escalate() == 0  # once only
    # The other center's supervisors hear nothing.
    assert not Notification.objects.exclude(user=world["supervisor"]).exists()
    assert mail.outbox == []  # the supervisor persona has no email address


def test_a_request_with_a_first_contact_is_not_escalated(world: World) -> None:
    hr = _old(world, "ลูกบอกว่าอยากฆ่าตัวตาย", minutes=90)
    help_request_record_contact(actor=world["intake"], request=hr)
    assert help_requests_escalate() == 0


def test_the_command_runs_the_sweep(world: World) -> None:
    _old(world, "ลูกบอกว่าอยากฆ่าตัวตาย", minutes=90)
    out = StringIO()
    call_command("escalate_overdue", stdout=out)
    assert "1" in out.getvalue()
    assert Notification.objects.count() == 1


def test_supervisors_see_it_in_their_inbox(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    _old(world, "ลูกบอกว่าอยากฆ่าตัวตาย", minutes=90)
    help_requests_escalate()
    client = client_for("supervisor")
    body = client.get("/notifications/").content.decode()
    assert "ยังไม่มีการติดต่อครั้งแรก" in body
    client.post("/notifications/")
    assert not Notification.objects.filter(read_at__isnull=True).exists()
