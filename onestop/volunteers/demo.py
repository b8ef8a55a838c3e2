"""Demo volunteers for `make run`: the demo "volunteer" login is an active student อพม. with a
card and a visit waiting for an answer; two more are active, one applicant waits for review."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from onestop.accounts.models import User
from onestop.centers.models import Center
from onestop.volunteers import hours, services, visits
from onestop.volunteers.models import Volunteer

PEOPLE = [
    # username or "", type, title, given, family, birth, phone, area, skills, languages, days
    (
        "volunteer",
        "aso",
        "mr",
        "อนุชา",
        "บุญมา",
        (2003, 6, 2),
        "0812000001",
        "130201",
        ["elderly_care", "first_aid"],
        ["th", "en"],
        ["sat", "sun"],
    ),
    (
        "",
        "aso",
        "mrs",
        "สมศรี",
        "ทองดี",
        (1970, 1, 15),
        "0812000002",
        "130202",
        ["children", "counselling"],
        ["th", "isan"],
        ["mon", "wed", "fri"],
    ),
    (
        "",
        "student",
        "miss",
        "ปวีณา",
        "แสงทอง",
        (2005, 9, 9),
        "0812000003",
        "130201",
        ["paperwork", "sign_language"],
        ["th", "my"],
        ["tue", "thu"],
    ),
]


def _photo(seed: int) -> SimpleUploadedFile:
    image = Image.new("RGB", (300, 390), (225, 232, 240))
    draw = ImageDraw.Draw(image)
    draw.ellipse((95, 60, 205, 170), fill=(150 + seed * 20, 120, 100))
    draw.rectangle((70, 190, 230, 390), fill=(40, 80 + seed * 30, 140))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return SimpleUploadedFile(f"demo{seed}.jpg", out.getvalue(), "image/jpeg")


def seed(center: Center, coordinator: User, case_access: object | None = None) -> list[Volunteer]:
    today = timezone.localdate()
    out = []
    for i, (
        username,
        vtype,
        title,
        given,
        family,
        birth,
        phone,
        area,
        skills,
        langs,
        days,
    ) in enumerate(PEOPLE):
        v = services.volunteer_apply(
            center=center,
            data=services.ApplicationInput(
                type_code=vtype,
                title=title,
                given_name=given,
                family_name=family,
                birth_date=dt.date(*birth),
                phone=phone,
                address_text=f"{10 + i} หมู่ {i + 1}",
                home_subdistrict_code=area,
                area_subdistrict_code=area,
                emergency_name="ญาติ " + family,
                emergency_phone="0899000000",
                consent=True,
                national_id=["1101700230708", "3100600012348", "1103700012346"][i],
                student_id="6501234567" if vtype == "student" else "",
                faculty="คณะสังคมสงเคราะห์ศาสตร์" if vtype == "student" else "",
                skills=skills,
                languages=langs,
                availability=days,
            ),
            photo=_photo(i),
        )
        if vtype == "aso":
            services.training_record_add(
                actor=coordinator,
                volunteer=v,
                course_code="ASO-BASIC",
                title="หลักสูตรพื้นฐาน อพม.",
                hours=Decimal(18),
                completed_on=today - dt.timedelta(days=60 + i),
            )
        services.volunteer_review(
            actor=coordinator,
            volunteer=v,
            decision="approve",
            registration_number=f"{41 + i:04d}/2568" if vtype == "aso" else "",
        )
        services.card_issue(actor=coordinator, volunteer=v)
        if username:
            v.user = User.objects.get(username=username)
            v.save(update_fields=["user"])
            hours.hours_report(
                actor=v.user,
                volunteer=v,
                day=today - dt.timedelta(days=3),
                hours=Decimal(4),
                activity="ช่วยจัดเวทีประชาคมเรื่องผู้สูงอายุ",
            )
        out.append(v)
    services.volunteer_apply(
        center=center,
        data=services.ApplicationInput(
            type_code="aso",
            title="mr",
            given_name="ธนวัฒน์",
            family_name="ใจงาม",
            birth_date=dt.date(2001, 3, 3),
            phone="0812000009",
            address_text="5 หมู่ 9",
            home_subdistrict_code="130203",
            area_subdistrict_code="130201",
            emergency_name="นางใจ ใจงาม",
            emergency_phone="0899000009",
            consent=True,
            national_id="1100400012348",
            skills=["driving"],
            languages=["th"],
            availability=["sat"],
        ),
        photo=_photo(4),
    )
    return out


def seed_visit(worker: User, access: object, client: object, volunteer: Volunteer) -> None:
    """A visit on a demo case, offered to the demo volunteer."""
    visit = visits.visit_request(
        actor=worker,
        access=access,  # type: ignore[arg-type]
        client=client,  # type: ignore[arg-type]
        address_text="12 หมู่ 3 ซอยร่วมใจ",
        subdistrict_code="130201",
        checklist=["มีอาหารพอไหม", "ยาที่กินอยู่และนัดหมอ", "ใครช่วยดูแลในแต่ละวัน"],
        due=timezone.localdate() + dt.timedelta(days=3),
        skills_needed=["elderly_care"],
        lat=Decimal("14.072000"),
        lng=Decimal("100.621000"),
    )
    visits.visit_offer(actor=worker, visit=visit, volunteer=volunteer)
