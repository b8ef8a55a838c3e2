from __future__ import annotations

from typing import Any

from django import template
from django.db import models

from onestop.audit.models import AuditEntry

register = template.Library()

HISTORY_LIMIT = 50


@register.inclusion_tag("audit/_history.html", takes_context=True)
def object_history(context: dict[str, Any], obj: models.Model) -> dict[str, Any]:
    """The shared history include for every detail page: ``{% object_history obj %}``."""
    entries = list(AuditEntry.objects.for_object(obj).select_related("actor")[: HISTORY_LIMIT + 1])
    return {
        "entries": entries[:HISTORY_LIMIT],
        "truncated": len(entries) > HISTORY_LIMIT,
        "request": context.get("request"),
    }
