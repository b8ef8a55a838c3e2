"""The signed link for a partner without an account: emailed, opens one referral's shared part
and its answer forms; tampered, revoked, expired or closed links get the same 404; every use is
audited."""

from __future__ import annotations

import datetime as dt
import re

from django.core import mail
from django.utils import timezone

from onestop.audit.models import AuditEntry
from onestop.cases.models import Case
from onestop.referrals.models import Referral, ReferralLink
from tests.conftest import World
from tests.referrals.conftest import consent


def _link(
    world: World, client_for, case: Case, referral: Referral, django_capture_on_commit_callbacks
) -> str:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        r = client_for("socialworker").post(
            f"/cases/{case.number}/referrals/{referral.pk}/links/", {"email": "sw@hospital.example"}
        )
    assert r.status_code == 302
    message = mail.outbox[-1]
    assert message.to == ["sw@hospital.example"]
    match = re.search(r"/r/([\w-]+)/", message.body)
    assert match is not None
    assert match.group(1) not in ReferralLink.objects.get().token_hash  # only a hash is kept
    return f"/r/{match.group(1)}/"


def test_answer_through_the_link(
    world: World, client, client_for, case: Case, make_referral, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    consent(world, case)
    referral = make_referral()
    url = _link(world, client_for, case, referral, django_capture_on_commit_callbacks)
    page = client.get(url)
    assert page.status_code == 200 and referral.reason in page.content.decode()
    assert client.post(url, {"action": "accept"}).status_code == 302
    client.post(
        url, {"action": "report", "outcome-completed": "1", "outcome-outcome": "ได้รับการรักษาแล้ว"}
    )
    referral.refresh_from_db()
    assert referral.status == "completed" and referral.answered_by is None
    entry = AuditEntry.objects.get(action="referrals.referral.accepted")
    assert entry.actor is None and entry.actor_label == "link:sw@hospital.example"
    assert AuditEntry.objects.filter(action="referrals.link.used").count() >= 3
    # The referral is closed: the link stops working.
    assert client.get(url).status_code == 404


def test_tampered_revoked_and_expired_links_are_404(
    world: World, client, client_for, case: Case, make_referral, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    consent(world, case)
    referral = make_referral()
    url = _link(world, client_for, case, referral, django_capture_on_commit_callbacks)
    assert client.get(url[:-3] + "xx/").status_code == 404
    assert client.get("/r/" + "a" * 300 + "/").status_code == 404
    link = ReferralLink.objects.get()
    ReferralLink.objects.filter(pk=link.pk).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert client.get(url).status_code == 404
    ReferralLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() + dt.timedelta(days=1))
    assert client.get(url).status_code == 200
    client_for("socialworker").post(
        f"/cases/{case.number}/referrals/{referral.pk}/links/{link.pk}/revoke/"
    )
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "accept"}).status_code == 404
    assert Referral.objects.get(pk=referral.pk).status == "sent"


def test_a_replayed_answer_is_refused(
    world: World, client, client_for, case: Case, make_referral, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    consent(world, case)
    referral = make_referral()
    url = _link(world, client_for, case, referral, django_capture_on_commit_callbacks)
    client.post(url, {"action": "accept"})
    again = client.post(url, {"action": "accept"}, follow=True)
    assert again.status_code == 200
    assert AuditEntry.objects.filter(action="referrals.referral.accepted").count() == 1


def test_only_the_cases_workers_make_links(
    world: World, client_for, case: Case, make_referral
) -> None:  # type: ignore[no-untyped-def]
    consent(world, case)
    referral = make_referral()
    for who, code in (("othersocialworker", 403), ("partner", 403), ("b_socialworker", 404)):
        r = client_for(who).post(
            f"/cases/{case.number}/referrals/{referral.pk}/links/", {"email": "x@y.example"}
        )
        assert r.status_code == code, who
    assert not ReferralLink.objects.exists()
