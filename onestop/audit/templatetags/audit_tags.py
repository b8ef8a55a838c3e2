from __future__ import annotations

from typing import Any

from django import template
from django.db import models

from onestop.audit.models import AuditEntry, object_type_of

register = template.Library()

HISTORY_LIMIT = 50


@register.inclusion_tag("audit/_history.html", takes_context=True)
def object_history(
    context: dict[str, Any], obj: models.Model, also: list[Any] | None = None
) -> dict[str, Any]:
    """The shared history include for every detail page: ``{% object_history obj %}``.

    ``also``: the ids of records of the same type whose history now belongs to ``obj`` (the
    persons merged into it)."""
    ids = [str(obj.pk), *(str(pk) for pk in also or [])]
    entries = list(
        AuditEntry.objects.filter(object_type=object_type_of(obj), object_id__in=ids)
        .select_related("actor")
        .order_by("-at", "-pk")[: HISTORY_LIMIT + 1]
    )
    return {
        "entries": entries[:HISTORY_LIMIT],
        "truncated": len(entries) > HISTORY_LIMIT,
        "request": context.get("request"),
    }
