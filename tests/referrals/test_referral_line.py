"""LINE to the client about a referral: only when they came by LINE, gave explicit consent and
said LINE is safe; the message names the organisation, never the problem."""

from __future__ import annotations

from onestop.cases import services as cases
from onestop.cases.models import Case
from onestop.intake import services as intake
from onestop.intake.models import Category
from onestop.referrals import tasks
from tests.cases.conftest import acc
from tests.conftest import World
from tests.referrals.conftest import consent


def _line_case(world: World, client_person, safe: bool = True) -> Case:  # type: ignore[no-untyped-def]
    hr = intake.help_request_submit(
        data=intake.HelpRequestInput(
            description="ยายอยู่คนเดียว",
            channel="line",
            line_user_id="U" + "a" * 32,
            safe_to_contact=safe,
        ),
        center=world.center_a,
    ).request
    hr = intake.help_request_triage(
        actor=world["intake"],
        request=hr,
        urgency="normal",
        risk_flags=[],
        outcome="accept",
        reason="รับเป็นเคส",
        category=Category.objects.get(code="ELD.ALONE"),
    )
    case = cases.case_open(
        actor=world["socialworker"],
        center=world.center_a,
        title="ยาย",
        category=Category.objects.get(code="ELD.ALONE"),
        clients=[cases.ClientInput(client_person)],
        request=hr,
    )
    return cases.case_assign(actor=world["supervisor"], case=case, worker=world["socialworker"])


def _line_safe(world: World, case: Case) -> None:
    client = case.clients.get()
    cases.client_safety_update(
        actor=world["socialworker"],
        access=acc(world, "socialworker", case),
        client=client,
        safe_phone=None,
        line_safe=True,
        visit_safe=True,
        safe_times="",
        do_not_contact=False,
        safety_note="",
    )


def test_only_with_consent_line_safety_and_a_line_request(
    world: World, client_person, make_referral_for
) -> None:  # type: ignore[no-untyped-def]
    case = _line_case(world, client_person)
    consent(world, case)
    referral = make_referral_for(case)
    assert tasks.line_targets(referral) == []  # LINE not marked safe yet
    _line_safe(world, case)
    assert tasks.line_targets(referral) == ["U" + "a" * 32]
    text = tasks.message(referral)
    assert referral.organization.name_th in text and "ยาย" not in text
    # No channel token configured here: the task says nothing and sends nothing.
    assert tasks.line_push_referral.call(referral.pk) == 0


def test_not_when_the_reporter_said_contact_is_unsafe(
    world: World, client_person, make_referral_for
) -> None:  # type: ignore[no-untyped-def]
    case = _line_case(world, client_person, safe=False)
    consent(world, case)
    _line_safe(world, case)
    assert tasks.line_targets(make_referral_for(case)) == []


def test_not_without_explicit_consent(world: World, client_person, make_referral_for) -> None:  # type: ignore[no-untyped-def]
    case = _line_case(world, client_person)
    cases.consent_record(
        actor=world["socialworker"],
        access=acc(world, "socialworker", case),
        data=cases.ConsentInput(lawful_basis="social_care", method="not_needed"),
    )
    _line_safe(world, case)
    assert tasks.line_targets(make_referral_for(case)) == []
