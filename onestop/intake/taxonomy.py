"""The problem taxonomy (domain.md §3) and the starting risk lexicon, loaded by migrations.

Both are data: after the first migrate they are edited in the admin, not here.
"""

from __future__ import annotations

from typing import Any

# (code, parent, Thai, English, plain Thai for the public form, 1300 issue)
CATEGORIES: list[tuple[str, str | None, str, str, str, str]] = [
    ("VIO", None, "ความรุนแรง", "Violence", "ถูกทำร้าย ถูกข่มขู่ หรือถูกกักขัง", "O1"),
    ("VIO.DV", "VIO", "ความรุนแรงในครอบครัว", "Domestic violence", "", "O1"),
    ("VIO.CHILD", "VIO", "การทารุณกรรมเด็ก", "Child abuse", "", "O1"),
    ("VIO.ELDER", "VIO", "การทารุณกรรมผู้สูงอายุ", "Elder abuse", "", "O1"),
    ("VIO.SEX", "VIO", "ความรุนแรงทางเพศ", "Sexual violence", "", "O1"),
    ("VIO.EXT", "VIO", "ความรุนแรงนอกครอบครัว", "Violence outside the family", "", "O1"),
    ("VIO.THREAT", "VIO", "การข่มขู่หรือกักขัง", "Threats or confinement", "", "O1"),
    (
        "PRG",
        None,
        "การตั้งครรภ์ไม่พร้อม",
        "Unplanned pregnancy",
        "ตั้งครรภ์ไม่พร้อม หรือกังวลว่าจะมีการทิ้งเด็ก",
        "O2",
    ),
    ("PRG.TEEN", "PRG", "การตั้งครรภ์ในวัยรุ่น", "Teen pregnancy", "", "O2"),
    ("PRG.ABANDON", "PRG", "เสี่ยงทอดทิ้งทารก", "Risk of abandoning an infant", "", "O2"),
    (
        "TIP",
        None,
        "การค้ามนุษย์",
        "Human trafficking",
        "ถูกบังคับทำงาน ถูกหลอกไปค้าประเวณี หรือถูกบังคับขอทาน",
        "O3",
    ),
    ("TIP.LABOUR", "TIP", "บังคับใช้แรงงานหรือแรงงานเด็ก", "Forced or child labour", "", "O3"),
    ("TIP.SEXEXP", "TIP", "แสวงประโยชน์ทางเพศ", "Sexual exploitation", "", "O3"),
    ("TIP.BEG", "TIP", "บังคับขอทาน", "Forced begging", "", "O3"),
    ("DRG", None, "ผู้ได้รับผลกระทบจากยาเสพติด", "Affected by drugs", "ปัญหาจากยาเสพติด", "O4"),
    ("HML", None, "คนไร้ที่พึ่ง/คนไร้บ้าน", "Destitute or homeless", "ไม่มีที่อยู่ ไม่มีคนดูแล", "O5"),
    ("HML.STREET", "HML", "คนไร้บ้านที่นอนในที่สาธารณะ", "Rough sleeper", "", "O5"),
    ("HML.NOCARER", "HML", "ไม่มีผู้ดูแล", "No carer", "", "O5"),
    ("BEG", None, "ขอทาน", "Begging", "พบคนขอทาน", "O6"),
    ("BEG.THAI", "BEG", "ผู้ทำการขอทานสัญชาติไทย", "Thai beggar", "", "O6"),
    ("BEG.FOREIGN", "BEG", "ผู้ทำการขอทานต่างชาติ", "Foreign beggar", "", "O6"),
    (
        "CHY",
        None,
        "เด็กและเยาวชน",
        "Children and youth",
        "เด็กหรือเยาวชนไม่มีคนดูแล หรือมีพฤติกรรมเสี่ยง",
        "O7",
    ),
    ("CHY.NOCARE", "CHY", "เด็กไม่มีผู้ดูแล", "Child without carer", "", "O7"),
    ("CHY.CARE", "CHY", "เด็กได้รับการเลี้ยงดูไม่เหมาะสม", "Inappropriate care", "", "O7"),
    ("CHY.RISK", "CHY", "เด็กมีพฤติกรรมเสี่ยงหรือออกกลางคัน", "Risk behaviour or dropout", "", "O7"),
    ("CHY.PLACEMENT", "CHY", "ต้องการที่พักพิงหรือครอบครัวทดแทน", "Placement", "", "O7"),
    ("MIS", None, "บุคคลสูญหาย", "Missing or lost person", "คนหาย หรือพบคนหลงทาง", "O8"),
    ("ELD", None, "ผู้สูงอายุ", "Elderly", "ผู้สูงอายุอยู่ลำพัง ติดเตียง หรือลำบาก", "O9"),
    ("ELD.ALONE", "ELD", "ผู้สูงอายุอยู่ลำพัง", "Elderly living alone", "", "O9"),
    ("ELD.BEDRIDDEN", "ELD", "ผู้สูงอายุติดเตียง", "Bedridden elderly", "", "O9"),
    ("ELD.HARDSHIP", "ELD", "ผู้สูงอายุในภาวะยากลำบาก", "Elderly in hardship", "", "O9"),
    ("DIS", None, "คนพิการ", "Disability", "คนพิการต้องการความช่วยเหลือ", "O10"),
    ("DIS.NOCARD", "DIS", "ไม่มีบัตรประจำตัวคนพิการ", "No disability card", "", "O10"),
    ("DIS.DEVICE", "DIS", "ต้องการกายอุปกรณ์", "Needs a device", "", "O10"),
    ("DIS.CARE", "DIS", "ไม่มีผู้ดูแล", "No carer", "", "O10"),
    ("POV", None, "ความยากจน/รายได้", "Poverty and income", "ไม่มีรายได้ มีหนี้ หรือขาดของจำเป็น", ""),
    ("POV.INCOME", "POV", "ไม่มีรายได้", "No income", "", ""),
    ("POV.DEBT", "POV", "หนี้สิน", "Debt", "", ""),
    ("POV.BASICNEEDS", "POV", "ขาดปัจจัยพื้นฐาน", "Lacks basic needs", "", ""),
    ("HOU", None, "ที่อยู่อาศัย", "Housing", "บ้านไม่ปลอดภัย หรือถูกไล่ที่", ""),
    ("HOU.UNSAFE", "HOU", "ที่อยู่อาศัยไม่ปลอดภัย", "Unsafe home", "", ""),
    ("HOU.EVICT", "HOU", "ถูกไล่ที่", "Eviction", "", ""),
    ("FAM", None, "ความสัมพันธ์ในครอบครัว", "Family conflict", "ปัญหาในครอบครัว", ""),
    ("HLT", None, "สุขภาพ", "Health", "ปัญหาสุขภาพกายหรือใจ", ""),
    ("HLT.MH", "HLT", "สุขภาพจิต", "Mental health", "", ""),
    ("HLT.SUICIDE", "HLT", "เสี่ยงฆ่าตัวตาย", "Suicide risk", "", ""),
    ("HLT.CHRONIC", "HLT", "ป่วยเรื้อรังหรือค่ารักษาพยาบาล", "Chronic illness or medical costs", "", ""),
    ("DSR", None, "ภัยพิบัติ", "Disaster", "ได้รับผลกระทบจากภัยพิบัติ", ""),
    (
        "STA",
        None,
        "สถานะบุคคล/เอกสาร",
        "Legal status and documents",
        "ไม่มีบัตร ไม่มีสัญชาติ หรือเอกสารหาย",
        "",
    ),
    ("RGT", None, "สอบถามสิทธิ", "Welfare-rights inquiry", "สอบถามสิทธิสวัสดิการ", ""),
    ("CMP", None, "ร้องเรียน", "Complaint", "ร้องเรียน", ""),
    ("OTH", None, "อื่นๆ", "Other", "เรื่องอื่น ๆ", ""),
]

