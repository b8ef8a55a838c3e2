"""The API's JSON parser: Django-ninja's, refusing NUL characters anywhere in the body.

PostgreSQL text cannot hold U+0000, so a NUL inside any JSON string would reach the database
as a DataError (a 500) instead of a clear 400; Django's forms refuse NUL for the same reason
(ProhibitNullCharactersValidator). schemathesis found this on POST /api/v1/cases.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from ninja.parser import Parser


def has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(has_nul(k) or has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(has_nul(v) for v in value)
    return False


class StrictJsonParser(Parser):
    def parse_body(self, request: HttpRequest) -> Any:
        body = request.body
        data = json.loads(body)
        # In UTF-8, JSON can carry a NUL only as the escape \u0000 (json.loads refuses raw
        # control characters in strings), so a body with neither that text nor a zero byte
        # (every UTF-16 or UTF-32 body, which json.loads also reads, has zero bytes) needs no
        # walk.
        if (b"\\u0000" in body or b"\x00" in body) and has_nul(data):
            # Ninja turns any parser error into its 400 "bad_request" (api.errors).
            raise ValueError("NUL character in the request body")
        return data
