"""cases.services: the lifecycle, assignment, assessment, plan, approvals, notes, tasks,
attachments, break-glass, consent and legal duties, each rule and each bad input."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from onestop.audit.models import AuditEntry
from onestop.cases import services
from onestop.cases.models import (
    Approval,
    BreakGlass,
    Case,
    CaseStatus,
    Consent,
    LegalDuty,
    Note,
    PlanRevision,
    Task,
    WorkStage,
)
from onestop.core.errors import StaleEdit
from onestop.intake import services as intake
from onestop.intake.models import Category
from onestop.notifications.models import Notification
from tests.cases.conftest import acc, today
from tests.conftest import World
from tests.persons.conftest import make_person

pytestmark = pytest.mark.usefixtures("english")


def messages(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    return " ".join(exc.value.messages)


# --- Opening --------------------------------------------------------------------------------


def test_case_number_has_center_and_be_year_month(world: World, open_case) -> None:  # type: ignore[no-untyped-def]
    case = open_case()
    now = timezone.localtime()
    assert re.fullmatch(rf"TU-{(now.year + 543) % 100:02d}{now.month:02d}-00001", case.number)
    assert open_case().number.endswith("-00002")
    assert case.status == CaseStatus.AWAITING_ASSIGNMENT
    assert case.assignment_due is not None and case.assignment_due > case.opened_at
    assert AuditEntry.objects.filter(action="cases.case.opened", object_id=str(case.pk)).exists()
    assert case.clients.get().role == "client"


def test_numbers_are_per_center(world: World, open_case) -> None:  # type: ignore[no-untyped-def]
    b_person = make_person(world, center=world.center_b, given_name="ลำปาง")
    b_case = services.case_open(
        actor=world["b_socialworker"],
        center=world.center_b,
        title="t",
        category=Category.objects.get(code="HML"),
        clients=[services.ClientInput(b_person)],
    )
    assert b_case.number.startswith("LP-") and b_case.number.endswith("-00001")


def test_open_from_an_accepted_request_brings_its_triage(world: World, client_person) -> None:  # type: ignore[no-untyped-def]
    hr = intake.help_request_submit(
        data=intake.HelpRequestInput(description="ยายอยู่คนเดียว ไม่มีคนดูแล"), center=world.center_a
    ).request
    with pytest.raises(ValidationError) as exc:
        services.case_open(
            actor=world["socialworker"],
            center=world.center_a,
            title="t",
            category=Category.objects.get(code="ELD"),
            clients=[services.ClientInput(client_person)],
            request=hr,
        )
    assert "accepted" in messages(exc)
    hr = intake.help_request_triage(
        actor=world["intake"],
        request=hr,
        urgency="urgent",
        risk_flags=["care"],
        outcome="accept",
        reason="ต้องเยี่ยมบ้าน",
        category=Category.objects.get(code="ELD.ALONE"),
    )
    case = services.case_open(
        actor=world["socialworker"],
        center=world.center_a,
        title="ยายอยู่คนเดียว",
        category=Category.objects.get(code="ELD.ALONE"),
        clients=[services.ClientInput(client_person)],
        urgency="urgent",
        request=hr,
    )
    assert list(case.requests.all()) == [hr]
    assert case.risk_flags == ["care"]
    assert case.target_group == "elderly"  # the client was born in 2490 BE
    with pytest.raises(ValidationError) as exc:
        services.case_open(
            actor=world["socialworker"],
            center=world.center_a,
            title="again",
            category=Category.objects.get(code="ELD"),
            clients=[services.ClientInput(client_person)],
            request=hr,
        )
    assert "already open" in messages(exc)


def test_a_person_of_another_center_cannot_be_a_client(world: World, open_case) -> None:  # type: ignore[no-untyped-def]
    stranger = make_person(world, center=world.center_b, given_name="คนลำปาง")
    with pytest.raises(ValidationError) as exc:
        open_case(clients=[services.ClientInput(stranger)])
    assert "belongs to another center" in messages(exc)
    assert "its own linked copy" in messages(exc)
    assert not Case.objects.exists()


def test_opening_needs_a_title_and_a_client(world: World, open_case) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as exc:
        open_case(title=" ", clients=[])
    assert set(exc.value.message_dict) == {"title", "clients"}


def test_only_case_workers_open_cases(world: World, open_case) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        open_case(opener="intake")
    with pytest.raises(PermissionDenied):
        open_case(opener="b_socialworker")  # center A's case by a center B worker


def test_a_child_client_makes_a_child_case(world: World, open_case) -> None:  # type: ignore[no-untyped-def]
    child = make_person(world, given_name="เด็กชาย", birth=f"{timezone.localdate().year + 543 - 9}")
    case = open_case(clients=[services.ClientInput(child)])
    assert case.target_group == "child"


# --- Assignment -----------------------------------------------------------------------------


def test_assign_moves_to_assessment_and_tells_the_worker(world: World, open_case) -> None:  # type: ignore[no-untyped-def]
    case = open_case()
    case = services.case_assign(actor=world["supervisor"], case=case, worker=world["socialworker"])
    assert case.status == CaseStatus.UNDER_ASSESSMENT
    assert case.team == world.team_a2
    assert Notification.objects.filter(
        user=world["socialworker"], link__contains=case.number
    ).exists()


def test_reassigning_needs_a_reason(world: World, case: Case) -> None:
    with pytest.raises(ValidationError) as exc:
        services.case_assign(
            actor=world["supervisor"], case=case, worker=world["othersocialworker"]
        )
    assert "reason" in exc.value.message_dict
    case = services.case_assign(
        actor=world["supervisor"], case=case, worker=world["othersocialworker"], reason="ลาคลอด"
    )
    assert case.worker == world["othersocialworker"] and case.team == world.team_a1
    assert AuditEntry.objects.filter(action="cases.case.reassigned").exists()


def test_only_a_supervisor_of_the_center_assigns(world: World, open_case) -> None:  # type: ignore[no-untyped-def]
    case = open_case()
    with pytest.raises(PermissionDenied):
        services.case_assign(actor=world["socialworker"], case=case, worker=world["socialworker"])
    with pytest.raises(ValidationError):
        services.case_assign(actor=world["supervisor"], case=case, worker=world["b_socialworker"])
    with pytest.raises(ValidationError):
        services.case_assign(actor=world["supervisor"], case=case, worker=world["intake"])


def test_a_stale_assignment_is_refused_and_names_who_changed_it(world: World, open_case) -> None:  # type: ignore[no-untyped-def]
    case = open_case()
    read_version = case.version
    services.case_assign(actor=world["supervisor"], case=case, worker=world["socialworker"])
    with pytest.raises(StaleEdit) as exc:
        services.case_assign(
            actor=world["supervisor"],
            case=case,
            worker=world["othersocialworker"],
            reason="x",
            expected_version=read_version,
        )
    assert world["supervisor"].display_name in str(exc.value.message)
    assert Case.objects.get(pk=case.pk).worker == world["socialworker"]


# --- Status ---------------------------------------------------------------------------------


def _close(world: World, case: Case) -> Case:
    services.case_update(
        actor=world["socialworker"],
        access=acc(world, "socialworker", case),
        fields={"closure_summary": "ได้รับเบี้ยยังชีพแล้ว"},
        expected_version=None,
    )
    approval = services.approval_request(
        actor=world["socialworker"], access=acc(world, "socialworker", case), subject="closure"
    )
    services.approval_decide(
        actor=world["supervisor"],
        access=acc(world, "supervisor", case),
        approval=approval,
        approve=True,
    )
    return services.case_transition(
        actor=world["socialworker"], access=acc(world, "socialworker", case), to_status="closed"
    )


def test_closing_needs_an_approved_closure(world: World, case: Case) -> None:
    with pytest.raises(ValidationError) as exc:
        services.case_transition(
            actor=world["socialworker"], access=acc(world, "socialworker", case), to_status="closed"
        )
    assert "approve the closure" in messages(exc)
    closed = _close(world, case)
    assert closed.status == CaseStatus.CLOSED and closed.closed_at is not None


def test_closed_cannot_go_straight_to_referred(world: World, case: Case) -> None:
    _close(world, case)
    with pytest.raises(ValidationError) as exc:
        services.case_transition(
            actor=world["socialworker"],
            access=acc(world, "socialworker", case),
            to_status="referred",
        )
    assert "cannot go from “Closed” to “Referred”" in messages(exc)


def test_reopen_needs_a_reason_and_a_new_closure_approval(world: World, case: Case) -> None:
    _close(world, case)
    with pytest.raises(ValidationError) as exc:
        services.case_transition(
            actor=world["socialworker"],
            access=acc(world, "socialworker", case),
            to_status="under_assessment",
        )
    assert "reason" in exc.value.message_dict
    reopened = services.case_transition(
        actor=world["socialworker"],
        access=acc(world, "socialworker", case),
        to_status="under_assessment",
        reason="ยายล้มอีกครั้ง",
    )
    assert reopened.status == CaseStatus.UNDER_ASSESSMENT and reopened.closed_at is None
    assert reopened.events.filter(kind="reopened", reason="ยายล้มอีกครั้ง").exists()
    assert not services.closure_approved(reopened)


def test_unknown_status_and_unassigned_assessment_are_refused(world: World, open_case) -> None:  # type: ignore[no-untyped-def]
    case = open_case()
    with pytest.raises(ValidationError):
        services.case_transition(
            actor=world["socialworker"], access=acc(world, "socialworker", case), to_status="lost"
        )
    with pytest.raises(ValidationError) as exc:
        services.case_transition(
            actor=world["socialworker"],
            access=acc(world, "socialworker", case),
            to_status="under_assessment",
        )
    assert "assign" in messages(exc)


def test_a_worker_without_access_cannot_change_status(world: World, case: Case) -> None:
    with pytest.raises(PermissionDenied):
        services.case_transition(
            actor=world["othersocialworker"],
            access=acc(world, "othersocialworker", case),
            to_status="referred",
        )


# --- Assessment, plan, approvals ------------------------------------------------------------


def test_assessment_due_before_opening_is_refused(world: World, case: Case) -> None:
    with pytest.raises(ValidationError) as exc:
        services.assessment_save(
            actor=world["socialworker"],
            access=acc(world, "socialworker", case),
            fields={"needs": "x", "due": today() - dt.timedelta(days=3)},
        )
    assert "before the case was opened" in messages(exc)


def test_assessment_approval_and_a_later_edit_needs_approval_again(
    world: World, case: Case
) -> None:
    sw = world["socialworker"]
    with pytest.raises(ValidationError):
        services.approval_request(
            actor=sw, access=acc(world, "socialworker", case), subject="assessment"
        )
    a = services.assessment_save(
        actor=sw,
        access=acc(world, "socialworker", case),
        fields={
            "needs": "ผู้ดูแล",
            "opinion": "ควรได้รับเบี้ยยังชีพ",
            "due": today() + dt.timedelta(days=7),
        },
    )
    approval = services.approval_request(
        actor=sw, access=acc(world, "socialworker", case), subject="assessment"
    )
    with pytest.raises(ValidationError):  # nobody approves their own request... nor twice asks
        services.approval_request(
            actor=sw, access=acc(world, "socialworker", case), subject="assessment"
        )
    with pytest.raises(ValidationError) as exc:
        services.approval_decide(
            actor=world["supervisor"],
            access=acc(world, "supervisor", case),
            approval=approval,
            approve=False,
        )
    assert "comment" in exc.value.message_dict
    services.approval_decide(
        actor=world["supervisor"],
        access=acc(world, "supervisor", case),
        approval=approval,
        approve=True,
    )
    a.refresh_from_db()
    assert a.state == "approved"
    services.assessment_save(
        actor=sw,
        access=acc(world, "socialworker", case),
        fields={"opinion": "เปลี่ยนความเห็น"},
        expected_version=a.version,
    )
    a.refresh_from_db()
    assert a.state == "draft"


def test_nobody_approves_their_own_request(world: World, open_case) -> None:  # type: ignore[no-untyped-def]
    case = open_case(opener="supervisor")
    case = services.case_assign(actor=world["supervisor"], case=case, worker=world["supervisor"])
    services.assessment_save(
        actor=world["supervisor"],
        access=acc(world, "supervisor", case),
        fields={"needs": "x", "opinion": "y"},
    )
    approval = services.approval_request(
        actor=world["supervisor"], access=acc(world, "supervisor", case), subject="assessment"
    )
    with pytest.raises(ValidationError) as exc:
        services.approval_decide(
            actor=world["supervisor"],
            access=acc(world, "supervisor", case),
            approval=approval,
            approve=True,
        )
    assert "Someone else" in messages(exc)
    with pytest.raises(PermissionDenied):
        services.approval_decide(
            actor=world["socialworker"],
            access=acc(world, "socialworker", case),
            approval=approval,
            approve=True,
        )


def _plan(world: World, case: Case) -> None:
    sw = world["socialworker"]
    goal = services.plan_goal_add(
        actor=sw, access=acc(world, "socialworker", case), text="ได้รับเบี้ยยังชีพ"
    )
    services.plan_action_add(
        actor=sw,
        access=acc(world, "socialworker", case),
        goal=goal,
        text="พาไปลงทะเบียนที่ อบต.",
        kind="coordination",
        owner=sw,
        due=today() + dt.timedelta(days=14),
    )


def test_plan_is_versioned_and_the_approved_version_is_kept(world: World, case: Case) -> None:
    _plan(world, case)
    plan = case.plan
    assert plan.version == 2 and PlanRevision.objects.filter(plan=plan).count() == 2
    approval = services.approval_request(
        actor=world["socialworker"], access=acc(world, "socialworker", case), subject="plan"
    )
    assert approval.subject_version == 2
    services.approval_decide(
        actor=world["supervisor"],
        access=acc(world, "supervisor", case),
        approval=approval,
        approve=True,
    )
    plan.refresh_from_db()
    assert plan.state == "approved" and plan.approved_version == 2
    # Progress keeps the approval; new content needs a new one.
    action = plan.goals.get().actions.get()
    services.plan_action_set_status(
        actor=world["socialworker"],
        access=acc(world, "socialworker", case),
        action=action,
        status="in_progress",
    )
    plan.refresh_from_db()
    assert plan.state == "approved" and plan.version == 3
    services.plan_goal_add(
        actor=world["socialworker"], access=acc(world, "socialworker", case), text="มีผู้ดูแล"
    )
    plan.refresh_from_db()
    assert plan.state == "draft" and plan.approved_version == 2
    first = PlanRevision.objects.get(plan=plan, number=2).data
    assert first["goals"][0]["actions"][0]["text"] == "พาไปลงทะเบียนที่ อบต."


def test_a_plan_changed_after_the_request_cannot_be_approved(world: World, case: Case) -> None:
    _plan(world, case)
    approval = services.approval_request(
        actor=world["socialworker"], access=acc(world, "socialworker", case), subject="plan"
    )
    plan = case.plan
    services.plan_goal_add(
        actor=world["socialworker"],
        access=acc(world, "socialworker", case),
        text="ใหม่",
        expected_version=plan.version,
    )
    approval.refresh_from_db()
    assert approval.decision == "returned"  # withdrawn by the change
    with pytest.raises(ValidationError):
        services.approval_decide(
            actor=world["supervisor"],
            access=acc(world, "supervisor", case),
            approval=approval,
            approve=True,
        )


def test_a_stale_plan_edit_is_refused(world: World, case: Case) -> None:
    _plan(world, case)
    with pytest.raises(StaleEdit):
        services.plan_goal_add(
            actor=world["socialworker"],
            access=acc(world, "socialworker", case),
            text="x",
            expected_version=1,
        )
    assert case.plan.goals.count() == 1


def test_action_due_before_opening_is_refused(world: World, case: Case) -> None:
    goal = services.plan_goal_add(
        actor=world["socialworker"], access=acc(world, "socialworker", case), text="g"
    )
    with pytest.raises(ValidationError) as exc:
        services.plan_action_add(
            actor=world["socialworker"],
            access=acc(world, "socialworker", case),
            goal=goal,
            text="a",
            due=today() - dt.timedelta(days=1),
        )
    assert "before the case was opened" in messages(exc)


# --- Notes ----------------------------------------------------------------------------------


def test_a_note_of_100000_characters_gets_a_clear_limit(world: World, case: Case) -> None:
    with pytest.raises(ValidationError) as exc:
        services.note_add(
            actor=world["socialworker"],
            access=acc(world, "socialworker", case),
            kind="contact",
            text="ก" * 100_000,
        )
    assert "at most 10,000 characters; this one has 100,000" in messages(exc)
    assert not Note.objects.exists()


def test_a_stale_note_edit_loses_nothing(world: World, case: Case) -> None:
    sw, sup = world["socialworker"], world["supervisor"]
    note = services.note_add(
        actor=sw, access=acc(world, "socialworker", case), kind="home_visit", text="เยี่ยมบ้าน"
    )
    read = note.version
    services.note_update(
        actor=sup,
        access=acc(world, "supervisor", case),
        note=note,
        kind="home_visit",
        text="เยี่ยมบ้าน ยายสบายดี",
        confidential=False,
        expected_version=read,
    )
    with pytest.raises(StaleEdit) as exc:
        services.note_update(
            actor=sw,
            access=acc(world, "socialworker", case),
            note=note,
            kind="home_visit",
            text="เยี่ยมบ้าน (แก้)",
            confidential=False,
            expected_version=read,
        )
    assert sup.display_name in str(exc.value.message) and "Reload" in str(exc.value.message)
    note.refresh_from_db()
    assert note.text == "เยี่ยมบ้าน ยายสบายดี" and note.version == read + 1


def test_only_the_author_or_a_supervisor_edits_a_note(world: World, case: Case) -> None:
    note = services.note_add(
        actor=world["supervisor"], access=acc(world, "supervisor", case), kind="contact", text="x"
    )
    with pytest.raises(PermissionDenied):
        services.note_update(
            actor=world["socialworker"],
            access=acc(world, "socialworker", case),
            note=note,
            kind="contact",
            text="y",
            confidential=False,
            expected_version=note.version,
        )


def test_a_future_note_date_is_refused(world: World, case: Case) -> None:
    with pytest.raises(ValidationError) as exc:
        services.note_add(
            actor=world["socialworker"],
            access=acc(world, "socialworker", case),
            kind="contact",
            text="x",
            happened_on=today() + dt.timedelta(days=2),
        )
    assert "future" in messages(exc)


# --- Tasks ----------------------------------------------------------------------------------


def test_task_due_before_the_case_opened_is_refused(world: World, case: Case) -> None:
    with pytest.raises(ValidationError) as exc:
        services.task_add(
            actor=world["socialworker"],
            access=acc(world, "socialworker", case),
            title="โทรติดตาม",
            due=today() - dt.timedelta(days=1),
            owner=world["socialworker"],
        )
    assert "before the case was opened" in messages(exc)


def test_a_home_visit_respects_the_clients_safety(world: World, case: Case) -> None:
    sw = world["socialworker"]
    client = case.clients.get()
    services.client_safety_update(
        actor=sw,
        access=acc(world, "socialworker", case),
        client=client,
        safe_phone=None,
        line_safe=False,
        visit_safe=False,
        safe_times="",
        do_not_contact=False,
        safety_note="ผู้กระทำอยู่บ้าน",
    )
    client.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.task_add(
            actor=sw,
            access=acc(world, "socialworker", case),
            title="เยี่ยมบ้าน",
            due=today(),
            owner=sw,
            kind="home_visit",
            client=client,
        )
    assert "not safe" in messages(exc)
    assert not services.contact_allowed(client, "visit")
    assert not services.contact_allowed(client, "phone")


def test_task_owner_must_be_of_the_center_and_done_is_recorded(world: World, case: Case) -> None:
    sw = world["socialworker"]
    with pytest.raises(ValidationError):
        services.task_add(
            actor=sw,
            access=acc(world, "socialworker", case),
            title="t",
            due=today(),
            owner=world["b_socialworker"],
        )
    task = services.task_add(
        actor=sw,
        access=acc(world, "socialworker", case),
        title="โทร",
        due=today(),
        owner=world["othersocialworker"],
    )
    assert Notification.objects.filter(user=world["othersocialworker"]).exists()
    assert Case.objects.get(pk=case.pk).next_task_due == today()  # what "overdue" filters on
    done = services.task_set_status(
        actor=sw,
        access=acc(world, "socialworker", case),
        task=task,
        status="done",
        expected_version=task.version,
    )
    assert done.status == Task.Status.DONE and done.done_at is not None
    assert Case.objects.get(pk=case.pk).next_task_due is None
    with pytest.raises(StaleEdit):
        services.task_set_status(
            actor=sw,
            access=acc(world, "socialworker", case),
            task=task,
            status="open",
            expected_version=task.version,
        )


# --- Attachments ----------------------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def test_an_executable_is_refused_whatever_its_name(world: World, case: Case) -> None:
    exe = SimpleUploadedFile("บัตรประชาชน.pdf", b"MZ\x90\x00" + b"\x00" * 200, "application/pdf")
    with pytest.raises(ValidationError) as exc:
        services.attachment_add(
            actor=world["socialworker"],
            access=acc(world, "socialworker", case),
            kind="id_card",
            upload=exe,
        )
    assert "is a program" in messages(exc)
    script = SimpleUploadedFile("x.jpg", b"#!/bin/sh\nrm -rf /\n", "image/jpeg")
    with pytest.raises(ValidationError):
        services.attachment_add(
            actor=world["socialworker"],
            access=acc(world, "socialworker", case),
            kind="photo",
            upload=script,
        )
    assert not case.attachments.exists()


def test_pdfs_with_scripts_and_other_files_are_refused(world: World, case: Case) -> None:
    evil = SimpleUploadedFile(
        "a.pdf", PDF.replace(b"/Catalog", b"/Catalog/OpenAction<</JS(app.alert(1))>>")
    )
    with pytest.raises(ValidationError) as exc:
        services.attachment_add(
            actor=world["socialworker"],
            access=acc(world, "socialworker", case),
            kind="other",
            upload=evil,
        )
    assert "scripts" in messages(exc)
    text = SimpleUploadedFile("a.pdf", "ข้อความ".encode())
    with pytest.raises(ValidationError) as exc:
        services.attachment_add(
            actor=world["socialworker"],
            access=acc(world, "socialworker", case),
            kind="other",
            upload=text,
        )
    assert "not a PDF" in messages(exc)
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (11 * 1024 * 1024))
    with pytest.raises(ValidationError) as exc:
        services.attachment_add(
            actor=world["socialworker"],
            access=acc(world, "socialworker", case),
            kind="other",
            upload=big,
        )
    assert "10 MB" in messages(exc)


def test_a_pdf_and_a_photo_are_stored_privately(
    world: World, case: Case, settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from tests.intake.conftest import _image_bytes

    settings.MEDIA_ROOT = tmp_path
    item = services.attachment_add(
        actor=world["socialworker"],
        access=acc(world, "socialworker", case),
        kind="police_report",
        upload=SimpleUploadedFile("แจ้งความ.pdf", PDF),
    )
    assert item.content_type == "application/pdf" and item.original_name == "แจ้งความ.pdf"
    assert item.file.name.startswith(f"private/cases/{case.center_id}/{case.number}/")
    photo = services.attachment_add(
        actor=world["socialworker"],
        access=acc(world, "socialworker", case),
        kind="photo",
        upload=SimpleUploadedFile("house.jpg", _image_bytes("JPEG", exif_gps=True)),
    )
    assert photo.content_type == "image/jpeg"
    assert b"PhoneMaker" not in photo.file.open("rb").read()  # EXIF gone
    assert AuditEntry.objects.filter(action="cases.attachment.added").count() == 2


# --- Break-glass ----------------------------------------------------------------------------


def test_break_glass_needs_a_reason_then_grants_time_limited_access(
    world: World, case: Case
) -> None:
    other = world["othersocialworker"]
    assert not acc(world, "othersocialworker", case).full
    with pytest.raises(ValidationError) as exc:
        services.break_glass(actor=other, access=acc(world, "othersocialworker", case), reason=" ")
    assert "reason" in exc.value.message_dict
    grant = services.break_glass(
        actor=other,
        access=acc(world, "othersocialworker", case),
        reason="ผู้รับบริการโทรมาฉุกเฉิน นักสังคมฯ ลา",
    )
    a = acc(world, "othersocialworker", case)
    assert a.full and a.via == "break_glass" and not a.confidential
    assert grant.expires_at - grant.granted_at == dt.timedelta(hours=BreakGlass.HOURS)
    assert Notification.objects.filter(
        user=world["supervisor"], text__contains=case.number
    ).exists()
    assert AuditEntry.objects.filter(action="cases.case.break_glass", actor=other).exists()
    BreakGlass.objects.filter(pk=grant.pk).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert not acc(world, "othersocialworker", case).full


# --- Consent and legal duties ---------------------------------------------------------------


def test_consent_rules(world: World, case: Case) -> None:
    sw = world["socialworker"]
    assert services.sharing_allowed(case)[0] is False
    with pytest.raises(ValidationError) as exc:
        services.consent_record(
            actor=sw,
            access=acc(world, "socialworker", case),
            data=services.ConsentInput(lawful_basis="consent", method="verbal_witness"),
        )
    assert {"consenting_person", "witness"} <= set(exc.value.message_dict)
    services.consent_record(
        actor=sw,
        access=acc(world, "socialworker", case),
        data=services.ConsentInput(
            lawful_basis="consent",
            method="verbal_witness",
            consenting_person="นายบุญมี",
            witness="นางสาวพยาน",
        ),
    )
    allowed, reason = services.sharing_allowed(case)
    assert not allowed and "outside" in reason
    consent = Consent.objects.get(case=case)
    services.consent_record(
        actor=sw,
        access=acc(world, "socialworker", case),
        expected_version=consent.version,
        data=services.ConsentInput(
            lawful_basis="consent",
            method="verbal_witness",
            consenting_person="นายบุญมี",
            witness="นางสาวพยาน",
            share_outside=True,
        ),
    )
    assert services.sharing_allowed(case) == (True, "")
    with pytest.raises(StaleEdit):
        services.consent_record(
            actor=sw,
            access=acc(world, "socialworker", case),
            expected_version=consent.version,
            data=services.ConsentInput(
                lawful_basis="vital_interest", method="unable", unable_reason="หมดสติ"
            ),
        )


def test_a_child_needs_the_guardian_or_an_approved_exception(world: World, open_case) -> None:  # type: ignore[no-untyped-def]
    child = make_person(world, given_name="เด็กหญิง", birth=f"{timezone.localdate().year + 543 - 8}")
    case = open_case(
        clients=[services.ClientInput(child)], category=Category.objects.get(code="VIO.CHILD")
    )
    case = services.case_assign(actor=world["supervisor"], case=case, worker=world["socialworker"])
    sw = world["socialworker"]
    with pytest.raises(ValidationError) as exc:
        services.consent_record(
            actor=sw,
            access=acc(world, "socialworker", case),
            data=services.ConsentInput(lawful_basis="social_care", method="not_needed"),
        )
    assert "guardian" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.consent_record(
            actor=sw,
            access=acc(world, "socialworker", case),
            data=services.ConsentInput(
                lawful_basis="consent",
                method="verbal_witness",
                consenting_person="x",
                witness="y",
                guardian="exception",
                exception_reason="พ่อเป็นผู้กระทำ",
            ),
        )
    assert "lawful_basis" in exc.value.message_dict
    services.consent_record(
        actor=sw,
        access=acc(world, "socialworker", case),
        data=services.ConsentInput(
            lawful_basis="social_care",
            method="not_needed",
            guardian="exception",
            exception_reason="พ่อเป็นผู้ถูกกล่าวหา",
        ),
    )
    allowed, reason = services.sharing_allowed(case)
    assert not allowed and "supervisor" in reason
    approval = case.approvals.get(subject=Approval.Subject.CONSENT_EXCEPTION, decision="pending")
    services.approval_decide(
        actor=world["supervisor"],
        access=acc(world, "supervisor", case),
        approval=approval,
        approve=True,
    )
    assert services.sharing_allowed(case) == (True, "")
    assert services.legal_duties_for(case) == [LegalDuty.CHILD_PROTECTION]


def test_legal_duties_follow_category_and_flags(world: World, open_case) -> None:  # type: ignore[no-untyped-def]
    dv = open_case(category=Category.objects.get(code="VIO.DV"), risk_flags=["trafficking"])
    assert services.legal_duties_for(dv) == [LegalDuty.FAMILY_VIOLENCE, LegalDuty.TRAFFICKING]
    assert services.legal_duties_for(open_case()) == []
    dv = services.case_assign(actor=world["supervisor"], case=dv, worker=world["socialworker"])
    with pytest.raises(ValidationError) as exc:
        services.legal_duty_record(
            actor=world["socialworker"],
            access=acc(world, "socialworker", dv),
            duty="family_violence",
            decision="reported",
            detail="",
        )
    assert "detail" in exc.value.message_dict
    services.legal_duty_record(
        actor=world["socialworker"],
        access=acc(world, "socialworker", dv),
        duty="family_violence",
        decision="reported",
        detail="แจ้ง พมจ. ปทุมธานี ทางโทรศัพท์ 10:30",
    )
    assert AuditEntry.objects.filter(action="cases.legal_duty.recorded").exists()


# --- Computed and swept ---------------------------------------------------------------------


def test_work_stage_follows_the_data(world: World, open_case) -> None:  # type: ignore[no-untyped-def]
    case = open_case()
    assert services.work_stage(case) == WorkStage.INTAKE
    case = services.case_assign(actor=world["supervisor"], case=case, worker=world["socialworker"])
    assert services.work_stage(case) == WorkStage.SCREENING
    services.assessment_save(
        actor=world["socialworker"], access=acc(world, "socialworker", case), fields={"needs": "x"}
    )
    assert services.work_stage(case) == WorkStage.ASSESSMENT
    _plan(world, case)
    assert services.work_stage(case) == WorkStage.PLAN
    approval = services.approval_request(
        actor=world["socialworker"], access=acc(world, "socialworker", case), subject="plan"
    )
    services.approval_decide(
        actor=world["supervisor"],
        access=acc(world, "supervisor", case),
        approval=approval,
        approve=True,
    )
    assert services.work_stage(case) == WorkStage.INTERVENTION
    action = case.plan.goals.get().actions.get()
    services.plan_action_set_status(
        actor=world["socialworker"],
        access=acc(world, "socialworker", case),
        action=action,
        status="done",
    )
    assert services.work_stage(case) == WorkStage.FOLLOW_UP
    _close(world, case)
    assert services.work_stage(Case.objects.get(pk=case.pk)) == WorkStage.CLOSURE


def test_an_unassigned_case_past_its_deadline_escalates_once(world: World, open_case) -> None:  # type: ignore[no-untyped-def]
    case = open_case(urgency="most_urgent")
    later = case.assignment_due + dt.timedelta(minutes=5)
    assert services.cases_escalate(now=case.assignment_due - dt.timedelta(minutes=1)) == 0
    assert services.cases_escalate(now=later) == 1
    assert services.cases_escalate(now=later) == 0
    assert (
        Notification.objects.filter(user=world["supervisor"], text__contains=case.number).count()
        == 1
    )
    assert AuditEntry.objects.filter(action="cases.case.escalated", object_id=str(case.pk)).exists()
