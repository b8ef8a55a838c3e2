"""Demo events for `make run`: an open forum and a full training session with a waitlist."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from onestop.accounts.models import User
from onestop.centers.models import Center
from onestop.events import services


def seed(center: Center, organiser: User) -> None:
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    forum = services.event_create(
        actor=organiser,
        center=center,
        data=services.EventInput(
            title="เวทีเสวนา: สิทธิผู้สูงอายุในชุมชนคลองหลวง",
            kind="forum",
            starts_at=dt.datetime.combine(today + dt.timedelta(days=10), dt.time(9), tzinfo=tz),
            ends_at=dt.datetime.combine(today + dt.timedelta(days=10), dt.time(12), tzinfo=tz),
            capacity=80,
            organiser="ศูนย์ช่วยเหลือสังคม มหาวิทยาลัยธรรมศาสตร์",
            partners="สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดปทุมธานี",
            place="ห้องประชุม อาคารโดมบริหาร ศูนย์รังสิต",
            audience="ผู้สูงอายุ ญาติ และ อพม.",
        ),
    )
    training = services.event_create(
        actor=organiser,
        center=center,
        data=services.EventInput(
            title="อบรมการเยี่ยมบ้านสำหรับอาสาสมัคร",
            kind="training",
            starts_at=dt.datetime.combine(today + dt.timedelta(days=5), dt.time(13), tzinfo=tz),
            ends_at=dt.datetime.combine(today + dt.timedelta(days=5), dt.time(16), tzinfo=tz),
            capacity=2,
            organiser="ศูนย์ช่วยเหลือสังคม มหาวิทยาลัยธรรมศาสตร์",
            place="ห้องเรียน SC1001",
            audience="อพม. และอาสาสมัครนักศึกษา",
        ),
    )
    for n, (name, event) in enumerate(
        [
            ("นางบุญเรือน ทองดี", forum),
            ("นายสมบัติ ใจกว้าง", training),
            ("นางสาวอรุณี แสงจันทร์", training),
            ("นายวิชัย มั่นคง", training),
        ]
    ):
        services.register(
            event=event,
            data=services.RegistrationInput(name=name, email=f"demo{n}@example.org", consent=True),
        )
