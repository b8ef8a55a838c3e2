"""POST /api/v1/eligibility/screen: public, stores nothing, the documented shape, bad input 400,
a 1 MB body 413."""

from __future__ import annotations

from onestop.audit.models import AuditEntry

J = "application/json"


def test_screen_a_person(db: None, client) -> None:  # type: ignore[no-untyped-def]
    body = {
        "as_of": "2026-12-01",
        "person": {
            "birth_date": "2499-12-02",
            "nationality": "TH",
            "registered_subdistrict": "130201",
            "receives_pension": False,
        },
    }
    before = AuditEntry.objects.count()
    r = client.post("/api/v1/eligibility/screen", body, content_type=J)
    assert r.status_code == 200, r.content
    results = {x["benefit"]: x for x in r.json()["results"]}
    old_age = results["old_age_allowance"]
    assert (
        old_age["status"] == "likely_eligible"
        and old_age["amount_baht"] == 700
        and old_age["period"] == "month"
    )
    assert old_age["rule"]["version"] == 1 and old_age["rule"]["source_url"]
    assert results["disability_allowance"]["status"] == "needs_information"
    assert "has_disability_card" in results["disability_allowance"]["missing_facts"]
    assert AuditEntry.objects.count() == before  # nothing stored


def test_every_fact_is_optional(db: None, client) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/api/v1/eligibility/screen", {}, content_type=J)
    assert r.status_code == 200 and len(r.json()["results"]) == 8


def test_bad_input(db: None, client) -> None:  # type: ignore[no-untyped-def]
    def fields(body: dict) -> dict:  # type: ignore[type-arg]
        r = client.post("/api/v1/eligibility/screen", body, content_type=J)
        assert r.status_code == 400, r.content
        return r.json()["error"]["fields"]

    assert "person.annual_income" in fields({"person": {"annual_income": -1}})
    assert "as_of" in fields({"as_of": "1999-12-31"})
    assert "person.birth_date" in fields(
        {"as_of": "2026-01-01", "person": {"birth_date": "2026-06-01"}}
    )
    big = client.post("/api/v1/eligibility/screen", "x" * (1024 * 1024 + 10), content_type=J)
    assert big.status_code == 413


def test_the_limit_is_a_setting(db: None, client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.ELIGIBILITY_RATE_LIMIT = "2/m"
    codes = [
        client.post("/api/v1/eligibility/screen", {}, content_type=J).status_code for _ in range(3)
    ]
    assert codes == [200, 200, 429]
