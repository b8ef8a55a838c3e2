"""Named capabilities and the roles that bundle them (docs/capabilities.md explains each).

A capability is a Django permission on the User model ("accounts.can_triage"); a role is a
Django group holding a set of them. Views declare the capability they need; templates check
``perms.accounts.can_...``. Roles are synced from this file after every migrate, so the file is
the single source of truth and a center admin only assigns roles.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

# gettext_noop: the English text is also the Django permission name stored by migrations, so it
# must not depend on the active language; show it with gettext(CAPABILITIES[code]).
CAPABILITIES: dict[str, str] = {
    "can_intake": gettext_noop("Record hotline and walk-in contacts"),
    "can_triage": gettext_noop("Triage help requests"),
    "can_view_case": gettext_noop("View cases assigned to them or their team"),
    "can_manage_case": gettext_noop("Open, assess, plan and close cases"),
    "can_refer": gettext_noop("Send referrals to partners"),
    "can_search_persons": gettext_noop("Search the persons registry"),
    "can_view_sensitive": gettext_noop(
        "See a person's religion, ethnicity and health notes (every read is logged)"
    ),
    "can_merge_persons": gettext_noop("Merge duplicate persons and undo merges"),
    "can_approve": gettext_noop("Approve plans, closures and sensitive disclosures"),
    "can_view_deadlines": gettext_noop("Watch deadlines and escalations across the center"),
    "can_assign": gettext_noop("Assign cases and requests to staff"),
    "can_view_reports": gettext_noop("View dashboards and reports"),
    "can_manage_center": gettext_noop("Edit the center's details and calendar"),
    "can_manage_users": gettext_noop("Create staff accounts and assign roles"),
    "can_manage_teams": gettext_noop("Create and edit teams"),
    "can_view_audit": gettext_noop("Read the audit log"),
    "can_view_directory": gettext_noop("View partner organisations and services"),
    "can_manage_directory": gettext_noop("Edit partner organisations and services"),
    "can_manage_volunteers": gettext_noop("Manage volunteers, trainings and assignments"),
    "can_issue_cards": gettext_noop("Issue and revoke volunteer ID cards"),
    "can_manage_events": gettext_noop("Run forums, courses and events"),
    "can_manage_csr": gettext_noop("Manage CSR partners and donations"),
    "can_volunteer": gettext_noop("See their own visit assignments and log hours"),
    "can_receive_referrals": gettext_noop(
        "Receive referrals for their organisation and report outcomes"
    ),
    "can_export_research": gettext_noop("Export de-identified research data"),
    "can_manage_pdpa": gettext_noop("Handle data-subject requests, retention and breaches"),
    "can_use_api": gettext_noop("Create personal API tokens"),
    "can_admin_system": gettext_noop("Administer every center of the deployment"),
}

_CASEWORK = [
    "can_view_case",
    "can_manage_case",
    "can_refer",
    "can_search_persons",
    "can_view_sensitive",
]

ROLES: dict[str, tuple[Promise, list[str]]] = {
    "intake_officer": (
        _("Intake officer"),
        ["can_intake", "can_triage", "can_search_persons", "can_view_directory", "can_use_api"],
    ),
    "social_worker": (
        _("Social worker"),
        [*_CASEWORK, "can_view_directory", "can_use_api"],
    ),
    "supervisor": (
        _("Supervisor"),
        [
            *_CASEWORK,
            "can_triage",
            "can_approve",
            "can_merge_persons",
            "can_view_deadlines",
            "can_assign",
            "can_view_reports",
            "can_view_directory",
            "can_use_api",
        ],
    ),
    "center_admin": (
        _("Center administrator"),
        [
            "can_manage_center",
            "can_manage_users",
            "can_manage_teams",
            "can_view_audit",
            "can_view_reports",
            "can_view_directory",
            "can_use_api",
        ],
    ),
    "coordinator": (
        _("Coordinator"),
        [
            "can_manage_volunteers",
            "can_issue_cards",
            "can_manage_events",
            "can_manage_csr",
            "can_view_directory",
            "can_manage_directory",
            "can_use_api",
        ],
    ),
    "volunteer": (_("Volunteer"), ["can_volunteer"]),
    "partner_staff": (_("Partner staff"), ["can_receive_referrals", "can_view_directory"]),
    "researcher": (_("Researcher"), ["can_export_research", "can_view_reports"]),
    "dpo": (
        _("Data protection officer"),
        ["can_view_audit", "can_manage_pdpa", "can_view_reports", "can_use_api"],
    ),
    "system_admin": (_("System administrator"), list(CAPABILITIES)),
}


def role_label(code: str) -> str:
    return str(ROLES[code][0]) if code in ROLES else code


# Holding any of these means seeing clients' cases or personal data in bulk (directly, through
# referrals, the audit log or the PDPA tools): such accounts must pass a second factor where
# settings.OTP_REQUIRED is on (accounts.two_factor).
SECOND_FACTOR_CAPABILITIES = [
    "can_intake",
    "can_triage",
    "can_view_case",
    "can_search_persons",
    "can_receive_referrals",
    "can_view_audit",
    "can_manage_pdpa",
    "can_admin_system",
]

# Holding any of these makes a session an administrator's: it is time-limited more tightly
# (settings.ADMIN_SESSION_MAX_AGE).
ADMIN_CAPABILITIES = ["can_manage_users", "can_manage_center", "can_admin_system"]
