"""Referral and transfer between OneStop centers: the same consent gate; the receiving center
answers in its own list and, on acceptance, opens its own case with its own linked copies of the
clients; a transfer closes the sending case. Nothing is shared silently."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_scopes import scopes_disabled

from onestop.cases.models import Case
from onestop.directory import services as directory_services
from onestop.directory.models import Service
from onestop.persons.models import Person
from onestop.referrals import services
from onestop.referrals.models import Referral
from tests.cases.conftest import acc
from tests.conftest import World
from tests.directory.conftest import Directory
from tests.referrals.conftest import consent


@pytest.fixture
def lampang_service(world: World) -> Service:
    org = directory_services.organization_create(
        actor=None, name_th="ศูนย์ช่วยเหลือสังคม ลำปาง", kind="center"
    )
    org.center = world.center_b
    org.save()
    return directory_services.service_save(
        actor=None,
        fields={
            "organization": org,
            "name_th": "รับส่งต่อและรับโอนเคส",
            "description": "ดูแลผู้รับบริการที่ย้ายมาลำปาง",
        },
    )


def _refer(world: World, case: Case, service: Service, kind: str = "referral") -> Referral:
    r = services.referral_create(
        actor=world["socialworker"],
        access=acc(world, "socialworker", case),
        service=service,
        clients=list(case.clients.all()),
        reason="ผู้รับบริการย้ายไปอยู่กับลูกสาวที่ลำปาง",
        due=timezone.localdate() + dt.timedelta(days=14),
        kind=kind,
    )
    return services.referral_send(
        actor=world["socialworker"], access=acc(world, "socialworker", case), referral=r
    )


def test_the_receiving_center_answers_and_gets_its_own_case(
    world: World, client_for, case: Case, lampang_service: Service
) -> None:  # type: ignore[no-untyped-def]
    consent(world, case)
    r = _refer(world, case, lampang_service)
    lp = client_for("b_socialworker")
    assert r.number in lp.get("/referrals/incoming/").content.decode()
    assert (
        r.number not in client_for("othersocialworker").get("/referrals/incoming/").content.decode()
    )
    assert client_for("partner").get(f"/referrals/{r.pk}/").status_code == 404
    assert client_for("b_admin").get(f"/referrals/incoming/{r.pk}/").status_code == 403
    # The sending center's case stays out of reach: only the shared part is shown.
    assert lp.get(f"/cases/{case.number}/").status_code == 404
    assert lp.post(f"/referrals/incoming/{r.pk}/", {"action": "accept"}).status_code == 302
    with scopes_disabled():
        r.refresh_from_db()
        received = r.receiving_case
        assert received is not None and received.center == world.center_b
        copy = received.clients.get().person
        original = case.clients.get().person
        assert (
            copy.center == world.center_b
            and copy.linked_from == original
            and copy.pk != original.pk
        )
        assert Person.objects.get(pk=original.pk).center == world.center_a  # never moved or shared
        assert Case.objects.get(pk=case.pk).status == "referred"
    assert lp.get(f"/cases/{received.number}/").status_code == 200  # B's own case, opened by B


def test_a_transfer_closes_the_sending_case_on_acceptance(
    world: World, case: Case, lampang_service: Service
) -> None:
    consent(world, case)
    r = _refer(world, case, lampang_service, kind="transfer")
    with scopes_disabled():
        services.referral_accept(actor=world["b_socialworker"], referral=r)
        source = Case.objects.get(pk=case.pk)
        assert source.status == "closed"
        r.refresh_from_db()
        assert r.receiving_case.number in source.closure_summary


def test_transfer_needs_a_center_and_the_consent_gate_holds(
    world: World, case: Case, lampang_service: Service, directory: Directory
) -> None:
    with pytest.raises(ValidationError) as exc:
        services.referral_create(
            actor=world["socialworker"],
            access=acc(world, "socialworker", case),
            service=directory.social_medicine,
            clients=list(case.clients.all()),
            reason="x",
            due=timezone.localdate(),
            kind="transfer",
        )
    assert "kind" in exc.value.message_dict
    draft = services.referral_create(
        actor=world["socialworker"],
        access=acc(world, "socialworker", case),
        service=lampang_service,
        clients=list(case.clients.all()),
        reason="x",
        due=timezone.localdate(),
        kind="transfer",
    )
    with pytest.raises(ValidationError):  # no consent record: nothing leaves the center
        services.referral_send(
            actor=world["socialworker"], access=acc(world, "socialworker", case), referral=draft
        )
    assert Referral.objects.get(pk=draft.pk).status == "draft"