# (term, urgency, risk flag, category)
LEXICON: list[tuple[str, str, str, str]] = [
    ("ฆ่าตัวตาย", "most_urgent", "suicide", "HLT.SUICIDE"),
    ("อยากตาย", "most_urgent", "suicide", "HLT.SUICIDE"),
    ("ผูกคอ", "most_urgent", "suicide", "HLT.SUICIDE"),
    ("กินยาเกินขนาด", "most_urgent", "suicide", "HLT.SUICIDE"),
    ("ซึมเศร้า", "urgent", "suicide", "HLT.MH"),
    ("ข่มขืน", "most_urgent", "sexual_abuse", "VIO.SEX"),
    ("ล่วงละเมิดทางเพศ", "most_urgent", "sexual_abuse", "VIO.SEX"),
    ("อนาจาร", "urgent", "sexual_abuse", "VIO.SEX"),
    ("ทำร้ายร่างกาย", "most_urgent", "harm_others", "VIO.DV"),
    ("ทำร้าย", "urgent", "harm_others", "VIO"),
    ("ทุบตี", "urgent", "harm_others", "VIO.DV"),
    ("ตบตี", "urgent", "harm_others", "VIO.DV"),
    ("ขู่ฆ่า", "most_urgent", "crime", "VIO.THREAT"),
    ("กักขัง", "most_urgent", "crime", "VIO.THREAT"),
    ("ขังไว้", "most_urgent", "crime", "VIO.THREAT"),
    ("ค้ามนุษย์", "most_urgent", "trafficking", "TIP"),
    ("บังคับค้าประเวณี", "most_urgent", "trafficking", "TIP.SEXEXP"),
    ("ทิ้งเด็ก", "most_urgent", "abandonment", "PRG.ABANDON"),
    ("ทิ้งลูก", "most_urgent", "abandonment", "PRG.ABANDON"),
    ("เด็กถูกทิ้ง", "most_urgent", "abandonment", "CHY.NOCARE"),
    ("ทำแท้ง", "urgent", "abandonment", "PRG"),
    ("ท้องไม่พร้อม", "urgent", "abandonment", "PRG"),
    ("ยาเสพติด", "urgent", "addiction", "DRG"),
    ("ยาบ้า", "urgent", "addiction", "DRG"),
    ("คลุ้มคลั่ง", "most_urgent", "mental", "HLT.MH"),
    ("จิตเวช", "urgent", "mental", "HLT.MH"),
    ("หนีออกจากบ้าน", "urgent", "runaway", "CHY.RISK"),
    ("ไม่มีข้าวกิน", "urgent", "", "POV.BASICNEEDS"),
    ("อดอาหาร", "urgent", "", "POV.BASICNEEDS"),
    ("นอนข้างถนน", "urgent", "", "HML.STREET"),
    ("ถูกทอดทิ้ง", "urgent", "care", "HML.NOCARER"),
    ("ติดเตียง", "urgent", "care", "ELD.BEDRIDDEN"),
    ("ขอทาน", "normal", "", "BEG"),
    ("เอชไอวี", "normal", "communicable", "HLT.CHRONIC"),
]


def seed(category_model: Any, lexicon_model: Any) -> None:
    """Insert missing categories and lexicon terms. Takes the model classes so that a data
    migration can pass its historical models; existing rows (maybe edited) are left alone."""
    for sort, (code, parent, th, en, plain, issue) in enumerate(CATEGORIES):
        category_model.objects.get_or_create(
            code=code,
            defaults={
                "parent_id": parent,
                "name_th": th,
                "name_en": en,
                "plain_th": plain,
                "hotline_issue": issue,
                "sort": sort,
            },
        )
    for term, urgency, flag, category in LEXICON:
        lexicon_model.objects.get_or_create(
            term=term, defaults={"urgency": urgency, "flag": flag, "category_id": category}
        )
