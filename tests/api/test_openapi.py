from __future__ import annotations

import re

from django.test import Client


def test_the_openapi_document_describes_the_api(db: None) -> None:
    doc = Client().get("/api/v1/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    for path in ("/api/v1/me", "/api/v1/teams", "/api/v1/teams/{team_id}", "/api/v1/geo/provinces"):
        assert path in doc["paths"], path
    schemes = doc["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())
    assert "409" in doc["paths"]["/api/v1/teams/{team_id}"]["patch"]["responses"]


def test_the_human_docs_load_without_a_cdn(db: None) -> None:
    body = Client().get("/api/v1/docs").content.decode()
    assert "swagger-ui-bundle.js" in body
    # Every script and stylesheet comes from our own /static/; the CSRF token is random
    # and once held the letters "cdn", so look at the URLs, not at substrings.

    sources = re.findall(r'(?:src|href)="([^"]+)"', body)
    assert sources
    assert all(s.startswith("/") and not s.startswith("//") for s in sources), sources
