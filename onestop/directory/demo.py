"""Demo services of the partner units named in the agreement (domain.md §1), for `seed_demo`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from onestop.directory import services
from onestop.directory.models import Organization, TaxonomyTerm
from onestop.geo.models import Province, Subdistrict

WEEKDAYS = ["MO", "TU", "WE", "TH", "FR"]

# organisation name_th -> services: (Thai name, English name, description, eligibility,
# min age, max age, problem and service-type codes, required documents, phone)
SERVICES: dict[
    str, list[tuple[str, str, str, str, int | None, int | None, list[str], list[str], str]]
] = {
    "โรงพยาบาลธรรมศาสตร์เฉลิมพระเกียรติ": [
        (
            "งานสังคมสงเคราะห์ทางการแพทย์",
            "Medical social work",
            "นักสังคมสงเคราะห์ทางการแพทย์ช่วยผู้ป่วยและครอบครัวเรื่องสิทธิการรักษา ค่าใช้จ่าย และการวางแผนจำหน่ายกลับบ้าน",
            "ผู้ป่วยของโรงพยาบาลและครอบครัว",
            None,
            None,
            ["ELD", "DIS", "SVC.MEDICAL", "SVC.COUNSEL"],
            ["บัตรประจำตัวประชาชน", "บัตรประจำตัวผู้ป่วย"],
            "029269999",
        ),
        (
            "คลินิกจิตเวชและสุขภาพจิต",
            "Psychiatry and mental health clinic",
            "ตรวจรักษาผู้มีปัญหาสุขภาพจิต ภาวะซึมเศร้า และความเสี่ยงฆ่าตัวตาย",
            "ทุกวัย ผู้ป่วยใหม่ติดต่อเวชระเบียน",
            None,
            None,
            ["SVC.MENTAL", "SVC.MEDICAL"],
            ["บัตรประจำตัวประชาชน"],
            "029269999",
        ),
    ],
    "คณะสังคมสงเคราะห์ศาสตร์ มหาวิทยาลัยธรรมศาสตร์": [
        (
            "ให้คำปรึกษาครอบครัวโดยนักศึกษาฝึกงานภายใต้การดูแลของอาจารย์",
            "Family counselling by supervised student social workers",
            "ให้คำปรึกษาครอบครัวและเยี่ยมบ้าน โดยนักศึกษาฝึกงานภายใต้การดูแลของอาจารย์นักสังคมสงเคราะห์",
            "ครอบครัวในจังหวัดปทุมธานี",
            None,
            None,
            ["CHY", "VIO.DV", "SVC.COUNSEL", "SVC.HOMECARE"],
            [],
            "025644440",
        ),
    ],
    "คณะพยาบาลศาสตร์ มหาวิทยาลัยธรรมศาสตร์": [
        (
            "เยี่ยมบ้านผู้ป่วยติดเตียง",
            "Home visits for bedridden patients",
            "พยาบาลและนักศึกษาพยาบาลเยี่ยมบ้าน ดูแลแผลกดทับ และสอนผู้ดูแล",
            "ผู้ป่วยติดเตียงในอำเภอคลองหลวง",
            None,
            None,
            ["ELD.BEDRIDDEN", "SVC.HOMECARE"],
            [],
            "029869213",
        ),
    ],
    "คณะสหเวชศาสตร์ มหาวิทยาลัยธรรมศาสตร์": [
        (
            "กายภาพบำบัดและกายอุปกรณ์",
            "Physiotherapy and assistive devices",
            "กายภาพบำบัด ประเมินและจัดหากายอุปกรณ์สำหรับคนพิการและผู้สูงอายุ",
            "คนพิการและผู้สูงอายุ",
            None,
            None,
            ["DIS.DEVICE", "SVC.REHAB", "SVC.DEVICE"],
            ["บัตรประจำตัวคนพิการ (ถ้ามี)"],
            "029869213",
        ),
    ],
    "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดปทุมธานี": [
        (
            "เงินสงเคราะห์ครอบครัวผู้มีรายได้น้อย",
            "Relief grants for low-income families",
            "เงินสงเคราะห์ช่วยเหลือครอบครัวผู้มีรายได้น้อยและผู้ประสบปัญหาทางสังคม",
            "ครอบครัวผู้มีรายได้น้อยที่มีทะเบียนบ้านในจังหวัดปทุมธานี",
            None,
            None,
            ["ELD.HARDSHIP", "SVC.CASH"],
            ["บัตรประจำตัวประชาชน", "ทะเบียนบ้าน", "หน้าสมุดบัญชีธนาคาร"],
            "025930478",
        ),
    ],
    "บ้านพักเด็กและครอบครัวจังหวัดปทุมธานี": [
        (
            "ที่พักพิงชั่วคราวสำหรับเด็ก สตรี และครอบครัว",
            "Temporary shelter for children, women and families",
            "รับเด็ก สตรี และครอบครัวที่ประสบความรุนแรงเข้าพักชั่วคราว พร้อมดูแลด้านจิตใจและกฎหมาย",
            "เด็ก สตรี และครอบครัวที่ประสบปัญหาความรุนแรง",
            None,
            None,
            ["VIO.DV", "VIO.CHILD", "SVC.SHELTER", "SVC.PROTECT"],
            [],
            "025813440",
        ),
    ],
    "ศูนย์คุ้มครองคนไร้ที่พึ่งจังหวัดปทุมธานี": [
        (
            "คุ้มครองและฟื้นฟูคนไร้ที่พึ่ง",
            "Protection and rehabilitation for the destitute",
            "รับคนไร้ที่พึ่งและคนไร้บ้านเข้ารับการคุ้มครอง ฝึกอาชีพ และทำเอกสารประจำตัว",
            "คนไร้ที่พึ่งอายุ 18 ปีขึ้นไป",
            18,
            None,
            ["HML", "BEG", "SVC.SHELTER", "SVC.JOB", "SVC.DOCS"],
            [],
            "025013250",
        ),
    ],
}


def seed() -> int:
    """Services, locations, opening hours and areas for the demo partners; returns the count."""
    terms = {t.code: t for t in TaxonomyTerm.objects.all()}
    pathum = Province.objects.filter(code="13").first()
    count = 0
    for org_name, rows in SERVICES.items():
        org = Organization.objects.filter(name_th=org_name).first()
        if org is None:
            continue
        shelter = org.kind in (Organization.Kind.SHELTER, Organization.Kind.PROTECTION_CENTER)
        made = []
        for th, en, desc, elig, min_age, max_age, codes, docs, _phone in rows:
            made.append(
                services.service_save(
                    actor=None,
                    fields={
                        "organization": org,
                        "name_th": th,
                        "name_en": en,
                        "description": desc,
                        "eligibility_description": elig,
                        "minimum_age": min_age,
                        "maximum_age": max_age,
                        "fees_description": "ไม่มีค่าใช้จ่าย",
                        "application_process": "ติดต่อผ่านศูนย์ช่วยเหลือสังคม หรือโทรสอบถาม",
                        "languages": ["th"],
                    },
                    terms=[terms[c] for c in codes if c in terms],
                    documents=docs,
                )
            )
            count += 1
        location = services.location_save(
            actor=None,
            organization=org,
            fields={
                "name": org.name_th,
                "address_line": org.address_line or "",
                "subdistrict": org.subdistrict or Subdistrict.objects.filter(code="130201").first(),
                "confidential": shelter,
                "lat": None if shelter else Decimal("14.072200"),
                "lng": None if shelter else Decimal("100.601900"),
            },
            services=made,
            phone=rows[0][8],
        )
        services.schedule_add(
            actor=None,
            location=location,
            days=WEEKDAYS if not shelter else [*WEEKDAYS, "SA", "SU"],
            opens_at=dt.time(8, 30) if not shelter else dt.time(0, 0),
            closes_at=dt.time(16, 30) if not shelter else dt.time(23, 59),
        )
        if pathum is not None:
            for s in made:
                services.service_area_set(actor=None, service=s, provinces=[pathum], districts=[])
    return count
