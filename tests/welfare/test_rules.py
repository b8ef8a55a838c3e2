"""Rules are data: a parse error says where; overlapping versions and unknown benefits are
refused; an edit makes a new version and old results keep the old one."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from onestop.welfare import conditions, engine, services
from onestop.welfare.facts import Facts
from onestop.welfare.models import RuleVersion


@pytest.fixture(autouse=True)
def english():  # type: ignore[no-untyped-def]
    from django.utils import translation

    with translation.override("en"):
        yield


OLD_AGE = [{"id": "age", "th": "อายุ 65", "en": "65+", "expr": {">=": [{"var": "age"}, 65]}}]


def _add(**over: object) -> RuleVersion:
    fields: dict[str, object] = {
        "actor": None,
        "benefit_code": "old_age_allowance",
        "effective_from": dt.date(2027, 10, 1),
        "effective_to": None,
        "rule_conditions": OLD_AGE,
        "amounts": [{"when": None, "amount": 1000}],
        "source_title": "ระเบียบใหม่",
        "source_url": "https://example.go.th/rule",
        "verified_on": dt.date(2027, 9, 1),
    }
    fields.update(over)
    return services.rule_version_add(**fields)  # type: ignore[arg-type]


def test_a_condition_that_does_not_parse_says_where() -> None:
    with pytest.raises(conditions.ConditionError, match="line 1, column"):
        conditions.parse('{">=": [{"var": "age"}, 60')
    with pytest.raises(
        conditions.ConditionError, match=r"condition\.and\[1\]: unknown operator 'xor'"
    ):
        conditions.parse('{"and": [true, {"xor": [1, 2]}]}')
    with pytest.raises(conditions.ConditionError, match="compares exactly two"):
        conditions.parse('{">=": [1]}')


def test_an_edit_is_a_new_version_and_old_results_keep_theirs(db: None) -> None:
    before = engine.screen(Facts(age=62).resolve(dt.date(2027, 1, 1)), dt.date(2027, 1, 1))
    version = _add()
    assert version.version == 2
    old = RuleVersion.objects.get(benefit__code="old_age_allowance", version=1)
    assert old.effective_to == dt.date(2027, 9, 30)
    after = {
        r.benefit: r
        for r in engine.screen(Facts(age=62).resolve(dt.date(2028, 1, 1)), dt.date(2028, 1, 1))
    }
    assert (
        after["old_age_allowance"].rule_version == 2
        and after["old_age_allowance"].status == engine.NOT_ELIGIBLE
    )
    earlier = {r.benefit: r for r in before}
    assert earlier["old_age_allowance"].rule_version == 1  # a result keeps the version it used


def test_bad_rule_edits_are_refused(db: None) -> None:
    with pytest.raises(ValidationError, match="Unknown benefit"):
        _add(benefit_code="free_lunch")
    with pytest.raises(ValidationError):
        _add(rule_conditions=[{"id": "x", "th": "x", "en": "x", "expr": {"var": "shoe_size"}}])
    _add()
    with pytest.raises(ValidationError, match="overlap"):
        _add(effective_from=dt.date(2027, 12, 1), effective_to=dt.date(2027, 12, 31))
