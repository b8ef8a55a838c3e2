from __future__ import annotations

from django import template

from onestop.persons.matching import feature_label

register = template.Library()


@register.filter
def feature(text: object) -> str:
    """A duplicate feature's name or value, in the reader's language."""
    return feature_label(str(text))
