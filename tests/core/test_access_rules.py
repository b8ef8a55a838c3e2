"""Structural guards: every page declares who may see it, and no view fetches records by hand."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

ROOT = Path(__file__).resolve().parents[2] / "onestop"
# URL trees with their own access control: Django's admin, the staff API (auth on the NinjaAPI)
# and the HSDS directory API (public and read-only by design: auth=None, GET only).
FOREIGN = ("admin:", "api-v1:", "hsds:")


def _patterns(
    resolver: URLResolver, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, object]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), f"{namespace}{entry.name}", entry.callback


def test_every_page_declares_who_may_use_it() -> None:
    undeclared = [
        f"{route} ({name})"
        for route, name, view in _patterns(get_resolver())
        if not name.startswith(FOREIGN) and not hasattr(view, "required_capabilities")
    ]
    assert undeclared == []


def test_no_view_fetches_a_record_without_an_access_helper() -> None:
    offenders = []
    for path in ROOT.glob("*/views.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in {"get", "get_object_or_404"}
                and isinstance(node.value, ast.Attribute)
                and node.value.attr == "objects"
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            if isinstance(node, ast.Name) and node.id == "get_object_or_404":
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
