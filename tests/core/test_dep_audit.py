"""The dependency audit's reading of PyPI's project JSON (tools/dep_audit.py), offline."""

from __future__ import annotations

from tools.dep_audit import Finding, classify_pypi, exit_status

PROJECT = {
    "info": {"version": "2.1.0"},
    "releases": {
        "1.9.0": [{}],
        "2.0.0": [{"yanked": True, "yanked_reason": "broken wheel"}],
        "2.0.1": [{}],
        "2.1.0": [{}],
    },
    "vulnerabilities": [{"id": "PYSEC-2026-1"}, {"id": "GHSA-old", "withdrawn": "2026-01-01"}],
}


def test_the_latest_release_is_checked_exactly() -> None:
    finding = classify_pypi("pkg", "2.1.0", PROJECT)
    assert finding.verified and finding.vulnerabilities == ["PYSEC-2026-1"]  # withdrawn dropped
    clean = classify_pypi("pkg", "2.1.0", {**PROJECT, "vulnerabilities": []})
    assert clean.verified and clean.vulnerabilities == []


def test_an_older_release_is_not_verified_and_says_why() -> None:
    behind = classify_pypi("pkg", "2.0.0", PROJECT)
    assert not behind.verified
    assert "yanked: broken wheel" in behind.note
    assert "a newer release of its own series exists" in behind.note
    lts = classify_pypi("pkg", "1.9.0", PROJECT)
    assert not lts.verified and "the newest 1.9.x release" in lts.note


def test_versions_compare_by_pep_440() -> None:
    assert classify_pypi("font", "1.000", {"info": {"version": "1.0"}, "releases": {}}).verified


def test_no_answer_is_not_verified() -> None:
    assert classify_pypi("pkg", "1.0", None).note == "PyPI did not answer"


def test_the_exit_status() -> None:
    ok = Finding("a", "1", "osv", True)
    assert exit_status([ok]) == 0
    assert exit_status([ok, Finding("b", "1", "osv", True, ["OSV-1"])]) == 1
    assert exit_status([ok, Finding("c", "1")]) == 2
