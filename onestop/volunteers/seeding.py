"""The four volunteer types and their checks, as shipped. Migration 0002 loads them; centers edit
them afterwards (validity, checks). The อพม. rules follow the ministry's regulation (domain
notes §6); "lives in the area" is read at district level, since students serve the district
their campus is in."""

from __future__ import annotations

from typing import Any

TYPES = [
    {
        "code": "aso",
        "name_th": "อาสาสมัครพัฒนาสังคมและความมั่นคงของมนุษย์ (อพม.)",
        "name_en": "Social Development and Human Security Volunteer (ASO)",
        "card_title_th": "บัตรประจำตัว อาสาสมัครพัฒนาสังคมและความมั่นคงของมนุษย์",
        "card_title_en": "Social Development and Human Security Volunteer",
        "numbering": "given",
        "card_valid_years": 4,
        "checks": [
            {"code": "thai"},
            {"code": "min_age", "value": 18},
            {"code": "lives_in_area", "value": "district"},
            {"code": "course", "value": "ASO-BASIC"},
        ],
    },
    {
        "code": "student",
        "name_th": "อาสาสมัครนักศึกษา",
        "name_en": "Student volunteer",
        "card_title_th": "บัตรประจำตัว อาสาสมัครนักศึกษา",
        "card_title_en": "Student Volunteer",
        "numbering": "generated",
        "card_valid_years": 2,
        "checks": [{"code": "student"}],
    },
    {
        "code": "development",
        "name_th": "อาสาสมัครเพื่อการพัฒนา",
        "name_en": "Volunteer for development",
        "card_title_th": "บัตรประจำตัว อาสาสมัครเพื่อการพัฒนา",
        "card_title_en": "Volunteer for Development",
        "numbering": "generated",
        "card_valid_years": 2,
        "checks": [{"code": "min_age", "value": 18}],
    },
    {
        "code": "foreign",
        "name_th": "อาสาสมัครต่างชาติ",
        "name_en": "Foreign volunteer",
        "card_title_th": "บัตรประจำตัว อาสาสมัครต่างชาติ",
        "card_title_en": "Foreign Volunteer",
        "numbering": "generated",
        "card_valid_years": 1,
        "checks": [{"code": "min_age", "value": 18}],
    },
]


def seed_types(model: Any) -> None:
    """``model`` is VolunteerType, or its historical version inside a migration."""
    for row in TYPES:
        model.objects.update_or_create(code=row["code"], defaults=row)
