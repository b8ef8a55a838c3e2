"""The directory's taxonomies: the problem categories (kept equal to intake's Category, same
codes, so a case's category finds services) and the kinds of service."""

from __future__ import annotations

from typing import Any

# (code, Thai, English)
SERVICE_TYPES = [
    ("SVC.COUNSEL", "ให้คำปรึกษา", "Counselling"),
    ("SVC.MENTAL", "สุขภาพจิต", "Mental health care"),
    ("SVC.MEDICAL", "รักษาพยาบาล", "Medical care"),
    ("SVC.REHAB", "ฟื้นฟูสมรรถภาพ", "Rehabilitation"),
    ("SVC.HOMECARE", "ดูแลที่บ้านและเยี่ยมบ้าน", "Home care and home visits"),
    ("SVC.SHELTER", "ที่พักพิงชั่วคราว", "Temporary shelter"),
    ("SVC.LEGAL", "ช่วยเหลือทางกฎหมาย", "Legal aid"),
    ("SVC.CASH", "เงินสงเคราะห์และสวัสดิการ", "Relief grants and welfare"),
    ("SVC.DEVICE", "กายอุปกรณ์", "Assistive devices"),
    ("SVC.EDU", "การศึกษาและทุน", "Education and scholarships"),
    ("SVC.JOB", "ฝึกอาชีพและหางาน", "Job training and placement"),
    ("SVC.PROTECT", "คุ้มครองสวัสดิภาพ", "Protection"),
    ("SVC.DOCS", "ทำเอกสารและสถานะบุคคล", "Documents and legal status"),
]


def sync_terms(category_model: Any, term_model: Any) -> None:
    """Create or rename the terms; run by a migration (historical models) and after new
    categories are added. Terms are never deleted: services point at them."""
    problem = "onestop-problem"
    by_code = {}
    for cat in category_model.objects.order_by("code"):
        term, _ = term_model.objects.update_or_create(
            taxonomy=problem,
            code=cat.code,
            defaults={"name_th": cat.name_th, "name_en": cat.name_en},
        )
        by_code[cat.code] = (term, cat.parent_id)
    for term, parent_code in by_code.values():
        parent = by_code.get(parent_code, (None, None))[0] if parent_code else None
        if term.parent_id != (parent.pk if parent else None):
            term.parent = parent
            term.save(update_fields=["parent"])
    for code, th, en in SERVICE_TYPES:
        term_model.objects.update_or_create(
            taxonomy="onestop-service-type", code=code, defaults={"name_th": th, "name_en": en}
        )
