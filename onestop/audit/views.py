from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from onestop.accounts.decorators import capability_required, request_user
from onestop.audit.access import audit_entries_for_user
from onestop.audit.models import AuditEntry

PAGE_SIZE = 50


@capability_required("can_view_audit")
def log(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    entries = audit_entries_for_user(user)
    action = request.GET.get("action", "").strip()[:80]
    kind = request.GET.get("kind", "")
    if action:
        entries = entries.filter(action__startswith=action)
    if kind in AuditEntry.Kind.values:
        entries = entries.filter(kind=kind)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/log.html",
        {"page": page, "action": action, "kind": kind, "kinds": AuditEntry.Kind.choices},
    )
