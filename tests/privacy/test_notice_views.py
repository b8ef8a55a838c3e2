"""Privacy notices (s.23): one per audience, shown at every collection point, its version
stored with what is collected, and a spoken script for staff."""

from __future__ import annotations

import pytest
from django.test import Client

from onestop.intake.models import HelpRequest
from onestop.privacy.notices import NOTICES
from tests.conftest import World
from tests.intake.test_contact_views import _contact
from tests.research.conftest import make_project


@pytest.mark.parametrize("audience", list(NOTICES))
def test_each_notice_has_a_public_page(client: Client, audience: str) -> None:
    page = client.get(f"/privacy/notice/{audience}/").content.decode()
    assert f'data-notice-version="{NOTICES[audience].version}"' in page


def test_an_unknown_notice_is_404(client: Client) -> None:
    assert client.get("/privacy/notice/nobody/").status_code == 404


def test_staff_see_every_script_and_the_public_does_not(
    client: Client, client_for, world: World
) -> None:  # type: ignore[no-untyped-def]
    page = client_for("intake").get("/privacy/notices/").content.decode()
    assert page.count("data-script") == len(NOTICES)
    assert client.get("/privacy/notices/").status_code == 302


def test_the_help_form_shows_the_reporters_notice(client: Client, world: World) -> None:
    page = client.get("/help/").content.decode()
    assert 'data-notice="reporter"' in page


def test_a_hotline_request_records_the_notice_the_officer_read(client_for, world: World) -> None:  # type: ignore[no-untyped-def]
    intake = client_for("intake")
    form = intake.get("/intake/contacts/new/").content.decode()
    assert 'data-script="reporter"' in form
    intake.post("/intake/contacts/new/", _contact())
    assert HelpRequest.objects.get().notice_version == NOTICES["reporter"].version


def test_a_research_project_records_the_researchers_notice(client_for, world: World) -> None:  # type: ignore[no-untyped-def]
    assert (
        'data-notice="researcher"'
        in client_for("researcher").get("/research/new/").content.decode()
    )
    assert make_project(world, approve=False).notice_version == NOTICES["researcher"].version


def test_the_consent_page_gives_the_worker_the_clients_script(
    client_for, world: World, case
) -> None:  # type: ignore[no-untyped-def]
    page = client_for("socialworker").get(f"/cases/{case.number}/consent/").content.decode()
    assert 'data-script="client"' in page
