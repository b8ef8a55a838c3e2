"""The shipped instrument: six domains, each scored 1 (in crisis) to 5 (secure). Centers edit
the wording in the admin; a domain taken out of use stays in past records."""

from __future__ import annotations

from typing import Any

DOMAINS = [
    (
        "housing",
        "ที่อยู่อาศัย",
        "Housing",
        "1 ไม่มีที่อยู่หรือเสี่ยงถูกไล่ที่ · 3 มีที่อยู่แต่ไม่มั่นคงหรือไม่ปลอดภัย · 5 ที่อยู่มั่นคง ปลอดภัย เหมาะสม",
    ),
    (
        "income",
        "รายได้",
        "Income",
        "1 ไม่มีรายได้ ไม่มีอาหารพอ · 3 รายได้พอจ่ายจำเป็นบางเดือน · 5 รายได้พอและมีเงินเก็บเล็กน้อย",
    ),
    (
        "health",
        "สุขภาพ",
        "Health",
        "1 เจ็บป่วยไม่ได้รับการรักษา · 3 รักษาอยู่แต่ไม่สม่ำเสมอ · 5 สุขภาพดีหรือได้รับการดูแลต่อเนื่อง",
    ),
    (
        "family",
        "ครอบครัว",
        "Family",
        "1 ไม่มีใครดูแลหรือความสัมพันธ์แตกหัก · 3 มีคนช่วยบ้างเป็นครั้งคราว · 5 ครอบครัวดูแลและสนับสนุนสม่ำเสมอ",
    ),
    (
        "safety",
        "ความปลอดภัย",
        "Safety",
        "1 อยู่ในอันตรายหรือถูกกระทำ · 3 มีความเสี่ยงแต่มีแผนรับมือ · 5 ปลอดภัย ไม่มีความเสี่ยงที่ทราบ",
    ),
    (
        "participation",
        "การมีส่วนร่วมทางสังคม",
        "Social participation",
        "1 โดดเดี่ยว ไม่ได้ออกจากบ้าน · 3 ร่วมกิจกรรมบ้าง · 5 มีบทบาทในชุมชนตามที่ต้องการ",
    ),
]


def seed_domains(model: Any) -> None:
    for position, (code, th, en, definition) in enumerate(DOMAINS):
        model.objects.update_or_create(
            code=code,
            defaults={"name_th": th, "name_en": en, "definition": definition, "position": position},
        )
