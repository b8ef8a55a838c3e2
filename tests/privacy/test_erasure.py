"""privacy.erasure (anonymise_person, the command and the DSAR action): personal data goes
everywhere it occurs, the figures stay, and it is refused inside the retention period."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum
from django.utils import timezone

from onestop.audit.models import AuditEntry
from onestop.audit.services import audit_log
from onestop.cases import services as cases
from onestop.cases.models import Case, Note
from onestop.persons.models import Person, PersonPhone
from onestop.privacy import services
from onestop.reports import facts
from onestop.reports.models import Fact
from tests.cases.conftest import acc
from tests.conftest import World, denied


def _old_closed(case: Case, years: int = 11) -> None:
    Case.objects.filter(pk=case.pk).update(
        status="closed", closed_at=timezone.now() - dt.timedelta(days=365 * years + 5)
    )


def _figures() -> dict[tuple[Any, ...], float]:
    facts.refresh()
    dims = ("kind", "scope", "grain", "day", "category", "target_group", "disabled", "district")
    return {
        tuple(r[d] for d in dims): r["n"]
        for r in Fact.objects.values(*dims).annotate(n=Sum("n")).order_by()
    }


def _trail() -> str:
    return "".join(
        e.object_repr
        + json.dumps(e.changes, ensure_ascii=False)
        + json.dumps(e.data, ensure_ascii=False)
        for e in AuditEntry.objects.all()
    )


@pytest.fixture
def erasable(world: World, case: Any, client_person: Person) -> Person:
    from django_tasks_db.models import DBTaskResult

    PersonPhone.objects.create(person=client_person, number="+66812345678")
    cases.note_add(
        actor=world["socialworker"],
        access=acc(world, "socialworker", case),
        kind="home_visit",
        text="เยี่ยมบ้าน บุญมี มีสุข อยู่คนเดียว",
    )
    # A rename the trail recorded, as persons.services writes it.
    audit_log(
        action="persons.person.updated",
        actor=world["socialworker"],
        obj=client_person,
        changes={"given_name": ["บุญมา", "บุญมี"], "family_name": ["", "มีสุข"]},
    )
    DBTaskResult.objects.create(
        args_kwargs={"args": ["บุญมี มีสุข"], "kwargs": {}},
        task_path="onestop.notifications.tasks.send",
        backend_name="default",
        run_after=timezone.now(),
        exception_class_path="",
        traceback="",
    )
    _old_closed(case)
    return Person.objects.get(pk=client_person.pk)


def test_the_command_erases_everywhere_and_the_figures_stay(
    world: World, case: Any, erasable: Person
) -> None:
    from django_tasks_db.models import DBTaskResult

    before = _figures()
    assert "บุญมี" in _trail()
    out = io.StringIO()
    call_command("anonymise_person", erasable.code, "--reason", "คำขอลบข้อมูล", stdout=out)
    assert "anonymised" in out.getvalue()
    person = Person.objects.get(pk=erasable.pk)
    assert person.given_name == "[ลบแล้ว]" and person.family_name == "" and person.search_text == ""
    assert person.birth_date is None or (person.birth_date.month, person.birth_date.day) == (1, 1)
    assert not PersonPhone.objects.filter(person=person).exists()
    assert "บุญมี" not in Note.objects.get(case=case).text
    for entry in AuditEntry.objects.all():
        text = (
            entry.object_repr
            + json.dumps(entry.changes, ensure_ascii=False)
            + json.dumps(entry.data, ensure_ascii=False)
        )
        assert "บุญมี" not in text and "มีสุข" not in text, entry.action
    assert "บุญมี" not in json.dumps(DBTaskResult.objects.get().args_kwargs, ensure_ascii=False)
    assert _figures() == before
    done = AuditEntry.objects.get(action="privacy.person.anonymised")
    assert len(done.data["copy_sha256"]) == 64


def test_refused_while_a_case_is_open(world: World, case: Any, client_person: Person) -> None:
    with pytest.raises(CommandError, match=case.number):
        call_command("anonymise_person", client_person.code, "--reason", "x")
    assert Person.objects.get(pk=client_person.pk).given_name == client_person.given_name


def test_refused_inside_the_retention_period(
    world: World, case: Any, client_person: Person
) -> None:
    _old_closed(case, years=2)
    out = io.StringIO()
    call_command("anonymise_person", client_person.code, "--reason", "x", "--dry-run", stdout=out)
    assert "refused" in out.getvalue() and case.number in out.getvalue()
    with pytest.raises(CommandError):
        call_command("anonymise_person", client_person.code, "--reason", "x")


def test_a_granted_erasure_request_is_carried_out_from_its_page(
    client_for, world: World, case: Any, erasable: Person
) -> None:  # type: ignore[no-untyped-def]
    item = services.dsar_record(
        actor=world["dpo"], kind="erasure", requester_name="x", requester_contact="y"
    )
    services.dsar_verify(actor=world["dpo"], request=item, method="บัตร", person=erasable)
    dpo = client_for("dpo")
    assert dpo.post(f"/privacy/requests/{item.pk}/anonymise/").status_code == 302
    assert Person.objects.get(pk=erasable.pk).given_name != "[ลบแล้ว]"  # not decided yet
    services.dsar_decide(actor=world["dpo"], request=item, decision="granted", reason="")
    page = dpo.get(f"/privacy/requests/{item.pk}/").content.decode()
    assert "/anonymise/" in page
    dpo.post(f"/privacy/requests/{item.pk}/anonymise/")
    assert Person.objects.get(pk=erasable.pk).given_name == "[ลบแล้ว]"
    assert "data-erased" in dpo.get(f"/privacy/requests/{item.pk}/").content.decode()


def test_the_page_says_why_not_yet(
    client_for, world: World, case: Any, client_person: Person
) -> None:  # type: ignore[no-untyped-def]
    item = services.dsar_record(
        actor=world["dpo"], kind="erasure", requester_name="x", requester_contact="y"
    )
    services.dsar_verify(actor=world["dpo"], request=item, method="บัตร", person=client_person)
    services.dsar_decide(actor=world["dpo"], request=item, decision="granted", reason="")
    page = client_for("dpo").get(f"/privacy/requests/{item.pk}/").content.decode()
    assert "data-refusals" in page and case.number in page and "/anonymise/" not in page


@pytest.mark.parametrize("persona", ["socialworker", "supervisor", "centeradmin", "volunteer"])
def test_only_the_dpo_erases(client_for, world: World, erasable: Person, persona: str) -> None:  # type: ignore[no-untyped-def]
    item = services.dsar_record(
        actor=world["dpo"], kind="erasure", requester_name="x", requester_contact="y"
    )
    assert client_for(persona).post(
        f"/privacy/requests/{item.pk}/anonymise/"
    ).status_code == denied(persona)
    assert Person.objects.get(pk=erasable.pk).given_name != "[ลบแล้ว]"
