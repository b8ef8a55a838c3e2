"""The role x URL matrix: every page is requested as every persona (anonymous, each role, a
user of another center), and each answer must be the one its audience allows.

AUDIENCE names, for every URL of the product, who it is for: "public", "authenticated" (any
signed-in account) or the capabilities that open it. A URL added without a line here fails
(`test_every_url_has_an_expectation`), and so does a line that no longer says what the view
declares. The staff API and the HSDS API have their own tests (and schemathesis).

Record ids in the paths do not exist (999999, "nope"): a page for the right role answers 404
(or 200 for a list, 405 for a form's POST target), the wrong role 403 (404 for a volunteer's
account), anonymous users a redirect to the login page, and nobody ever a 500.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from onestop.accounts.middleware import SECOND_FACTOR_OPEN
from onestop.accounts.models import User
from tests.conftest import ROLE_PERSONAS, World, sign_in

FOREIGN = ("admin:", "api-v1:", "hsds:")
# What a page may answer to someone allowed to open it, when the record it names does not
# exist or the request is a GET to a form's POST target; 400 is a list's answer to filters it
# cannot read.
ALLOWED = {200, 302, 400, 404, 405}

AUDIENCE: dict[str, tuple[str, ...]] = {
    "core:home": ("public",),
    "core:staff_home": ("authenticated",),
    "core:healthz": ("public",),
    "accounts:login": ("public",),
    "accounts:logout": ("authenticated",),
    "accounts:me": ("authenticated",),
    "accounts:two_factor": ("authenticated",),
    "accounts:two_factor_setup": ("authenticated",),
    "accounts:two_factor_verify": ("authenticated",),
    "accounts:staff_two_factor_reset": ("can_manage_users",),
    "accounts:staff_list": ("can_manage_users",),
    "accounts:staff_new": ("can_manage_users",),
    "accounts:staff_detail": ("can_manage_users",),
    "accounts:staff_edit": ("can_manage_users",),
    "api_tokens:tokens": ("can_use_api",),
    "api_tokens:revoke": ("can_use_api",),
    "centers:center_detail": ("can_manage_center",),
    "centers:center_edit": ("can_manage_center",),
    "centers:team_list": ("can_manage_teams",),
    "centers:team_new": ("can_manage_teams",),
    "centers:team_detail": ("can_manage_teams",),
    "centers:team_edit": ("can_manage_teams",),
    "directory:organization_list": ("can_view_directory", "can_manage_directory"),
    "directory:organization_new": ("can_manage_directory",),
    "directory:organization_detail": ("can_view_directory", "can_manage_directory"),
    "directory:organization_edit": ("can_manage_directory",),
    "directory:service_new": ("can_manage_directory",),
    "directory:service_edit": ("can_manage_directory",),
    "directory:program_add": ("can_manage_directory",),
    "directory:contact_add": ("can_manage_directory",),
    "directory:contact_remove": ("can_manage_directory",),
    "directory:location_new": ("can_manage_directory",),
    "directory:location_edit": ("can_manage_directory",),
    "audit:log": ("can_view_audit",),
    "geo:districts": ("public",),
    "geo:subdistricts": ("public",),
    "public:help": ("public",),
    "public:status": ("public",),
    "services": ("public",),
    "rights": ("public",),
    "rights_pdf": ("public",),
    "service_detail": ("public",),
    "intake:queue": ("can_intake", "can_triage"),
    "intake:request_detail": ("can_intake", "can_triage"),
    "intake:record_contact": ("can_intake", "can_triage"),
    "intake:handoff": ("can_intake", "can_triage"),
    "intake:photo": ("can_intake", "can_triage"),
    "intake:contacts": ("can_intake", "can_triage"),
    "intake:contact_new": ("can_intake",),
    "intake:calendar": ("can_manage_center",),
    "persons:person_list": ("can_search_persons",),
    "persons:person_new": ("can_search_persons",),
    "persons:person_matches": ("can_search_persons",),
    "persons:duplicate_queue": ("can_merge_persons",),
    "persons:duplicate_distinct": ("can_merge_persons",),
    "persons:merge": ("can_merge_persons",),
    "persons:merge_undo": ("can_merge_persons",),
    "persons:person_detail": ("can_search_persons",),
    "persons:person_edit": ("can_search_persons",),
    "persons:sensitive_edit": ("can_view_sensitive",),
    "persons:document_add": ("can_search_persons",),
    "persons:document_remove": ("can_search_persons",),
    "persons:phone_add": ("can_search_persons",),
    "persons:phone_remove": ("can_search_persons",),
    "persons:relationship_add": ("can_search_persons",),
    "persons:relationship_remove": ("can_search_persons",),
    "persons:membership_add": ("can_search_persons",),
    "persons:membership_end": ("can_search_persons",),
    "cases:case_list": ("can_view_case",),
    "cases:my_day": ("can_view_case",),
    "cases:workload": ("can_assign",),
    "cases:case_new": ("can_manage_case",),
    "cases:case_detail": ("can_view_case",),
    "cases:case_edit": ("can_manage_case",),
    "cases:break_glass": ("can_view_case",),
    "cases:assign": ("can_assign",),
    "cases:transition": ("can_manage_case",),
    "cases:client_add": ("can_manage_case",),
    "cases:client_safety": ("can_manage_case",),
    "cases:assessment_edit": ("can_manage_case",),
    "cases:plan_goal_add": ("can_manage_case",),
    "cases:plan_action_add": ("can_manage_case",),
    "cases:plan_action_status": ("can_manage_case",),
    "cases:approval_request": ("can_manage_case",),
    "cases:closure_request": ("can_manage_case",),
    "cases:approval_decide": ("can_approve",),
    "cases:note_add": ("can_manage_case",),
    "cases:note_edit": ("can_manage_case",),
    "cases:task_add": ("can_manage_case",),
    "cases:task_status": ("can_manage_case",),
    "cases:attachment_add": ("can_manage_case",),
    "cases:attachment_download": ("can_view_case",),
    "cases:consent_edit": ("can_manage_case",),
    "cases:legal_duty_record": ("can_manage_case",),
    "cases:case_pdf": ("can_view_case",),
    "referrals_case:referral_new": ("can_refer",),
    "referrals_case:referral_send": ("can_refer",),
    "referrals_case:letter": ("can_refer",),
    "referrals_case:link_create": ("can_refer",),
    "referrals_case:link_revoke": ("can_refer",),
    "referrals_case:letter_pdf": ("can_refer",),
    "referrals_case:referral_revoke": ("can_refer",),
    "referrals:inbox": ("can_receive_referrals",),
    "referrals:incoming": ("can_manage_case",),
    "referrals:incoming_detail": ("can_manage_case",),
    "referrals:incoming_document": ("can_manage_case",),
    "referrals:detail": ("can_receive_referrals",),
    "referrals:letter_pdf": ("can_receive_referrals",),
    "referrals:document": ("can_receive_referrals",),
    "welfare:rules": ("can_manage_center",),
    "welfare:rule_new": ("can_manage_center",),
    "welfare_case:check": ("can_view_case",),
    "referral_links:link": ("public",),
    "referral_links:link_document": ("public",),
    "referral_links:link_letter_pdf": ("public",),
    "volunteers:list": ("can_manage_volunteers",),
    "volunteers:apply": ("public",),
    "volunteers:print_queue": ("can_issue_cards",),
    "volunteers:dashboard": ("can_manage_volunteers",),
    "volunteers:hours_queue": ("can_manage_volunteers",),
    "volunteers:hours_decide": ("can_manage_volunteers",),
    "volunteers:certificate_pdf": ("can_manage_volunteers",),
    "volunteers:card_pdf": ("can_issue_cards",),
    "volunteers:card_revoke": ("can_issue_cards",),
    "volunteers:detail": ("can_manage_volunteers",),
    "volunteers:photo": ("can_manage_volunteers",),
    "volunteers:review": ("can_manage_volunteers",),
    "volunteers:status": ("can_manage_volunteers",),
    "volunteers:override": ("can_manage_volunteers",),
    "volunteers:training_add": ("can_manage_volunteers",),
    "volunteers:card_issue": ("can_issue_cards",),
    "volunteers:account_create": ("can_manage_volunteers",),
    "volunteers:certificate_issue": ("can_manage_volunteers",),
    "events:list": ("public",),
    "events:detail": ("public",),
    "events:ticket": ("public",),
    "events:ticket_qr": ("public",),
    "events:ticket_cancel": ("public",),
    "events:ticket_feedback": ("public",),
    "events:certificate": ("public",),
    "events:verify": ("public",),
    "events:course_list": ("can_manage_events",),
    "events:course_detail": ("can_manage_events",),
    "events:course_enroll": ("can_manage_events",),
    "events:course_enroll_person": ("can_manage_events",),
    "events:course_evaluate": ("can_manage_events",),
    "events:course_certificate": ("can_manage_events",),
    "events:course_verify": ("public",),
    "events:manage_list": ("can_manage_events",),
    "events:manage_new": ("can_manage_events",),
    "events:manage_detail": ("can_manage_events",),
    "events:check_in": ("can_manage_events",),
    "events:walk_in": ("can_manage_events",),
    "events:export": ("can_manage_events",),
    "giving:partners": ("can_manage_csr",),
    "giving:partner": ("can_manage_csr",),
    "giving:contact_add": ("can_manage_csr",),
    "giving:receipt": ("can_manage_csr",),
    "giving:receive": ("can_manage_csr",),
    "giving:needs": ("can_manage_csr",),
    "giving:match": ("can_manage_csr",),
    "giving:handover": ("can_manage_csr",),
    "giving:report": ("public",),
    "open_data": ("public",),
    "outcomes": ("can_view_reports",),
    "reports:index": ("can_view_reports",),
    "reports:refresh": ("can_view_reports",),
    "reports:drill": ("can_view_reports",),
    "reports:exports": ("can_view_reports",),
    "reports:export": ("can_view_reports",),
    "reports:export_download": ("can_view_reports",),
    "research:index": ("can_export_research", "can_manage_center"),
    "research:project_new": ("can_export_research",),
    "research:project": ("can_export_research", "can_manage_center"),
    "research:decide": ("can_manage_center",),
    "research:extract_new": ("can_export_research",),
    "research:extract_download": ("can_export_research",),
    "privacy:requests": ("can_manage_pdpa",),
    "privacy:request": ("can_manage_pdpa",),
    "privacy:request_verify": ("can_manage_pdpa",),
    "privacy:request_decide": ("can_manage_pdpa",),
    "privacy:request_export": ("can_manage_pdpa",),
    "privacy:request_anonymise": ("can_manage_pdpa",),
    "privacy:notice": ("public",),
    "privacy:notices": ("authenticated",),
    "privacy:retention": ("can_manage_pdpa",),
    "privacy:records": ("can_manage_pdpa", "can_manage_center"),
    "privacy:breaches": ("can_manage_pdpa",),
    "privacy:breach_new": ("can_manage_pdpa",),
    "privacy:breach": ("can_manage_pdpa",),
    "privacy:breach_assess": ("can_manage_pdpa",),
    "privacy:breach_action": ("can_manage_pdpa",),
    "outcome_record": ("can_manage_case",),
    "open_data_download": ("public",),
    "needs:add": ("can_manage_case",),
    "needs:open": ("can_manage_case",),
    "my_needs:propose": ("can_volunteer",),
    "visits:new": ("can_manage_case",),
    "visits:detail": ("can_view_case",),
    "visits:offer": ("can_manage_case",),
    "visits:photo": ("can_view_case",),
    "my:visits": ("can_volunteer",),
    "my:visit": ("can_volunteer",),
    "my:visit_answer": ("can_volunteer",),
    "my:visit_check_in": ("can_volunteer",),
    "my:visit_report": ("can_volunteer",),
    "my:hours": ("can_volunteer",),
    "service_worker": ("public",),
    "manifest": ("public",),
    "cards:verify_certificate": ("public",),
    "cards:verify": ("public",),
    "cards:verify_photo": ("public",),
    "notifications:inbox": ("authenticated",),
    "line_webhook": ("public",),
    "set_language": ("public",),
}


def _patterns(
    resolver: URLResolver, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, object]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), f"{namespace}{entry.name}", entry.callback


def _urls() -> list[tuple[str, str, object]]:
    return [
        (route, name, view)
        for route, name, view in _patterns(get_resolver())
        if not name.startswith(FOREIGN) and name != "bench_insert"
    ]


def _path(route: str) -> str:
    path = re.sub(r"<int:[^>]+>", "999999", route)
    path = re.sub(r"<uuid:[^>]+>", "00000000-0000-0000-0000-000000000000", path)
    return "/" + re.sub(r"<(?:str:|slug:|path:)?[^>]+>", "nope", path)


def test_every_url_has_an_expectation() -> None:
    declared = {
        name: tuple(getattr(view, "required_capabilities", ())) for _r, name, view in _urls()
    }
    missing = sorted(set(declared) - set(AUDIENCE))
    assert missing == [], f"add these to AUDIENCE: {missing}"
    assert sorted(set(AUDIENCE) - set(declared)) == [], "AUDIENCE names URLs that are gone"
    drift = {n: (AUDIENCE[n], declared[n]) for n in declared if AUDIENCE[n] != declared[n]}
    assert drift == {}, "a view's capabilities changed: update AUDIENCE after checking why"


def _expected(user: User | None, audience: tuple[str, ...]) -> set[int]:
    if "public" in audience:
        return ALLOWED
    if user is None:
        return {302}
    if "authenticated" in audience or any(user.can(c) for c in audience):
        return ALLOWED
    volunteer_only = user.can("can_volunteer") and set(user.role_codes) <= {"volunteer"}
    return {404} if volunteer_only else {403}


@pytest.mark.parametrize("persona", ["anonymous", *ROLE_PERSONAS, "b_admin", "b_socialworker"])
def test_each_persona_gets_what_its_role_allows(world: World, persona: str) -> None:
    user = None if persona == "anonymous" else world[persona]
    client = Client(raise_request_exception=False)
    if user is not None:
        sign_in(client, user)
    wrong = []
    # Signing out last: it ends the session the other requests use.
    for route, name, _view in sorted(_urls(), key=lambda u: u[1] == "accounts:logout"):
        path = _path(route)
        status = client.get(path).status_code
        expected = _expected(user, AUDIENCE[name])
        if status not in expected:
            wrong.append(f"{name} {path}: {status}, expected {sorted(expected)}")
    assert wrong == []


def test_a_session_without_its_second_factor_reaches_only_public_pages(world: World) -> None:
    """Signed in with the password only: every page that is not public sends the session to
    the second step, so no page of the product is reachable with a stolen password alone."""
    client = Client(raise_request_exception=False)
    client.force_login(world["sysadmin"])  # holds every capability, has no authenticator yet
    leaked = []
    for route, name, _view in _urls():
        audience = AUDIENCE[name]
        path = _path(route)
        if "public" in audience or name in SECOND_FACTOR_OPEN or name == "accounts:logout":
            continue
        response = client.get(path)
        if response.status_code != 302 or "/accounts/two-factor/setup/" not in response["Location"]:
            leaked.append(f"{name} {path}: {response.status_code}")
    assert leaked == []
    assert client.get("/admin/").status_code == 302
