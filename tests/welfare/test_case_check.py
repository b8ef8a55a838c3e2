"""The staff check on a case: facts come from the registry, results show, and the worker records
applications (audited, keeping the rule version). Need-to-know applies."""

from __future__ import annotations

from onestop.audit.models import AuditEntry
from onestop.cases.models import Case
from onestop.persons.models import Person
from onestop.welfare.models import BenefitApplication
from tests.conftest import World


def test_results_from_the_registry_and_an_application(world: World, client_for, case: Case) -> None:  # type: ignore[no-untyped-def]
    # The client (born 2490) is Thai in the registry but has no house registration recorded.
    Person.objects.filter(pk=case.clients.get().person_id).update(
        citizenship_status="thai", nationality="TH"
    )
    sw = client_for("socialworker")
    page = sw.get(f"/cases/{case.number}/welfare/")
    body = page.content.decode()
    assert page.status_code == 200
    # Born 2490 and Thai: the only thing missing is the house registration (and the pension).
    assert '<li data-benefit="old_age_allowance" data-status="needs_information">' in body
    old_age = body.split('data-benefit="old_age_allowance"')[1].split("</li>")[0]
    assert "registered_subdistrict" in old_age
    r = sw.post(
        f"/cases/{case.number}/welfare/",
        {
            "client": case.clients.get().pk,
            "benefit": "old_age_allowance",
            "status": "applied",
            "note": "ยื่นที่ อบต. แล้ว",
        },
    )
    assert r.status_code == 302
    item = BenefitApplication.objects.get()
    assert (
        item.status == "applied"
        and item.rule_version.version == 1
        and item.person == case.clients.get().person
    )
    assert AuditEntry.objects.filter(action="welfare.application.recorded").exists()
    assert "ยื่นที่ อบต. แล้ว" in sw.get(f"/cases/{case.number}/welfare/").content.decode()


def test_bad_records_are_refused(world: World, client_for, case: Case) -> None:  # type: ignore[no-untyped-def]
    sw = client_for("socialworker")
    url = f"/cases/{case.number}/welfare/"
    assert (
        sw.post(
            url,
            {"client": case.clients.get().pk, "benefit": "free_lunch", "status": "applied"},
            follow=True,
        ).status_code
        == 200
    )
    assert (
        sw.post(
            url,
            {"client": case.clients.get().pk, "benefit": "old_age_allowance", "status": "won"},
            follow=True,
        ).status_code
        == 200
    )
    assert (
        sw.post(
            url, {"client": "999999", "benefit": "old_age_allowance", "status": "applied"}
        ).status_code
        == 404
    )
    assert not BenefitApplication.objects.exists()


def test_need_to_know(world: World, client_for, case: Case) -> None:  # type: ignore[no-untyped-def]
    url = f"/cases/{case.number}/welfare/"
    assert client_for("othersocialworker").get(url).status_code == 403
    assert client_for("b_socialworker").get(url).status_code == 404
    assert client_for("volunteer").get(url).status_code == 404
    assert (
        client_for("othersocialworker")
        .post(
            url,
            {"client": case.clients.get().pk, "benefit": "old_age_allowance", "status": "applied"},
        )
        .status_code
        == 403
    )
