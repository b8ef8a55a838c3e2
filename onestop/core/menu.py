"""The staff menu: each item names the capability that shows it (pretix-style)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from onestop.accounts.models import User


@dataclass(frozen=True)
class MenuItem:
    key: str
    label: Promise
    url_name: str
    capabilities: tuple[str, ...]  # any one of them shows the item; () = every signed-in user

    @property
    def url(self) -> str:
        return reverse(self.url_name)


MENU: list[MenuItem] = [
    MenuItem("home", _("Staff home"), "core:staff_home", ()),
    MenuItem("queue", _("Intake queue"), "intake:queue", ("can_intake", "can_triage")),
    MenuItem("contact", _("New contact"), "intake:contact_new", ("can_intake",)),
    MenuItem("myday", _("My day"), "cases:my_day", ("can_view_case",)),
    MenuItem("cases", _("Cases"), "cases:case_list", ("can_view_case",)),
    MenuItem("workload", _("Workload"), "cases:workload", ("can_assign",)),
    MenuItem("referrals", _("Referrals to us"), "referrals:inbox", ("can_receive_referrals",)),
    MenuItem("incoming", _("From other centers"), "referrals:incoming", ("can_manage_case",)),
    MenuItem("persons", _("Persons"), "persons:person_list", ("can_search_persons",)),
    MenuItem("duplicates", _("Duplicates"), "persons:duplicate_queue", ("can_merge_persons",)),
    MenuItem("center", _("Center"), "centers:center_detail", ("can_manage_center",)),
    MenuItem("rules", _("Welfare rules"), "welfare:rules", ("can_manage_center",)),
    MenuItem("teams", _("Teams"), "centers:team_list", ("can_manage_teams",)),
    MenuItem("staff", _("Staff accounts"), "accounts:staff_list", ("can_manage_users",)),
    MenuItem(
        "partners",
        _("Partner organisations"),
        "directory:organization_list",
        ("can_view_directory", "can_manage_directory"),
    ),
    MenuItem("volunteers", _("Volunteers"), "volunteers:list", ("can_manage_volunteers",)),
    MenuItem("events", _("Events and forums"), "events:manage_list", ("can_manage_events",)),
    MenuItem("giving", _("CSR and giving"), "giving:partners", ("can_manage_csr",)),
    MenuItem("myvisits", _("My visits"), "my:visits", ("can_volunteer",)),
    MenuItem("reports", _("Dashboard and reports"), "reports:index", ("can_view_reports",)),
    MenuItem("outcomes", _("Outcomes"), "outcomes", ("can_view_reports",)),
    MenuItem(
        "research", _("Research"), "research:index", ("can_export_research", "can_manage_center")
    ),
    MenuItem("dsar", _("Data subject requests"), "privacy:requests", ("can_manage_pdpa",)),
    MenuItem("breaches", _("Data breaches"), "privacy:breaches", ("can_manage_pdpa",)),
    MenuItem("retention", _("Retention schedule"), "privacy:retention", ("can_manage_pdpa",)),
    MenuItem(
        "records",
        _("Record of processing"),
        "privacy:records",
        ("can_manage_pdpa", "can_manage_center"),
    ),
    MenuItem("audit", _("Audit log"), "audit:log", ("can_view_audit",)),
    MenuItem("admin", _("System administration"), "admin:index", ("can_admin_system",)),
    MenuItem("notifications", _("Notifications"), "notifications:inbox", ()),
    MenuItem("account", _("My account"), "accounts:me", ()),
]


def menu_for(user: User) -> list[MenuItem]:
    if not user.is_authenticated:
        return []
    return [
        item
        for item in MENU
        if not item.capabilities or any(user.can(c) for c in item.capabilities)
    ]
