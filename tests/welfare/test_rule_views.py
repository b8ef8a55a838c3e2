"""The rule pages: a center admin sees each benefit's history and adds a version; a condition
that does not parse is refused with its position; other roles get 403."""

from __future__ import annotations

import json

from onestop.welfare.models import RuleVersion
from tests.conftest import World

CONDITIONS = [
    {"id": "age", "th": "อายุ 65 ปีขึ้นไป", "en": "65+", "expr": {">=": [{"var": "age"}, 65]}}
]


def _data(**over: str) -> dict[str, str]:
    data = {
        "effective_from": "01/10/2570",
        "effective_to": "",
        "source_title": "ระเบียบใหม่",
        "source_url": "https://example.go.th/rule",
        "verified_on": "01/09/2570",
        "conditions": json.dumps(CONDITIONS, ensure_ascii=False),
        "amounts": json.dumps([{"when": None, "amount": 1000}]),
    }
    data.update(over)
    return data


def test_history_and_a_new_version(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    admin = client_for("centeradmin")
    page = admin.get("/welfare/rules/").content.decode()
    assert 'data-benefit="old_age_allowance"' in page
    form = admin.get("/welfare/rules/old_age_allowance/new/").content.decode()
    assert "receives_pension" in form  # the current conditions, to edit
    bad = admin.post("/welfare/rules/old_age_allowance/new/", _data(conditions='[{"id": "x",'))
    assert (
        bad.status_code == 200
        and "1" in bad.content.decode()
        and not RuleVersion.objects.filter(version=2).exists()
    )
    unknown = admin.post(
        "/welfare/rules/old_age_allowance/new/",
        _data(conditions=json.dumps([{**CONDITIONS[0], "expr": {"var": "shoe"}}])),
    )
    assert "shoe" in unknown.content.decode()
    assert admin.post("/welfare/rules/old_age_allowance/new/", _data()).status_code == 302
    version = RuleVersion.objects.get(benefit__code="old_age_allowance", version=2)
    assert version.created_by == world["centeradmin"]
    assert (
        "2570" in admin.get("/welfare/rules/").content.decode()
        or "2027" in admin.get("/welfare/rules/").content.decode()
    )


def test_other_roles_get_403(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    for who in ("socialworker", "supervisor", "intake", "partner"):
        assert client_for(who).get("/welfare/rules/").status_code == 403, who
        assert (
            client_for(who).post("/welfare/rules/old_age_allowance/new/", _data()).status_code
            == 403
        ), who
    assert client_for("centeradmin").get("/welfare/rules/nope/new/").status_code == 404
