"""/research/: a project's approval, its pseudonymised extracts, the k-anonymity gate, and who
may do what."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io

import pytest
from django.utils import timezone

from onestop.audit.models import AuditEntry
from onestop.research import services
from onestop.research.models import Extract, Project
from tests.conftest import World, denied, sign_in
from tests.reports.conftest import Generated
from tests.research.conftest import make_project

RANGE = {"start": "01/01/2566", "end": "31/12/2570"}


def _extract(client, project: Project, **over: object):  # type: ignore[no-untyped-def]
    data: dict[str, object] = {
        "dataset": "cases",
        "columns": ["case_id", "client_id", "category", "district", "disabled", "status"],
        "quasi_identifiers": ["district", "disabled"],
        "k": "5",
        "on_failure": "refuse",
        **RANGE,
        **over,
    }
    return client.post(f"/research/{project.pk}/extracts/", data)


def test_the_researchers_journey(client_for, world: World, generated: Generated) -> None:  # type: ignore[no-untyped-def]
    researcher = client_for("researcher")
    expires = (timezone.localdate() + dt.timedelta(days=200)).strftime("%d/%m/") + str(
        timezone.localdate().year + 543 + (1 if timezone.localdate().month > 6 else 0)
    )
    response = researcher.post(
        "/research/new/",
        {
            "title": "ผู้สูงอายุอยู่ลำพัง",
            "purpose": "วิจัยเชิงปฏิบัติการ",
            "ethics_committee": "คณะกรรมการจริยธรรม มธ.",
            "ethics_number": "COA 1/2569",
            "ethics_expires": expires,
            "datasets": ["cases", "outcomes"],
        },
    )
    project = Project.objects.get()
    assert response.status_code == 302 and project.status == "submitted"
    assert _extract(researcher, project).status_code == 403  # not approved yet
    admin = client_for("centeradmin")
    assert "ผู้สูงอายุอยู่ลำพัง" in admin.get("/research/").content.decode()
    assert admin.post(f"/research/{project.pk}/decide/", {"decision": "approve"}).status_code == 302
    project.refresh_from_db()
    assert project.status == "approved" and project.decided_by == world["centeradmin"]
    assert _extract(researcher, project).status_code == 302
    extract = Extract.objects.get()
    assert extract.status == "ready" and extract.rows == len(generated.cases)
    body = researcher.get(f"/research/extracts/{extract.token}/").content
    assert hashlib.sha256(body).hexdigest() == extract.sha256
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    assert len(rows) == len(generated.cases)
    text = body.decode()
    for c in generated.cases:
        assert c["number"] not in text
    assert "ทดสอบ" not in text  # no names
    assert all(len(r["case_id"]) == 11 and r["case_id"].startswith("C") for r in rows)
    entry = AuditEntry.objects.get(action="research.extract.downloaded")
    assert entry.data["sha256"] == extract.sha256
    assert (
        AuditEntry.objects.get(action="research.extract.created").data["sha256"] == extract.sha256
    )


def test_pseudonyms_are_stable_in_a_project_and_differ_between_projects(
    world: World, generated: Generated
) -> None:
    a = make_project(world)
    b = make_project(world, title="อีกโครงการ")
    day = (dt.date(2024, 1, 1), dt.date(2027, 1, 1))

    def ids(project: Project) -> list[str]:
        x = services.extract_create(
            actor=world["researcher"],
            project=project,
            dataset="persons",
            columns=["person_id", "district"],
            quasi=[],
            start=day[0],
            end=day[1],
        )
        with x.file.open("rb") as fh:
            return sorted(r["person_id"] for r in csv.DictReader(io.StringIO(fh.read().decode())))

    assert ids(a) == ids(a)
    assert not set(ids(a)) & set(ids(b))


def test_an_extract_that_fails_k_anonymity_is_refused_with_the_combinations(
    client_for, world: World, project: Project, generated: Generated
) -> None:  # type: ignore[no-untyped-def]
    client = client_for("researcher")
    _extract(
        client,
        project,
        quasi_identifiers=["district", "disabled", "category", "opened_month"],
        columns=["case_id", "district", "disabled", "category", "opened_month"],
    )
    x = Extract.objects.get()
    assert x.status == "refused" and not x.file and x.report["failing_combinations"] > 0
    page = client.get(f"/research/{project.pk}/").content.decode()
    assert 'data-status="refused"' in page
    assert AuditEntry.objects.filter(action="research.extract.refused").exists()


def test_or_its_failing_rows_are_suppressed(
    client_for, world: World, project: Project, generated: Generated
) -> None:  # type: ignore[no-untyped-def]
    client = client_for("researcher")
    _extract(
        client,
        project,
        quasi_identifiers=["district", "category"],
        columns=["case_id", "district", "category"],
        on_failure="suppress",
    )
    x = Extract.objects.get()
    assert x.status == "ready"
    with x.file.open("rb") as fh:
        rows = list(csv.DictReader(io.StringIO(fh.read().decode())))
    from collections import Counter

    counts = Counter((r["district"], r["category"]) for r in rows)
    assert all(n >= 5 for n in counts.values())
    assert x.rows + x.suppressed == len(generated.cases)


def test_count_tables_suppress_small_cells(
    client_for, world: World, project: Project, generated: Generated
) -> None:  # type: ignore[no-untyped-def]
    _extract(
        client_for("researcher"),
        project,
        columns=["district", "category"],
        quasi_identifiers=[],
        aggregate="on",
    )
    x = Extract.objects.get()
    with x.file.open("rb") as fh:
        rows = list(csv.DictReader(io.StringIO(fh.read().decode())))
    assert all(
        (r["count"] == "" and r["suppressed"] == "True") or int(r["count"]) >= 5 for r in rows
    )


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"columns": ["case_id", "national_id"]}, "national_id"),
        ({"columns": ["case_id", "summary"]}, "summary"),
        ({"columns": ["nonsense"]}, "nonsense"),
        ({"dataset": "volunteers"}, ""),
        ({"k": "2"}, ""),
        ({"start": "01/01/2539", "end": "01/01/2569"}, ""),  # thirty years
        ({"quasi_identifiers": ["status"]}, ""),  # not a quasi-identifier
    ],
)
def test_bad_extracts_are_refused_with_a_reason(
    client_for, world: World, project: Project, over: dict[str, object], message: str
) -> None:  # type: ignore[no-untyped-def]
    response = _extract(client_for("researcher"), project, **over)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Extract.objects.exists()


def test_a_dataset_the_project_did_not_ask_for_is_refused(client_for, world: World) -> None:  # type: ignore[no-untyped-def]
    project = make_project(world, datasets=["outcomes"])
    response = _extract(client_for("researcher"), project, columns=["case_id"])
    assert response.status_code == 400 and not Extract.objects.exists()


def test_an_expired_ethics_approval_stops_extracts_and_downloads(
    client_for, world: World, project: Project, generated: Generated
) -> None:  # type: ignore[no-untyped-def]
    client = client_for("researcher")
    _extract(client, project)
    x = Extract.objects.get()
    Project.objects.filter(pk=project.pk).update(
        ethics_expires=timezone.localdate() - dt.timedelta(days=1)
    )
    assert _extract(client, project).status_code == 403
    assert client.get(f"/research/extracts/{x.token}/").status_code == 403
    assert services.purge_expired() == 1
    x.refresh_from_db()
    assert x.status == "expired" and not x.file


def test_a_project_with_expired_ethics_cannot_be_submitted_or_approved(
    client_for, world: World
) -> None:  # type: ignore[no-untyped-def]
    response = client_for("researcher").post(
        "/research/new/",
        {
            "title": "x",
            "purpose": "y",
            "ethics_committee": "z",
            "ethics_number": "1",
            "ethics_expires": "01/01/2560",
            "datasets": ["cases"],
        },
    )
    assert response.status_code == 400 and not Project.objects.exists()
    p = make_project(world, approve=False)
    Project.objects.filter(pk=p.pk).update(
        ethics_expires=timezone.localdate() - dt.timedelta(days=1)
    )
    response = client_for("centeradmin").post(f"/research/{p.pk}/decide/", {"decision": "approve"})
    assert response.status_code == 400
    assert (
        client_for("centeradmin")
        .post(f"/research/{p.pk}/decide/", {"decision": "reject"})
        .status_code
        == 400
    )  # no reason
    assert (
        client_for("centeradmin")
        .post(f"/research/{p.pk}/decide/", {"decision": "reject", "reason": "ไม่ครบ"})
        .status_code
        == 302
    )


def test_a_researcher_outside_the_project_gets_nothing(
    client_for, world: World, project: Project, generated: Generated
) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    from tests.conftest import make_user

    _extract(client_for("researcher"), project)
    x = Extract.objects.get()
    outsider = Client()
    sign_in(outsider, make_user("outsider", world.center_a, ["researcher"]))
    assert outsider.get(f"/research/{project.pk}/").status_code == 404
    assert outsider.get(f"/research/extracts/{x.token}/").status_code == 404
    assert _extract(outsider, project).status_code == 404
    member = make_user("member", world.center_a, ["researcher"])
    project.members.add(member)
    client = Client()
    sign_in(client, member)
    assert client.get(f"/research/extracts/{x.token}/").status_code == 200


@pytest.mark.parametrize(
    "persona",
    ["intake", "socialworker", "supervisor", "coordinator", "volunteer", "partner", "dpo"],
)
def test_other_roles_cannot_use_the_sandbox(
    client_for, world: World, project: Project, persona: str
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(persona)
    assert client.get("/research/").status_code == denied(persona)
    assert client.get(f"/research/{project.pk}/").status_code == denied(persona)
    assert _extract(client, project).status_code == denied(persona)


def test_another_centers_admin_cannot_see_or_decide(client_for, world: World) -> None:  # type: ignore[no-untyped-def]
    p = make_project(world, approve=False)
    client = client_for("b_admin")
    assert client.get(f"/research/{p.pk}/").status_code == 404
    assert client.post(f"/research/{p.pk}/decide/", {"decision": "approve"}).status_code == 404


@pytest.mark.parametrize(
    "persona",
    ["intake", "socialworker", "supervisor", "coordinator", "volunteer", "partner", "dpo"],
)
def test_every_sandbox_url_refuses_other_roles(
    client_for, world: World, project: Project, generated: Generated, persona: str
) -> None:  # type: ignore[no-untyped-def]
    _extract(client_for("researcher"), project)
    token = Extract.objects.get().token
    client = client_for(persona)
    assert client.get("/research/new/").status_code == denied(persona)
    assert client.post(
        f"/research/{project.pk}/decide/", {"decision": "approve"}
    ).status_code == denied(persona)
    assert client.get(f"/research/extracts/{token}/").status_code == denied(persona)


def test_a_researcher_cannot_approve_their_own_project(client_for, world: World) -> None:  # type: ignore[no-untyped-def]
    p = make_project(world, approve=False)
    assert (
        client_for("researcher")
        .post(f"/research/{p.pk}/decide/", {"decision": "approve"})
        .status_code
        == 403
    )
    p.refresh_from_db()
    assert p.status == "submitted"
    assert client_for("centeradmin").get("/research/new/").status_code == 403
