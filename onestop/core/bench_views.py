"""The comparison endpoint for `make bench-intake`: a bare Django view that inserts one row.

Routed only when BENCH_ENDPOINTS=1 (bench/serve-prod.sh under make bench-intake), so it never
exists in a real deployment. It goes through the same middleware as every other request.
"""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from onestop.accounts.decorators import public

TABLE_SQL = (
    "CREATE TABLE IF NOT EXISTS onestop_bench_row ("
    " id BIGSERIAL PRIMARY KEY, body TEXT NOT NULL, created TIMESTAMPTZ NOT NULL DEFAULT now())"
)


@public
@csrf_exempt
@require_POST
def bench_insert(request: HttpRequest) -> JsonResponse:
    body = request.body[:5000].decode("utf-8", errors="replace")
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO onestop_bench_row (body) VALUES (%s)", [body])
    return JsonResponse({"ok": True}, status=201)
