"""The listed skills, languages and days a volunteer can choose (codes stored, labels shown)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SKILL_LABELS = {
    "first_aid": _("First aid"),
    "elderly_care": _("Caring for older people"),
    "disability": _("Working with people with disabilities"),
    "children": _("Working with children"),
    "counselling": _("Listening and counselling"),
    "sign_language": _("Thai sign language"),
    "driving": _("Can drive"),
    "paperwork": _("Helping with forms and rights"),
}
LANGUAGE_LABELS = {
    "th": _("Thai"),
    "en": _("English"),
    "my": _("Myanmar"),
    "km": _("Khmer"),
    "lo": _("Lao"),
    "zh": _("Chinese"),
    "northern": _("Northern Thai"),
    "isan": _("Isan"),
    "malay": _("Pattani Malay"),
}
DAY_LABELS = {
    "mon": _("Monday"),
    "tue": _("Tuesday"),
    "wed": _("Wednesday"),
    "thu": _("Thursday"),
    "fri": _("Friday"),
    "sat": _("Saturday"),
    "sun": _("Sunday"),
}
