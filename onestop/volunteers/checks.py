"""Qualification checks, configured per volunteer type (VolunteerType.checks).

Each check reads the volunteer's record and training records and says why it fails. The rules
for อพม. come from the ministry's regulation (domain notes §6): Thai, 18 or older, lives in the
area served, completed the basic course. A coordinator may override a failed check, with a
reason; an override is shown next to the check, never hides it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from onestop.thai import ids
from onestop.thai.dates import thai_age
from onestop.volunteers.models import Volunteer

LABELS = {
    "thai": gettext_lazy("Thai national"),
    "min_age": gettext_lazy("Old enough"),
    "lives_in_area": gettext_lazy("Lives in the area served"),
    "course": gettext_lazy("Completed the required course"),
    "student": gettext_lazy("Is a student"),
}


@dataclass
class CheckResult:
    code: str
    label: str
    passed: bool
    reason: str
    override_reason: str = ""

    @property
    def ok(self) -> bool:
        return self.passed or bool(self.override_reason)


def _thai(v: Volunteer, _param: Any, _today: dt.date) -> str:
    if v.nationality != "TH":
        return _("The nationality recorded is not Thai.")
    if not ids.is_valid(v.national_id):
        return _("No valid 13-digit national ID is recorded.")
    return ""


def _min_age(v: Volunteer, param: Any, today: dt.date) -> str:
    need = int(param or 18)
    age = thai_age(v.birth_date, today)
    if age < need:
        return _("Is %(age)s years old; this type needs %(need)s or older.") % {
            "age": age,
            "need": need,
        }
    return ""


def _lives_in_area(v: Volunteer, param: Any, _today: dt.date) -> str:
    level = param or "subdistrict"
    home, area = v.home_subdistrict, v.area_subdistrict
    same = {
        "subdistrict": home.code == area.code,
        "district": home.district_id == area.district_id,
        "province": home.district.province_id == area.district.province_id,
    }.get(level, home.code == area.code)
    if not same:
        return _("Lives in %(home)s but would serve %(area)s.") % {
            "home": home.full_name(),
            "area": area.full_name(),
        }
    return ""


def _course(v: Volunteer, param: Any, today: dt.date) -> str:
    code = str(param or "")
    records = [t for t in v.trainings.all() if t.course_code == code]
    if not records:
        return _("No record of course %(code)s.") % {"code": code}
    if all(t.expires_on and t.expires_on < today for t in records):
        return _("Course %(code)s has expired.") % {"code": code}
    return ""


def _student(v: Volunteer, _param: Any, _today: dt.date) -> str:
    if not v.student_id.strip():
        return _("No student ID is recorded.")
    return ""


CHECKS: dict[str, Callable[[Volunteer, Any, dt.date], str]] = {
    "thai": _thai,
    "min_age": _min_age,
    "lives_in_area": _lives_in_area,
    "course": _course,
    "student": _student,
}


def check_key(check: dict[str, Any]) -> str:
    """The key an override is recorded under: the code, and the course for course checks."""
    code = str(check.get("code", ""))
    return f"course:{check.get('value')}" if code == "course" else code


def evaluate(volunteer: Volunteer, today: dt.date | None = None) -> list[CheckResult]:
    today = today or timezone.localdate()
    overrides = {o.code: o.reason for o in volunteer.overrides.all()}
    results = []
    for check in volunteer.type.checks:
        code = str(check.get("code", ""))
        run = CHECKS.get(code)
        if run is None:
            continue  # an unknown code in the configuration is ignored, not a crash
        reason = run(volunteer, check.get("value"), today)
        label = str(LABELS[code])
        if code == "course":
            label = f"{label} ({check.get('value')})"
        elif code == "min_age":
            label = f"{label} ({check.get('value', 18)}+)"
        key = check_key(check)
        results.append(
            CheckResult(
                key, label, not reason, reason, "" if not reason else overrides.get(key, "")
            )
        )
    return results
