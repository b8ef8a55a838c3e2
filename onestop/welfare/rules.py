"""The shipped rules (domain.md §5), loaded by a migration. Figures carry the date they were
last verified; sources are the laws and notices they come from."""

from __future__ import annotations

import datetime as dt
from typing import Any


def v(name: str) -> dict[str, str]:
    return {"var": name}


def cond(id_: str, th: str, en: str, expr: Any) -> dict[str, Any]:
    return {"id": id_, "th": th, "en": en, "expr": expr}


THAI = cond("thai", "มีสัญชาติไทย", "Thai nationality", {"==": [v("thai"), True]})
DOMICILE = cond(
    "domicile",
    "มีทะเบียนบ้านในท้องถิ่น",
    "Registered with a local government",
    {"!=": [v("registered_subdistrict"), ""]},
)

# code: (Thai, English, agency, period, sort, documents, how to apply, version fields)
SHIPPED: list[dict[str, Any]] = [
    {
        "code": "old_age_allowance",
        "name_th": "เบี้ยยังชีพผู้สูงอายุ",
        "name_en": "Old-age allowance",
        "agency": "องค์กรปกครองส่วนท้องถิ่น (อบต./เทศบาล)",
        "period": "month",
        "sort": 1,
        "documents": ["บัตรประจำตัวประชาชน", "ทะเบียนบ้าน", "สมุดบัญชีธนาคาร"],
        "how_to_apply": "ลงทะเบียนที่ อบต./เทศบาลตามทะเบียนบ้าน ผู้ที่จะอายุครบ 60 ปีในปีงบประมาณถัดไปลงทะเบียนล่วงหน้าได้ การจ่ายเริ่มตามรอบปีงบประมาณ",
        "source_title": "ระเบียบกระทรวงมหาดไทยว่าด้วยหลักเกณฑ์การจ่ายเงินเบี้ยยังชีพผู้สูงอายุขององค์กรปกครองส่วนท้องถิ่น พ.ศ. 2566",
        "source_url": "https://www.ratchakitcha.soc.go.th/",
        "verified_on": dt.date(2023, 8, 11),
        "effective_from": dt.date(2023, 8, 12),
        "conditions": [
            THAI,
            cond("age", "อายุ 60 ปีบริบูรณ์ขึ้นไป", "Aged 60 or over", {">=": [v("age"), 60]}),
            DOMICILE,
            cond(
                "no_pension",
                "ไม่ได้รับบำนาญหรือสวัสดิการรายเดือนอื่นจากรัฐ",
                "No state pension or similar",
                {"==": [v("receives_pension"), False]},
            ),
        ],
        "amounts": [
            {
                "when": {">=": [v("age"), 90]},
                "amount": 1000,
                "th": "อายุ 90 ปีขึ้นไป",
                "en": "aged 90+",
            },
            {
                "when": {">=": [v("age"), 80]},
                "amount": 800,
                "th": "อายุ 80-89 ปี",
                "en": "aged 80-89",
            },
            {
                "when": {">=": [v("age"), 70]},
                "amount": 700,
                "th": "อายุ 70-79 ปี",
                "en": "aged 70-79",
            },
            {
                "when": {">=": [v("age"), 60]},
                "amount": 600,
                "th": "อายุ 60-69 ปี",
                "en": "aged 60-69",
            },
        ],
    },
    {
        "code": "disability_allowance",
        "name_th": "เบี้ยความพิการ",
        "name_en": "Disability allowance",
        "agency": "องค์กรปกครองส่วนท้องถิ่น (อบต./เทศบาล)",
        "period": "month",
        "sort": 2,
        "documents": ["บัตรประจำตัวคนพิการ", "ทะเบียนบ้าน", "สมุดบัญชีธนาคาร"],
        "how_to_apply": "ลงทะเบียนที่ อบต./เทศบาลตามทะเบียนบ้าน",
        "source_title": "ระเบียบกระทรวงมหาดไทยว่าด้วยการจ่ายเงินเบี้ยความพิการให้คนพิการขององค์กรปกครองส่วนท้องถิ่น",
        "source_url": "https://www.ratchakitcha.soc.go.th/",
        "verified_on": dt.date(2020, 10, 1),
        "effective_from": dt.date(2020, 10, 1),
        "conditions": [
            THAI,
            cond(
                "card",
                "มีบัตรประจำตัวคนพิการ",
                "Holds a disability ID card",
                {"==": [v("has_disability_card"), True]},
            ),
            DOMICILE,
        ],
        "amounts": [
            {
                "when": {
                    "and": [{"<": [v("age"), 18]}, {"==": [v("holds_state_welfare_card"), True]}]
                },
                "amount": 1200,
                "th": "อายุต่ำกว่า 18 ปี รวมเงินเพิ่ม 200 บาทสำหรับผู้ถือบัตรสวัสดิการแห่งรัฐ",
                "en": "under 18, with the +200 welfare-card top-up",
            },
            {
                "when": {"<": [v("age"), 18]},
                "amount": 1000,
                "th": "อายุต่ำกว่า 18 ปี",
                "en": "under 18",
            },
            {
                "when": {"==": [v("holds_state_welfare_card"), True]},
                "amount": 1000,
                "th": "รวมเงินเพิ่ม 200 บาทสำหรับผู้ถือบัตรสวัสดิการแห่งรัฐ",
                "en": "with the +200 welfare-card top-up",
            },
            {
                "when": {">=": [v("age"), 18]},
                "amount": 800,
                "th": "อายุ 18 ปีขึ้นไป",
                "en": "18 or over",
            },
        ],
    },
    {
        "code": "child_support_grant",
        "name_th": "เงินอุดหนุนเพื่อการเลี้ยงดูเด็กแรกเกิด",
        "name_en": "Child support grant",
        "agency": "กรมกิจการเด็กและเยาวชน",
        "period": "month",
        "sort": 3,
        "documents": ["บัตรประจำตัวประชาชนของผู้ปกครอง", "สูติบัตรเด็ก", "แบบรับรองสถานะครัวเรือน"],
        "how_to_apply": "ยื่นที่ อบต./เทศบาล หรือสำนักงานเขต ภายในเวลาที่กำหนด",
        "source_title": "ระเบียบกรมกิจการเด็กและเยาวชนว่าด้วยการจ่ายเงินอุดหนุนเพื่อการเลี้ยงดูเด็กแรกเกิด",
        "source_url": "https://www.dcy.go.th/",
        "verified_on": dt.date(2023, 1, 1),
        "effective_from": dt.date(2023, 1, 1),
        "conditions": [
            cond(
                "children",
                "มีบุตรสัญชาติไทยอายุต่ำกว่า 6 ปีที่ไม่ได้อยู่ในสถานสงเคราะห์",
                "A Thai child under 6, not in an institution",
                {">=": [v("children_eligible"), 1]},
            ),
            cond(
                "income",
                "รายได้ครัวเรือนไม่เกิน 100,000 บาทต่อคนต่อปี",
                "Household income at most 100,000 baht per person per year",
                {"<=": [v("household_income_per_person"), 100000]},
            ),
        ],
        "amounts": [
            {
                "when": None,
                "amount": {"*": [600, v("children_eligible")]},
                "th": "600 บาทต่อเด็กหนึ่งคน",
                "en": "600 per child",
            }
        ],
    },
    {
        "code": "state_welfare_card",
        "name_th": "บัตรสวัสดิการแห่งรัฐ",
        "name_en": "State welfare card",
        "agency": "กระทรวงการคลัง",
        "period": "month",
        "sort": 4,
        "documents": ["บัตรประจำตัวประชาชน"],
        "how_to_apply": "ลงทะเบียนในรอบที่กระทรวงการคลังประกาศ (มีเกณฑ์ทรัพย์สินที่ต้องตรวจสอบเพิ่ม)",
        "source_title": "ประกาศกระทรวงการคลัง เรื่อง การลงทะเบียนเพื่อสวัสดิการแห่งรัฐ พ.ศ. 2565",
        "source_url": "https://welfare.mof.go.th/",
        "verified_on": dt.date(2023, 1, 1),
        "effective_from": dt.date(2022, 9, 1),
        "conditions": [
            THAI,
            cond("adult", "อายุ 18 ปีขึ้นไป", "Aged 18 or over", {">=": [v("age"), 18]}),
            cond(
                "own_income",
                "รายได้ของตนเองไม่เกิน 100,000 บาทต่อปี",
                "Own income at most 100,000 baht a year",
                {"<=": [v("annual_income"), 100000]},
            ),
            cond(
                "household_income",
                "รายได้ครัวเรือนไม่เกิน 100,000 บาทต่อคนต่อปี",
                "Household income at most 100,000 baht per person a year",
                {"<=": [v("household_income_per_person"), 100000]},
            ),
        ],
        "amounts": [
            {
                "when": None,
                "amount": 300,
                "th": "วงเงินซื้อสินค้า 300 บาทต่อเดือน และค่าเดินทาง ค่าก๊าซ",
                "en": "300 a month for purchases, plus transport and gas",
            }
        ],
    },
    {
        "code": "emergency_relief",
        "name_th": "เงินอุดหนุนผู้ประสบปัญหาทางสังคมกรณีฉุกเฉิน",
        "name_en": "Emergency relief",
        "agency": "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด",
        "period": "once",
        "sort": 5,
        "documents": ["บัตรประจำตัวประชาชน", "ผลการประเมินของนักสังคมสงเคราะห์"],
        "how_to_apply": "นักสังคมสงเคราะห์ประเมินและเสนอขอรับเงิน",
        "source_title": "ระเบียบกระทรวงการพัฒนาสังคมฯ ว่าด้วยการจ่ายเงินอุดหนุนผู้ประสบปัญหาทางสังคมกรณีฉุกเฉิน พ.ศ. 2564",
        "source_url": "https://www.m-society.go.th/",
        "verified_on": dt.date(2021, 1, 1),
        "effective_from": dt.date(2021, 1, 1),
        "conditions": [
            cond(
                "crisis",
                "ประสบปัญหาทางสังคมกรณีฉุกเฉิน ตามการประเมินของนักสังคมสงเคราะห์",
                "In an urgent social problem, as assessed by a social worker",
                {"==": [v("in_social_crisis"), True]},
            ),
        ],
        "amounts": [
            {
                "when": None,
                "amount": 3000,
                "th": "ไม่เกิน 3,000 บาทต่อครั้ง",
                "en": "up to 3,000 per case",
            }
        ],
    },
    {
        "code": "low_income_family_relief",
        "name_th": "เงินสงเคราะห์ครอบครัวผู้มีรายได้น้อยและผู้ไร้ที่พึ่ง",
        "name_en": "Low-income family relief",
        "agency": "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด",
        "period": "once",
        "sort": 6,
        "documents": ["บัตรประจำตัวประชาชน", "ทะเบียนบ้าน"],
        "how_to_apply": "ยื่นคำขอที่ศูนย์หรือสำนักงาน พมจ. เจ้าหน้าที่เยี่ยมบ้านและประเมิน",
        "source_title": "ระเบียบกรมพัฒนาสังคมและสวัสดิการว่าด้วยการให้การสงเคราะห์ครอบครัวผู้มีรายได้น้อยและผู้ไร้ที่พึ่ง",
        "source_url": "https://www.dsdw.go.th/",
        "verified_on": dt.date(2021, 1, 1),
        "effective_from": dt.date(2021, 1, 1),
        "conditions": [
            cond(
                "hardship",
                "ครอบครัวประสบความเดือดร้อน หรือเป็นผู้ไร้ที่พึ่ง",
                "A family in hardship, or a destitute person",
                {"==": [v("in_hardship"), True]},
            ),
        ],
        "amounts": [
            {
                "when": None,
                "amount": 3000,
                "th": "ไม่เกิน 3,000 บาทต่อครอบครัวต่อครั้ง",
                "en": "up to 3,000 per family per grant",
            }
        ],
    },
    {
        "code": "elderly_hardship_relief",
        "name_th": "เงินสงเคราะห์ผู้สูงอายุในภาวะยากลำบาก",
        "name_en": "Elderly in hardship relief",
        "agency": "กรมกิจการผู้สูงอายุ",
        "period": "once",
        "sort": 7,
        "documents": ["บัตรประจำตัวประชาชน", "ทะเบียนบ้าน"],
        "how_to_apply": "ยื่นคำขอที่ศูนย์หรือ พมจ. ได้ไม่เกิน 3 ครั้งต่อปี",
        "source_title": "ระเบียบกรมกิจการผู้สูงอายุว่าด้วยการจ่ายเงินสงเคราะห์เพื่อการยังชีพผู้สูงอายุ",
        "source_url": "https://www.dop.go.th/",
        "verified_on": dt.date(2020, 1, 1),
        "effective_from": dt.date(2020, 1, 1),
        "conditions": [
            THAI,
            cond("age", "อายุ 60 ปีบริบูรณ์ขึ้นไป", "Aged 60 or over", {">=": [v("age"), 60]}),
            cond("hardship", "อยู่ในภาวะยากลำบาก", "In distress", {"==": [v("in_hardship"), True]}),
        ],
        "amounts": [
            {
                "when": None,
                "amount": 3000,
                "th": "ไม่เกิน 3,000 บาทต่อครั้ง ไม่เกิน 3 ครั้งต่อปี",
                "en": "up to 3,000 a time, 3 times a year",
            }
        ],
    },
    {
        "code": "elderly_funeral_grant",
        "name_th": "เงินสงเคราะห์จัดการศพผู้สูงอายุตามประเพณี",
        "name_en": "Elderly funeral grant",
        "agency": "กรมกิจการผู้สูงอายุ",
        "period": "once",
        "sort": 8,
        "documents": ["ใบมรณบัตร", "บัตรประจำตัวประชาชนของผู้ยื่น"],
        "how_to_apply": "ญาติหรือผู้จัดการศพยื่นคำขอภายใน 6 เดือนนับแต่วันที่ผู้สูงอายุถึงแก่กรรม",
        "source_title": "ระเบียบกรมกิจการผู้สูงอายุว่าด้วยการจ่ายเงินสงเคราะห์ในการจัดการศพผู้สูงอายุตามประเพณี",
        "source_url": "https://www.dop.go.th/",
        "verified_on": dt.date(2020, 1, 1),
        "effective_from": dt.date(2020, 1, 1),
        "conditions": [
            cond(
                "dead", "ผู้สูงอายุถึงแก่กรรมแล้ว", "The older person has died", {"==": [v("dead"), True]}
            ),
            cond(
                "age",
                "อายุ 60 ปีขึ้นไปเมื่อถึงแก่กรรม",
                "Aged 60 or over at death",
                {">=": [v("age_at_death"), 60]},
            ),
            cond("poor", "ผู้ตายเป็นผู้ยากจน", "The deceased was poor", {"==": [v("poor"), True]}),
            cond(
                "relatives",
                "ไม่มีญาติหรือญาติยากจน",
                "No relatives, or poor relatives",
                {"==": [v("relatives_poor_or_none"), True]},
            ),
            cond(
                "in_time",
                "ยื่นภายใน 6 เดือนนับแต่วันถึงแก่กรรม",
                "Claimed within 6 months of the death",
                {"<": [v("months_since_death"), 6]},
            ),
        ],
        "amounts": [{"when": None, "amount": 3000, "th": "3,000 บาท", "en": "3,000 baht"}],
    },
]
