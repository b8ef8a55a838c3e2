"""Need-to-know (cases.access) through HTTP: the role × page matrix, break-glass, confidential
notes, and the audit of every read."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from onestop.audit.models import AuditEntry
from onestop.cases import services
from onestop.cases.models import Case
from tests.cases.conftest import acc, today
from tests.conftest import World, denied, make_user

READERS = {"socialworker": "worker", "supervisor": "supervisor", "teammate": "team"}
NO_CAPABILITY = [
    "intake",
    "centeradmin",
    "coordinator",
    "volunteer",
    "partner",
    "researcher",
    "dpo",
    "b_admin",
]


@pytest.fixture
def teammate(world: World):  # type: ignore[no-untyped-def]
    world.users["teammate"] = make_user(
        "teammate", world.center_a, ["social_worker"], world.team_a2
    )
    return world["teammate"]


@pytest.fixture
def full_case(world: World, case: Case, teammate, settings, tmp_path) -> Case:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    sw = world["socialworker"]
    a = acc(world, "socialworker", case)
    services.note_add(actor=sw, access=a, kind="contact", text="โทรคุยกับยาย")
    services.note_add(
        actor=sw, access=a, kind="counselling", text="ยายเล่าเรื่องลูกชาย", confidential=True
    )
    services.task_add(actor=sw, access=a, title="โทรติดตาม", due=today(), owner=sw)
    services.attachment_add(
        actor=sw,
        access=a,
        kind="other",
        upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
    )
    return case


def pages(case: Case) -> dict[str, str]:
    att = case.attachments.get()
    return {
        "detail": f"/cases/{case.number}/",
        "pdf": f"/cases/{case.number}/summary.pdf",
        "attachment": f"/cases/{case.number}/attachments/{att.pk}/",
        "assessment": f"/cases/{case.number}/assessment/",
        "consent": f"/cases/{case.number}/consent/",
    }


@pytest.mark.parametrize("who", ["socialworker", "supervisor", "teammate"])
def test_the_worker_their_team_and_supervisors_read_the_case(
    world: World, client_for, full_case: Case, who: str
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(who)
    for name, url in pages(full_case).items():
        assert client.get(url).status_code == 200, (who, name)
    body = client.get(f"/cases/{full_case.number}/").content.decode()
    assert "ยายเล่าเรื่องลูกชาย" in body  # the confidential note: team and supervisors
    assert AuditEntry.objects.filter(
        action="cases.note.viewed", actor=world[who], data__reason="confidential note"
    ).exists()
    assert AuditEntry.objects.filter(
        action="cases.case.viewed", actor=world[who], kind="read"
    ).exists()
    assert AuditEntry.objects.filter(
        action="cases.attachment.downloaded", actor=world[who]
    ).exists()
    assert AuditEntry.objects.filter(action="cases.case.exported", actor=world[who]).exists()


@pytest.mark.parametrize("who", ["othersocialworker", "sysadmin"])
def test_other_staff_see_that_it_exists_not_its_content(
    world: World, client_for, full_case: Case, who: str
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(who)
    response = client.get(f"/cases/{full_case.number}/")
    body = response.content.decode()
    assert response.status_code == 403
    assert full_case.number in body and world["socialworker"].display_name in body
    assert "โทรคุยกับยาย" not in body and full_case.title not in body
    for name, url in pages(full_case).items():
        assert client.get(url).status_code == 403, name
    listing = client.get("/cases/").content.decode()
    assert full_case.number in listing and full_case.title not in listing


@pytest.mark.parametrize("who", NO_CAPABILITY)
def test_roles_without_case_work_get_403(
    world: World, client_for, full_case: Case, who: str
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(who)
    for url in ["/cases/", "/cases/my-day/", "/cases/new/", *pages(full_case).values()]:
        assert client.get(url).status_code == denied(who), (who, url)


def test_another_center_gets_404(world: World, client_for, full_case: Case) -> None:  # type: ignore[no-untyped-def]
    client = client_for("b_socialworker")
    for url in pages(full_case).values():
        assert client.get(url).status_code == 404, url
    assert (
        client.post(
            f"/cases/{full_case.number}/break-glass/", {"reason": "อยากรู้มาก ๆ เลยครับ"}
        ).status_code
        == 404
    )
    assert full_case.number not in client.get("/cases/?status=all").content.decode()


def test_writes_follow_the_same_rules(world: World, client_for, full_case: Case) -> None:  # type: ignore[no-untyped-def]
    n = full_case.number
    note = full_case.notes.first()
    task = full_case.tasks.get()
    posts = {
        f"/cases/{n}/status/": {"status": "referred"},
        f"/cases/{n}/notes/": {"kind": "contact", "text": "x"},
        f"/cases/{n}/notes/{note.pk}/edit/": {
            "kind": "contact",
            "text": "x",
            "version": note.version,
        },
        f"/cases/{n}/tasks/": {
            "kind": "task",
            "title": "x",
            "due": "01/01/2600",
            "owner": world["socialworker"].pk,
        },
        f"/cases/{n}/tasks/{task.pk}/status/": {"status": "done"},
        f"/cases/{n}/plan/goals/": {"text": "x"},
        f"/cases/{n}/approvals/": {"subject": "assessment"},
        f"/cases/{n}/closure/": {"closure_summary": "x"},
        f"/cases/{n}/clients/": {"person": "P-X", "role": "family"},
        f"/cases/{n}/legal-duties/": {
            "duty": "trafficking",
            "decision": "reported",
            "detail": "xxxxxx",
        },
        f"/cases/{n}/assessment/": {"needs": "x"},
        f"/cases/{n}/consent/": {
            "lawful_basis": "public_task",
            "method": "not_needed",
            "guardian": "not_child",
        },
    }
    before = AuditEntry.objects.filter(kind="write").count()
    for who, expected in [
        ("othersocialworker", 403),
        ("volunteer", 404),  # a volunteer's account learns nothing of the staff side
        ("partner", 403),
        ("b_socialworker", 404),
    ]:
        client = client_for(who)
        for url, data in posts.items():
            assert client.post(url, data).status_code == expected, (who, url)
    assert AuditEntry.objects.filter(kind="write").count() == before
    # Assigning and deciding are a supervisor's.
    sw = client_for("socialworker")
    assert sw.post(f"/cases/{n}/assign/", {"worker": world["socialworker"].pk}).status_code == 403
    assert sw.get("/cases/workload/").status_code == 403


def test_break_glass_through_the_page(world: World, client_for, full_case: Case) -> None:  # type: ignore[no-untyped-def]
    client = client_for("othersocialworker")
    url = f"/cases/{full_case.number}/break-glass/"
    response = client.post(url, {"reason": "สั้น"})
    assert response.status_code == 400 and "10" in response.content.decode()
    response = client.post(url, {"reason": "ผู้รับบริการโทรมาฉุกเฉิน นักสังคมฯ ลาป่วย"})
    assert response.status_code == 302
    body = client.get(f"/cases/{full_case.number}/").content.decode()
    assert "โทรคุยกับยาย" in body
    assert "ยายเล่าเรื่องลูกชาย" not in body  # confidential: not by break-glass
    read = AuditEntry.objects.filter(
        action="cases.case.viewed", actor=world["othersocialworker"]
    ).get()
    assert read.data == {"reason": "break-glass"}
    assert world["supervisor"].notifications.filter(text__contains=full_case.number).exists()
    # Existence-only users cannot use a grant they do not hold, and a holder cannot grant twice.
    assert client.post(url, {"reason": "ผู้รับบริการโทรมาฉุกเฉินอีกครั้ง"}).status_code == 400


def test_the_list_marks_restricted_rows_without_a_query_per_row(
    world: World, client_for, full_case: Case, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client = client_for("othersocialworker")
    client.get("/cases/")  # warm the session
    with django_assert_max_num_queries(10):
        body = client.get("/cases/").content.decode()
    assert full_case.number in body
