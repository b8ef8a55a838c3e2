"""A data subject's copy for a person with 50 cases (issue 11): the JSON and the Thai PDF.

    make bench-dsar

Builds (once) in var/bench/dsar.sqlite3, or the database in DATABASE_URL, a person who is the
client in 50 cases, each shared with another client, with 20 notes, 2 referrals, 2 home-visit
reports, an assessment and the audit entries of their reads; then times the export the data
protection officer downloads (``privacy.services.dsar_export``: gathering, redaction, JSON or
PDF, the audit entry), five times each. Target: under one minute.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onestop.settings")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
(ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench' / 'dsar.sqlite3'}")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

CASES = 50
NOTES = 20
TARGET_S = 60.0


def build() -> object:
    from onestop.accounts import services as accounts
    from onestop.audit.models import AuditEntry
    from onestop.cases.models import Assessment, Case, CaseClient, Note
    from onestop.centers.models import Center
    from onestop.directory import services as directory
    from onestop.directory.models import Service
    from onestop.intake.models import Category
    from onestop.persons import services as persons
    from onestop.referrals.models import Referral
    from onestop.volunteers.models import Visit

    center = Center.objects.create(code="DSAR", name_th="ศูนย์ทดสอบคำขอ")
    sw = accounts.user_create(
        actor=None,
        username="dsar.sw",
        password=None,
        center=center,
        roles=["social_worker"],
        first_name="นักสังคม",
        last_name="ทดสอบ",
    )
    accounts.user_create(
        actor=None,
        username="dsar.dpo",
        password=None,
        center=center,
        roles=["dpo"],
        first_name="เจ้าหน้าที่",
        last_name="คุ้มครองข้อมูล",
    )

    def person(given: str, family: str) -> object:
        return persons.person_create(
            actor=sw,
            center=center,
            data=persons.NewPerson(
                {"given_name": given, "family_name": family, "citizenship_status": "thai"}
            ),
            duplicate_reason="bench",
        )

    subject = person("บุญมี", "มีสุข")
    org = directory.organization_create(
        actor=None, name_th="โรงพยาบาลทดสอบ", name_en="Bench hospital", kind="hospital"
    )
    service = Service.objects.create(
        organization=org, name_th="สังคมสงเคราะห์การแพทย์", name_en="Bench"
    )
    category = Category.objects.get(code="ELD.ALONE")
    now = timezone.now()
    for i in range(CASES):
        other = person(f"ญาติ{i}", "ใจดี")
        case = Case.objects.create(
            center=center,
            number=f"DS-{i:04d}",
            title=f"ผู้สูงอายุอยู่ลำพัง {i}",
            category=category,
            summary="บุญมีอยู่กับญาติ ต้องการผู้ดูแล",
            opened_at=now - dt.timedelta(days=400 - i),
            opened_by=sw,
            worker=sw,
            status="under_assessment",
        )
        client = CaseClient.objects.create(case=case, person=subject, role="client")
        CaseClient.objects.create(case=case, person=other, role="client")
        Assessment.objects.create(case=case, needs=f"ญาติ{i} ใจดี ช่วยดูแลไม่ได้ทุกวัน", author=sw)
        Note.objects.bulk_create(
            Note(
                case=case,
                kind="home_visit",
                text=f"เยี่ยมบ้าน ญาติ{i} อยู่ด้วย บ้านสะอาด " * 5,
                happened_on=now.date() - dt.timedelta(days=n),
                author=sw,
            )
            for n in range(NOTES)
        )
        for n in range(2):
            Referral.objects.create(
                center=center,
                case=case,
                number=f"DS-R{i:04d}-{n}",
                organization=org,
                service=service,
                reason="ขอประเมินสิทธิการรักษา",
                due=now.date(),
                status="accepted",
                created_by=sw,
                sent_at=now,
            )
            Visit.objects.create(
                center=center,
                case=case,
                client=client,
                requested_by=sw,
                client_first_name="บุญมี",
                address_text="12 หมู่ 3",
                subdistrict_id="130201",
                checklist=["อาหาร"],
                due=now.date(),
                status="reported",
                report=f"พบญาติ{i} ใจดี ที่บ้าน",
            )
        AuditEntry.objects.bulk_create(
            AuditEntry(
                actor=sw,
                actor_label="dsar.sw",
                center=center,
                kind="read",
                action="cases.case.viewed",
                object_type="cases.case",
                object_id=str(case.pk),
                object_repr=case.number,
            )
            for _ in range(10)
        )
    return subject


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    from onestop.accounts.models import User
    from onestop.persons.models import Person
    from onestop.privacy import services

    with scopes_disabled():
        subject = Person.objects.filter(center__code="DSAR", given_name="บุญมี").first()
        if subject is None:
            started = time.perf_counter()
            with transaction.atomic():  # all of it or nothing: a half-built person is no test
                subject = build()
            print(f"built in {time.perf_counter() - started:.0f} s")
        dpo = User.objects.get(username="dsar.dpo")
        request = services.dsar_record(
            actor=dpo, kind="access", requester_name="บุญมี มีสุข", requester_contact="081"
        )
        services.dsar_verify(actor=dpo, request=request, method="บัตรประชาชน", person=subject)  # type: ignore[arg-type]
        services.dsar_decide(actor=dpo, request=request, decision="granted", reason="")
        print(
            f"machine: {os.cpu_count()} cores; database: {connection.vendor}; {timezone.localdate()}"
        )
        for fmt in ("json", "pdf"):
            times = []
            for _ in range(5):
                started = time.perf_counter()
                body = services.dsar_export(actor=dpo, request=request, fmt=fmt)
                times.append(time.perf_counter() - started)
            verdict = "met" if max(times) <= TARGET_S else "MISSED"
            print(
                f"{CASES} cases, {fmt}: median {statistics.median(times):.2f} s, "
                f"max {max(times):.2f} s, {len(body) // 1024} KiB   target < {TARGET_S:.0f} s: {verdict}"
            )


if __name__ == "__main__":
    main()
