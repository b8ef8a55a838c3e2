"""privacy.register: the record of processing cannot fall out of step with the models."""

from __future__ import annotations

from django.apps import apps

from onestop.privacy.register import ACTIVITIES, NOT_PERSONAL, PERSONAL_HINT


def _models() -> list[type]:
    return [m for m in apps.get_models() if m.__module__.startswith("onestop.")]


def test_every_field_that_looks_personal_is_classified() -> None:
    declared = {a.model: set(a.personal) | set(a.sensitive) for a in ACTIVITIES}
    unclassified = []
    for model in _models():
        label = model._meta.label
        known = declared.get(label, set()) | NOT_PERSONAL.get(label, (set(), ""))[0]
        for f in model._meta.concrete_fields:
            if PERSONAL_HINT.search(f.name) and f.name not in known:
                unclassified.append(f"{label}.{f.name}")
    assert unclassified == [], "classify these in onestop/privacy/register.py"


def test_every_classified_field_exists() -> None:
    gone = []
    for a in ACTIVITIES:
        names = {f.name for f in apps.get_model(a.model)._meta.concrete_fields}
        gone += [f"{a.model}.{n}" for n in [*a.personal, *a.sensitive] if n not in names]
    for label, (fields, _why) in NOT_PERSONAL.items():
        names = {f.name for f in apps.get_model(label)._meta.concrete_fields}
        gone += [f"{label}.{n}" for n in fields if n not in names]
    assert gone == []


def test_a_field_is_personal_or_sensitive_not_both() -> None:
    assert [a.model for a in ACTIVITIES if set(a.personal) & set(a.sensitive)] == []
    assert len({a.model for a in ACTIVITIES}) == len(ACTIVITIES)


def test_models_that_audit_their_reads_are_in_the_record() -> None:
    declared = {a.model for a in ACTIVITIES}
    missing = [
        m._meta.label
        for m in _models()
        if getattr(m, "audit_sensitive", False) and m._meta.label not in declared
    ]
    assert missing == []
