"""referrals.services: the workflow, the consent gate, the case status that follows, the
timeline, and each bad input of the issue."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from onestop.audit.models import AuditEntry
from onestop.cases import services as cases
from onestop.cases.models import Case, CaseEvent
from onestop.directory.models import Service
from onestop.notifications.models import Notification
from onestop.referrals import services
from onestop.referrals.models import Referral
from tests.cases.conftest import acc
from tests.conftest import World
from tests.directory.conftest import Directory
from tests.referrals.conftest import consent

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


def test_sending_needs_consent_or_a_supervisors_override(
    world: World, case: Case, make_referral
) -> None:  # type: ignore[no-untyped-def]
    draft = make_referral(send=False)
    with pytest.raises(ValidationError) as exc:
        services.referral_send(
            actor=world["socialworker"], access=acc(world, "socialworker", case), referral=draft
        )
    assert "consent" in " ".join(exc.value.messages)
    with pytest.raises(ValidationError) as exc:
        services.referral_send(
            actor=world["socialworker"],
            access=acc(world, "socialworker", case),
            referral=draft,
            override_reason="ด่วน",
        )
    assert "supervisor" in " ".join(exc.value.messages)
    sent = services.referral_send(
        actor=world["supervisor"],
        access=acc(world, "supervisor", case),
        referral=draft,
        override_reason="ผู้ป่วยหมดสติ ต้องส่งต่อทันที",
    )
    assert sent.status == "sent" and sent.consent_override_by == world["supervisor"]


def test_the_whole_way_and_the_case_follows(world: World, case: Case, make_referral) -> None:  # type: ignore[no-untyped-def]
    consent(world, case)
    r = make_referral()
    assert r.number == f"{case.number}-R1" and r.accept_due > r.sent_at
    assert Case.objects.get(pk=case.pk).status == "referred"
    assert Notification.objects.filter(user=world["partner"], text__contains=r.number).exists()
    services.referral_accept(actor=world["partner"], referral=r)
    services.referral_start(actor=world["partner"], referral=r)
    done = services.referral_report(
        actor=world["partner"], referral=r, completed=True, outcome="ได้รับสิทธิบัตรทองแล้ว"
    )
    assert done.status == "completed" and done.ended_at is not None
    assert Case.objects.get(pk=case.pk).status == "under_assessment"  # back where it was
    timeline = list(
        CaseEvent.objects.filter(case=case, kind="referral").values_list("reason", flat=True)
    )
    assert any("ได้รับสิทธิบัตรทองแล้ว" in t for t in timeline)
    assert (
        Notification.objects.filter(user=world["socialworker"], text__contains=r.number).count()
        >= 2
    )
    for action in ("created", "sent", "accepted", "started", "reported"):
        assert AuditEntry.objects.filter(
            action=f"referrals.referral.{action}", object_id=str(r.pk)
        ).exists()


def test_declined_needs_a_reason_and_takes_no_outcome(
    world: World, case: Case, make_referral
) -> None:  # type: ignore[no-untyped-def]
    consent(world, case)
    r = make_referral()
    with pytest.raises(ValidationError):
        services.referral_decline(actor=world["partner"], referral=r, reason=" ")
    services.referral_decline(actor=world["partner"], referral=r, reason="เกินศักยภาพ")
    with pytest.raises(ValidationError) as exc:
        services.referral_report(actor=world["partner"], referral=r, completed=True, outcome="x")
    assert "Declined" in " ".join(exc.value.messages)
    assert Case.objects.get(pk=case.pk).status == "under_assessment"


def test_a_revoked_referral_cannot_be_accepted(world: World, case: Case, make_referral) -> None:  # type: ignore[no-untyped-def]
    consent(world, case)
    r = make_referral()
    with pytest.raises(ValidationError):
        services.referral_revoke(
            actor=world["socialworker"],
            access=acc(world, "socialworker", case),
            referral=r,
            reason="",
        )
    services.referral_revoke(
        actor=world["socialworker"],
        access=acc(world, "socialworker", case),
        referral=r,
        reason="ครอบครัวพาไปเอง",
    )
    with pytest.raises(ValidationError) as exc:
        services.referral_accept(actor=world["partner"], referral=r)
    assert "Withdrawn" in " ".join(exc.value.messages)


def test_bad_input(
    world: World, case: Case, make_referral, directory: Directory, open_case, settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    Service.objects.filter(pk=directory.social_medicine.pk).update(status="inactive")
    with pytest.raises(ValidationError) as exc:
        make_referral(send=False, service=Service.objects.get(pk=directory.social_medicine.pk))
    assert "service" in exc.value.message_dict
    other = cases.case_assign(
        actor=world["supervisor"], case=open_case(), worker=world["socialworker"]
    )
    foreign_doc = cases.attachment_add(
        actor=world["socialworker"],
        access=acc(world, "socialworker", other),
        kind="other",
        upload=SimpleUploadedFile("a.pdf", PDF),
    )
    with pytest.raises(ValidationError) as exc:
        make_referral(send=False, service=directory.shelter_service, documents=[foreign_doc])
    assert "documents" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        make_referral(
            send=False,
            service=directory.shelter_service,
            due=timezone.localdate() - dt.timedelta(days=1),
        )
    assert "due" in exc.value.message_dict
    assert not Referral.objects.exists()


def test_only_the_receiving_organisation_acts(
    world: World, case: Case, make_referral, other_partner
) -> None:  # type: ignore[no-untyped-def]
    consent(world, case)
    r = make_referral()
    with pytest.raises(PermissionDenied):
        services.referral_accept(actor=other_partner, referral=r)
    with pytest.raises(PermissionDenied):
        services.referral_accept(actor=world["socialworker"], referral=r)


def test_an_unanswered_referral_escalates_once(world: World, case: Case, make_referral) -> None:  # type: ignore[no-untyped-def]
    consent(world, case)
    r = make_referral()
    later = r.accept_due + dt.timedelta(minutes=1)
    assert services.referrals_escalate(now=later) == 1
    assert services.referrals_escalate(now=later) == 0
    assert Notification.objects.filter(
        user=world["supervisor"], text__contains="no answer"
    ).exists()


def test_help_not_reported_by_the_due_date_escalates_once(
    world: World, case: Case, make_referral
) -> None:  # type: ignore[no-untyped-def]
    consent(world, case)
    r = make_referral()
    services.referral_accept(actor=world["partner"], referral=r)
    Referral.objects.filter(pk=r.pk).update(due=timezone.localdate() - dt.timedelta(days=1))
    assert services.referrals_escalate() == 1
    assert services.referrals_escalate() == 0
    assert Notification.objects.filter(
        user=world["socialworker"], text__contains="due date"
    ).exists()
