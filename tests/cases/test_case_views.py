"""The case pages through HTTP: opening from a request, the case page's forms and their errors,
my day, the list's filters, workload, and query counts that do not grow with the data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from onestop.cases import services
from onestop.cases.models import Case, Consent, Note, Task
from onestop.intake import services as intake
from onestop.intake.models import Category
from onestop.privacy import notices
from tests.cases.conftest import acc, today
from tests.conftest import World


def _accepted_request(world: World):  # type: ignore[no-untyped-def]
    hr = intake.help_request_submit(
        data=intake.HelpRequestInput(
            description="ยายอยู่คนเดียว เดินไม่ไหว", subject_name="ยายบุญมี", subject_age=81
        ),
        center=world.center_a,
    ).request
    return intake.help_request_triage(
        actor=world["intake"],
        request=hr,
        urgency="urgent",
        risk_flags=["care"],
        outcome="accept",
        reason="ต้องเยี่ยมบ้าน",
        category=Category.objects.get(code="ELD.ALONE"),
    )


def test_open_a_case_from_a_triaged_request(world: World, client_for, client_person) -> None:  # type: ignore[no-untyped-def]
    hr = _accepted_request(world)
    detail = client_for("supervisor").get(f"/intake/requests/{hr.pk}/").content.decode()
    client = client_for("socialworker")
    assert f"/cases/new/?request={hr.pk}" in detail
    form = client.get(f"/cases/new/?request={hr.pk}")
    assert form.status_code == 200 and "ยายอยู่คนเดียว เดินไม่ไหว" in form.content.decode()
    # The registry is searched for the name on the request; choosing a hit fills the field.
    found = client.get(f"/cases/new/?request={hr.pk}&q=บุญมี").content.decode()
    assert f"client={client_person.code}" in found
    chosen = client.get(f"/cases/new/?request={hr.pk}&client={client_person.code}").content.decode()
    assert f'value="{client_person.code}"' in chosen
    data = {
        "title": "ยายบุญมี",
        "category": "ELD.ALONE",
        "urgency": "urgent",
        "risk_flags": ["care"],
        "summary": "",
        "clients": "P-NOONE-00000",
        "request": hr.pk,
    }
    bad = client.post("/cases/new/", data)
    assert bad.status_code == 200 and "P-NOONE-00000" in bad.content.decode()
    response = client.post("/cases/new/", {**data, "clients": client_person.code.lower()})
    assert response.status_code == 302
    case = Case.objects.get()
    assert response["Location"] == f"/cases/{case.number}/"
    assert list(case.requests.all()) == [hr] and case.urgency == "urgent"
    assert (
        case.number in client_for("supervisor").get(f"/intake/requests/{hr.pk}/").content.decode()
    )


def test_opening_bad_input_is_shown_not_a_500(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("socialworker")
    response = client.post(
        "/cases/new/", {"title": "", "category": "NOPE", "urgency": "x", "clients": ""}
    )
    assert response.status_code == 200 and 'class="error"' in response.content.decode()
    assert client.get("/cases/new/?request=999999").status_code == 404


def test_assign_and_illegal_transition_messages(world: World, client_for, open_case) -> None:  # type: ignore[no-untyped-def]
    case = open_case()
    sup = client_for("supervisor")
    r = sup.post(
        f"/cases/{case.number}/assign/",
        {"worker": world["socialworker"].pk, "version": case.version},
    )
    assert r.status_code == 302
    r = sup.post(
        f"/cases/{case.number}/assign/", {"worker": world["othersocialworker"].pk}, follow=True
    )
    assert "เหตุผล" in r.content.decode()  # a reason is needed to reassign
    sw = client_for("socialworker")
    r = sw.post(f"/cases/{case.number}/status/", {"status": "closed"}, follow=True)
    assert r.status_code == 200 and "อนุมัติ" in r.content.decode()
    assert Case.objects.get(pk=case.pk).status == "under_assessment"
    r = sw.post(f"/cases/{case.number}/status/", {"status": "referred", "version": 1}, follow=True)
    assert "ก่อน" in r.content.decode() or "โหลด" in r.content.decode()  # stale: reload
    assert Case.objects.get(pk=case.pk).status == "under_assessment"


def test_a_long_note_keeps_the_text_and_says_the_limit(
    world: World, client_for, case: Case
) -> None:  # type: ignore[no-untyped-def]
    client = client_for("socialworker")
    response = client.post(
        f"/cases/{case.number}/notes/", {"kind": "contact", "text": "ก" * 100_000}
    )
    body = response.content.decode()
    assert response.status_code == 400 and "10,000" in body and "100,000" in body
    assert not Note.objects.exists()
    assert (
        client.post(
            f"/cases/{case.number}/notes/", {"kind": "home_visit", "text": "เยี่ยมบ้านแล้ว"}
        ).status_code
        == 302
    )


def test_a_stale_note_edit_says_who_changed_it(world: World, client_for, case: Case) -> None:  # type: ignore[no-untyped-def]
    note = services.note_add(
        actor=world["socialworker"],
        access=acc(world, "socialworker", case),
        kind="contact",
        text="ก",
    )
    sup, sw = client_for("supervisor"), client_for("socialworker")
    url = f"/cases/{case.number}/notes/{note.pk}/edit/"
    assert (
        sup.post(url, {"kind": "contact", "text": "ข", "version": note.version}).status_code == 302
    )
    response = sw.post(url, {"kind": "contact", "text": "ค", "version": note.version})
    assert response.status_code == 409
    assert world["supervisor"].display_name in response.content.decode()
    assert Note.objects.get().text == "ข"


def test_an_uploaded_program_is_refused_on_the_page(
    world: World, client_for, case: Case, settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    client = client_for("socialworker")
    exe = SimpleUploadedFile("setup.pdf", b"MZ" + b"\x00" * 100)
    r = client.post(
        f"/cases/{case.number}/attachments/", {"kind": "other", "file": exe}, follow=True
    )
    assert r.status_code == 200 and "setup.pdf" in r.content.decode()
    assert not case.attachments.exists()


def test_consent_page_shows_errors_and_saves(world: World, client_for, case: Case) -> None:  # type: ignore[no-untyped-def]
    client = client_for("socialworker")
    url = f"/cases/{case.number}/consent/"
    r = client.post(
        url, {"lawful_basis": "consent", "method": "verbal_witness", "guardian": "not_child"}
    )
    assert r.status_code == 200 and 'class="error"' in r.content.decode()
    r = client.post(
        url,
        {
            "lawful_basis": "consent",
            "method": "verbal_witness",
            "guardian": "not_child",
            "consenting_person": "นายบุญมี",
            "witness": "นางพยาน",
            "share_outside": "on",
        },
    )
    assert r.status_code == 302
    assert services.sharing_allowed(case) == (True, "")
    # The client notice the page showed is stored with the consent, and shown on the case.
    case.consent.refresh_from_db()
    assert case.consent.notice_version == notices.version("client")
    detail = client.get(f"/cases/{case.number}/").content.decode()
    assert f"ฉบับ {notices.version('client')}" in detail


def test_a_consent_saved_against_a_changed_notice_is_refused(
    world: World, client_for, case: Case
) -> None:  # type: ignore[no-untyped-def]
    page = client_for("socialworker").get(f"/cases/{case.number}/consent/").content.decode()
    assert f'name="notice_version" value="{notices.version("client")}"' in page
    r = client_for("socialworker").post(
        f"/cases/{case.number}/consent/",
        {
            "lawful_basis": "social_care",
            "method": "not_needed",
            "guardian": "not_child",
            "notice_version": "2560-1",
        },
    )
    assert r.status_code == 200
    assert "ประกาศความเป็นส่วนตัวเปลี่ยนไป" in r.content.decode()
    assert not Consent.objects.filter(case=case).exists()


def test_the_plan_and_approvals_through_the_page(world: World, client_for, case: Case) -> None:  # type: ignore[no-untyped-def]
    sw, sup = client_for("socialworker"), client_for("supervisor")
    n = case.number
    assert sw.post(f"/cases/{n}/plan/goals/", {"text": "ได้รับเบี้ยยังชีพ"}).status_code == 302
    goal = case.plan.goals.get()
    r = sw.post(
        f"/cases/{n}/plan/actions/",
        {
            "goal": goal.pk,
            "kind": "coordination",
            "text": "ประสาน อบต.",
            "owner": world["socialworker"].pk,
            "due": "01/01/2500",
            "version": 1,
        },
        follow=True,
    )
    assert not goal.actions.exists()  # due before the case opened
    r = sw.post(
        f"/cases/{n}/plan/actions/",
        {
            "goal": goal.pk,
            "kind": "coordination",
            "text": "ประสาน อบต.",
            "owner": world["socialworker"].pk,
            "due": "",
            "version": 1,
        },
    )
    assert goal.actions.count() == 1
    assert sw.post(f"/cases/{n}/approvals/", {"subject": "plan"}).status_code == 302
    approval = case.approvals.get()
    page = sup.get(f"/cases/{n}/").content.decode()
    assert f"/approvals/{approval.pk}/decide/" in page
    assert (
        sw.post(f"/cases/{n}/approvals/{approval.pk}/decide/", {"decision": "approve"}).status_code
        == 403
    )
    r = sup.post(
        f"/cases/{n}/approvals/{approval.pk}/decide/",
        {"decision": "return", "comment": ""},
        follow=True,
    )
    approval.refresh_from_db()
    assert approval.decision == "pending" and "ระบุสิ่งที่ต้องแก้ไข" in r.content.decode()
    sup.post(f"/cases/{n}/approvals/{approval.pk}/decide/", {"decision": "approve", "comment": "ดี"})
    approval.refresh_from_db()
    assert approval.decision == "approved"


def test_my_day_shows_tasks_and_approvals(world: World, client_for, case: Case) -> None:  # type: ignore[no-untyped-def]
    sw = world["socialworker"]
    a = acc(world, "socialworker", case)
    late = services.task_add(actor=sw, access=a, title="โทรหายาย", due=today(), owner=sw)
    Task.objects.filter(pk=late.pk).update(due=today() - dt.timedelta(days=2))
    services.task_add(
        actor=sw, access=a, title="เยี่ยมบ้านรอบสอง", due=today() + dt.timedelta(days=3), owner=sw
    )
    services.assessment_save(actor=sw, access=a, fields={"needs": "x", "opinion": "y"})
    services.approval_request(
        actor=sw, access=acc(world, "socialworker", case), subject="assessment"
    )
    mine = client_for("socialworker").get("/cases/my-day/").content.decode()
    overdue = mine.split('id="overdue"')[1].split("</section>")[0]
    upcoming = mine.split('id="upcoming"')[1].split("</section>")[0]
    assert "โทรหายาย" in overdue and "เยี่ยมบ้านรอบสอง" in upcoming and case.number in mine
    theirs = client_for("supervisor").get("/cases/my-day/").content.decode()
    assert 'id="approvals"' in theirs and case.number in theirs.split('id="approvals"')[1]


def test_list_filters_and_workload(world: World, client_for, case: Case, open_case) -> None:  # type: ignore[no-untyped-def]
    other = open_case(category=Category.objects.get(code="HML.STREET"))
    client = client_for("supervisor")
    homeless = client.get("/cases/?category=HML").content.decode()
    assert other.number in homeless and case.number not in homeless
    waiting = client.get("/cases/?status=awaiting_assignment").content.decode()
    assert other.number in waiting and case.number not in waiting
    sw = world["socialworker"]
    t = services.task_add(
        actor=sw, access=acc(world, "socialworker", case), title="x", due=today(), owner=sw
    )
    Task.objects.filter(pk=t.pk).update(due=today() - dt.timedelta(days=1))
    services._refresh_next_due(case)  # the test moved the due date behind the services' back
    overdue = client.get("/cases/?overdue=on").content.decode()
    assert case.number in overdue and other.number not in overdue
    partial = client.get("/cases/?status=all", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and case.number in partial
    load = client.get("/cases/workload/").content.decode()
    assert 'data-worker="socialworker" data-open="1" data-late="1"' in load
    assert 'data-worker="othersocialworker" data-open="0" data-late="0"' in load
    assert client.get("/cases/?page=abc").status_code == 200


def _queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_page_queries_do_not_grow_with_the_data(
    world: World, client_for, case: Case, open_case, settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    client = client_for("socialworker")
    detail = f"/cases/{case.number}/"
    sw = world["socialworker"]

    def grow() -> None:
        a = acc(world, "socialworker", case)
        services.note_add(actor=sw, access=a, kind="contact", text="บันทึก")
        services.note_add(
            actor=sw,
            access=acc(world, "socialworker", case),
            kind="contact",
            text="ลับ",
            confidential=True,
        )
        services.task_add(
            actor=sw, access=acc(world, "socialworker", case), title="งาน", due=today(), owner=sw
        )
        c = open_case()
        services.case_assign(actor=world["supervisor"], case=c, worker=sw)

    grow()
    small = {u: _queries(client, u) for u in (detail, "/cases/", "/cases/my-day/")}
    for _ in range(6):
        grow()
    large = {u: _queries(client, u) for u in (detail, "/cases/", "/cases/my-day/")}
    assert large == small
    assert small[detail] <= 40 and small["/cases/"] <= 10 and small["/cases/my-day/"] <= 12


def test_edit_the_case_and_a_stale_edit_is_refused(world: World, client_for, case: Case) -> None:  # type: ignore[no-untyped-def]
    sw, sup = client_for("socialworker"), client_for("supervisor")
    url = f"/cases/{case.number}/edit/"
    page = sw.get(url)
    assert page.status_code == 200 and case.title in page.content.decode()
    data = {
        "title": "ยายอยู่ลำพัง ล้มบ่อย",
        "category": "ELD.ALONE",
        "urgency": "most_urgent",
        "risk_flags": ["care", "mental"],
        "summary": "",
        "version": case.version,
    }
    assert sup.post(url, data).status_code == 302
    case.refresh_from_db()
    assert case.urgency == "most_urgent" and case.risk_flags == ["care", "mental"]
    stale = sw.post(url, {**data, "title": "อื่น"})
    assert stale.status_code == 409 and world["supervisor"].display_name in stale.content.decode()
    assert Case.objects.get(pk=case.pk).title == "ยายอยู่ลำพัง ล้มบ่อย"
    assert (
        sw.post(url, {**data, "risk_flags": ["nope"], "version": case.version}).status_code == 200
    )
    assert client_for("othersocialworker").get(url).status_code == 403
    assert client_for("b_socialworker").get(url).status_code == 404


def test_reassign_has_its_own_page_for_supervisors(world: World, client_for, case: Case) -> None:  # type: ignore[no-untyped-def]
    url = f"/cases/{case.number}/assign/"
    assert client_for("socialworker").get(url).status_code == 403
    page = client_for("supervisor").get(url)
    assert (
        page.status_code == 200 and world["othersocialworker"].display_name in page.content.decode()
    )
    r = client_for("supervisor").post(
        url, {"worker": world["othersocialworker"].pk, "reason": "ย้ายทีม", "version": case.version}
    )
    assert r.status_code == 302
    assert Case.objects.get(pk=case.pk).worker == world["othersocialworker"]


def test_a_refused_closure_request_leaves_the_summary_unchanged(
    world: World, client_for, case: Case
) -> None:  # type: ignore[no-untyped-def]
    sw = client_for("socialworker")
    url = f"/cases/{case.number}/closure/"
    assert sw.post(url, {"closure_summary": "ได้รับเบี้ยยังชีพแล้ว"}).status_code == 302
    sw.post(url, {"closure_summary": "สรุปใหม่"})  # already waiting: refused
    case.refresh_from_db()
    assert case.closure_summary == "ได้รับเบี้ยยังชีพแล้ว"
    assert case.approvals.filter(subject="closure").count() == 1
