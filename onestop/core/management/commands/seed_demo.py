"""Load the Thai demo center (Thammasat) if the database has no center yet.

Every name, phone and address below is fictional, except the public names of the university's
units and the ministry's offices, which the demo refers cases to.
"""

from __future__ import annotations

import io
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django_scopes import scopes_disabled

from onestop.accounts import services as accounts
from onestop.accounts import two_factor
from onestop.accounts.capabilities import SECOND_FACTOR_CAPABILITIES
from onestop.accounts.models import User
from onestop.centers import services as centers
from onestop.centers.models import Center
from onestop.directory import services as directory
from onestop.directory.models import Organization
from onestop.geo.models import Subdistrict

DEMO_PASSWORD = "onestop-demo-2568"  # noqa: S105 - printed on purpose; demo only

ORGANIZATIONS = [
    ("โรงพยาบาลธรรมศาสตร์เฉลิมพระเกียรติ", "Thammasat University Hospital", "hospital", "130201"),
    (
        "คณะสังคมสงเคราะห์ศาสตร์ มหาวิทยาลัยธรรมศาสตร์",
        "Faculty of Social Administration, Thammasat University",
        "faculty",
        "130201",
    ),
    (
        "คณะแพทยศาสตร์ มหาวิทยาลัยธรรมศาสตร์",
        "Faculty of Medicine, Thammasat University",
        "faculty",
        "130201",
    ),
    (
        "คณะพยาบาลศาสตร์ มหาวิทยาลัยธรรมศาสตร์",
        "Faculty of Nursing, Thammasat University",
        "faculty",
        "130201",
    ),
    (
        "คณะสาธารณสุขศาสตร์ มหาวิทยาลัยธรรมศาสตร์",
        "Faculty of Public Health, Thammasat University",
        "faculty",
        "130201",
    ),
    (
        "คณะสหเวชศาสตร์ มหาวิทยาลัยธรรมศาสตร์",
        "Faculty of Allied Health Sciences, Thammasat University",
        "faculty",
        "130201",
    ),
    (
        "วิทยาลัยพัฒนศาสตร์ ป๋วย อึ๊งภากรณ์",
        "Puey Ungphakorn School of Development Studies",
        "faculty",
        "130201",
    ),
    (
        "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดปทุมธานี",
        "Pathum Thani Provincial Office of Social Development and Human Security",
        "provincial_office",
        "130101",
    ),
    (
        "บ้านพักเด็กและครอบครัวจังหวัดปทุมธานี",
        "Pathum Thani Children and Family Shelter",
        "shelter",
        "130101",
    ),
    (
        "ศูนย์คุ้มครองคนไร้ที่พึ่งจังหวัดปทุมธานี",
        "Pathum Thani Protection Center for the Destitute",
        "protection_center",
        "130401",
    ),
    ("ศูนย์ช่วยเหลือสังคม สายด่วน 1300", "Social Assistance Center Hotline 1300", "center", None),
]

# (username, prefix, first, last, position, roles, team index or None, organisation index or None)
TU_STAFF = [
    ("intake", "นางสาว", "พรทิพย์", "ใจดี", "เจ้าหน้าที่รับเรื่อง", ["intake_officer"], 0, None),
    ("socialworker", "นาย", "สมชาย", "รักษ์ถิ่น", "นักสังคมสงเคราะห์", ["social_worker"], 1, None),
    ("socialworker2", "นางสาว", "วราภรณ์", "มั่นคง", "นักสังคมสงเคราะห์", ["social_worker"], 2, None),
    ("supervisor", "นาง", "กนกวรรณ", "ศรีสุข", "หัวหน้านักสังคมสงเคราะห์", ["supervisor"], 1, None),
    ("centeradmin", "นาย", "ธนากร", "วงศ์ใหญ่", "ผู้ดูแลระบบของศูนย์", ["center_admin"], None, None),
    ("coordinator", "นางสาว", "ปิยะนุช", "แก้วมณี", "ผู้ประสานงานเครือข่าย", ["coordinator"], None, None),
    ("volunteer", "นาย", "อนุชา", "บุญมา", "อาสาสมัคร (นักศึกษา)", ["volunteer"], None, None),
    ("partner", "แพทย์หญิง", "ณัฐธิดา", "ชัยวัฒน์", "แพทย์ประจำโรงพยาบาล", ["partner_staff"], None, 0),
    ("researcher", "ผศ.ดร.", "วีระพงษ์", "ทองคำ", "นักวิจัย", ["researcher"], None, None),
    ("dpo", "นางสาว", "ศิริพร", "อินทร์แก้ว", "เจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคล", ["dpo"], None, None),
]
TU_TEAMS = [
    ("ทีมรับเรื่องและคัดกรอง", "รับเรื่องจากสายด่วน เว็บไซต์ LINE และผู้ที่มาติดต่อด้วยตนเอง"),
    ("ทีมสังคมสงเคราะห์ 1", "ดูแลเคสเด็ก เยาวชน และครอบครัว"),
    ("ทีมสังคมสงเคราะห์ 2", "ดูแลเคสผู้สูงอายุ คนพิการ และคนไร้ที่พึ่ง"),
]


DEMO_PERSONS = 400


class Command(BaseCommand):
    help = "Load the Thai demo center if the database has no center yet, and print demo logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quiet-logins", action="store_true", help="do not print the logins")

    def handle(self, *args: Any, quiet_logins: bool = False, **options: Any) -> None:
        with scopes_disabled():
            if Center.objects.exists():
                self.stdout.write("Demo data: the database already has a center; nothing loaded.")
            else:
                self._load()
                self.stdout.write(
                    self.style.SUCCESS("Demo data: loaded the Thammasat demo center.")
                )
        if not quiet_logins:
            self._print_logins()

    @transaction.atomic
    def _load(self) -> None:
        self._load_data()
        # Demo accounts that see cases sign in with two steps, as in production: each gets an
        # authenticator whose secret is printed with the logins (add it to a phone's app, or
        # run `manage.py totp_code USERNAME`).
        for user in User.objects.filter(is_active=True):
            if any(user.can(c) for c in SECOND_FACTOR_CAPABILITIES):
                two_factor.demo_device(user)

    def _load_data(self) -> None:
        sub = Subdistrict.objects.filter
        orgs = [
            directory.organization_create(
                actor=None,
                name_th=th,
                name_en=en,
                kind=kind,
                subdistrict=sub(code=code).first() if code else None,
            )
            for th, en, kind, code in ORGANIZATIONS
        ]
        tu = Center.objects.create(
            code="TU",
            name_th="ศูนย์ช่วยเหลือสังคม มหาวิทยาลัยธรรมศาสตร์ ศูนย์รังสิต",
            name_en="Thammasat University Social Assistance Center, Rangsit",
            address_line="99 หมู่ 18 ถนนพหลโยธิน",
            subdistrict=sub(code="130201").first(),
            phone="+6620000000",
        )
        lampang = Center.objects.create(
            code="TULP",
            name_th="ศูนย์ช่วยเหลือสังคม มหาวิทยาลัยธรรมศาสตร์ ศูนย์ลำปาง",
            name_en="Thammasat University Social Assistance Center, Lampang",
            address_line="248 หมู่ 2 ถนนลำปาง-เชียงใหม่",
            subdistrict=sub(district__province__code="52").first(),
        )
        sysadmin = accounts.user_create(
            actor=None,
            username="sysadmin",
            password=DEMO_PASSWORD,
            center=None,
            roles=["system_admin"],
            first_name="ผู้ดูแล",
            last_name="ระบบ",
            is_staff=True,
            is_superuser=True,
        )
        teams = [
            centers.team_create(actor=sysadmin, center=tu, name=n, description=d)
            for n, d in TU_TEAMS
        ]
        for username, prefix, first, last, position, roles, team, org in TU_STAFF:
            accounts.user_create(
                actor=sysadmin,
                username=username,
                password=DEMO_PASSWORD,
                center=tu,
                roles=roles,
                team=teams[team] if team is not None else None,
                organization=orgs[org] if org is not None else None,
                name_prefix=prefix,
                first_name=first,
                last_name=last,
                position=position,
            )
        lp_team = centers.team_create(actor=sysadmin, center=lampang, name="ทีมสังคมสงเคราะห์ลำปาง")
        accounts.user_create(
            actor=sysadmin,
            username="lampang.admin",
            password=DEMO_PASSWORD,
            center=lampang,
            roles=["center_admin"],
            name_prefix="นาย",
            first_name="ประเสริฐ",
            last_name="คำแสน",
        )
        accounts.user_create(
            actor=sysadmin,
            username="lampang.sw",
            password=DEMO_PASSWORD,
            center=lampang,
            team=lp_team,
            roles=["social_worker"],
            name_prefix="นางสาว",
            first_name="จันทร์เพ็ญ",
            last_name="ปัญญาดี",
        )
        assert Organization.objects.count() == len(ORGANIZATIONS)
        from onestop.directory import demo as directory_demo

        # The Lampang center receives referrals and transfers from Rangsit.
        lampang_org = directory.organization_create(
            actor=None, name_th=lampang.name_th, name_en=lampang.name_en, kind="center"
        )
        lampang_org.center = lampang
        lampang_org.save(update_fields=["center"])
        directory.service_save(
            actor=None,
            fields={
                "organization": lampang_org,
                "name_th": "รับส่งต่อและรับโอนเคสจากศูนย์อื่น",
                "description": "ดูแลต่อผู้รับบริการที่ย้ายมาอยู่ในจังหวัดลำปาง",
            },
        )
        directory_demo.seed()
        self._population(tu)
        self._cases(tu)
        self._research()

    def _research(self) -> None:
        """An approved action-research project, so the researcher login can build an extract."""
        import datetime as dt

        from django.utils import timezone

        from onestop.research import services as research

        project = research.project_create(
            actor=User.objects.get(username="researcher"),
            title="คุณภาพชีวิตผู้สูงอายุที่อยู่ลำพังในพื้นที่รังสิต",
            purpose="วิจัยเชิงปฏิบัติการ: ติดตามผลคุณภาพชีวิตก่อนและหลังรับบริการ",
            ethics_committee="คณะกรรมการจริยธรรมการวิจัยในคน มหาวิทยาลัยธรรมศาสตร์ ชุดที่ 3",
            ethics_number="COA 045/2569",
            ethics_expires=timezone.localdate() + dt.timedelta(days=365),
            datasets=["cases", "persons", "referrals", "outcomes", "visits"],
        )
        research.project_decide(
            actor=User.objects.get(username="centeradmin"), project=project, approve=True, reason=""
        )

    def _cases(self, center: Center) -> None:
        """A caseload to work on: one waiting for a worker, one under assessment, one with an
        approved plan and a confidential note, one child case with a reporting duty, one held by
        the other team (for break-glass) and one closed."""
        import datetime as dt

        from django.utils import timezone

        from onestop.cases import services as cases
        from onestop.cases.access import access_for
        from onestop.intake.models import Category
        from onestop.persons.models import Person

        def user(name: str) -> User:
            return User.objects.get(username=name)

        sw, sw2, sup = user("socialworker"), user("socialworker2"), user("supervisor")
        today = timezone.localdate()
        adults = Person.objects.filter(center=center, is_active=True, birth_date__year__lt=1960)
        children = Person.objects.filter(center=center, is_active=True, birth_date__year__gt=2012)
        elders = list(adults.order_by("pk")[:4])
        child = children.order_by("pk").first()

        def open_(who: User, person: Person, title: str, code: str, **kw: Any) -> Any:
            return cases.case_open(
                actor=who,
                center=center,
                title=title,
                category=Category.objects.get(code=code),
                clients=[cases.ClientInput(person)],
                **kw,
            )

        open_(sw, elders[0], "ผู้สูงอายุอยู่ลำพัง ไม่มีผู้ดูแล", "ELD.ALONE", urgency="urgent")
        c2 = open_(sw, elders[1], "ผู้สูงอายุติดเตียง ต้องการกายอุปกรณ์", "ELD.BEDRIDDEN")
        c2 = cases.case_assign(actor=sup, case=c2, worker=sw)
        cases.assessment_save(
            actor=sw,
            access=access_for(sw, c2),
            fields={
                "needs": "เตียงผู้ป่วย ผ้าอ้อมผู้ใหญ่ และผู้ช่วยดูแลช่วงกลางวัน",
                "living_conditions": "อาศัยกับบุตรสาวซึ่งทำงานรับจ้างรายวัน",
                "opinion": "ควรได้รับเบี้ยความพิการและประสาน อบต. เรื่องผู้ช่วยเหลือดูแล",
                "due": today + dt.timedelta(days=5),
            },
        )
        cases.note_add(
            actor=sw,
            access=access_for(sw, c2),
            kind="home_visit",
            text="เยี่ยมบ้าน ผู้ป่วยมีแผลกดทับเล็กน้อย",
        )
        cases.task_add(
            actor=sw, access=access_for(sw, c2), title="โทรติดตามกับบุตรสาว", due=today, owner=sw
        )
        # Consent on record, then a referral to the hospital: the partner's inbox has one.
        cases.consent_record(
            actor=sw,
            access=access_for(sw, c2),
            data=cases.ConsentInput(
                lawful_basis="consent",
                method="verbal_witness",
                consenting_person="บุตรสาวผู้ดูแล",
                witness="นางกนกวรรณ ศรีสุข",
                share_outside=True,
            ),
        )
        from onestop.directory.models import Service
        from onestop.referrals import services as referrals

        medical = Service.objects.get(name_th="งานสังคมสงเคราะห์ทางการแพทย์")
        referral = referrals.referral_create(
            actor=sw,
            access=access_for(sw, c2),
            service=medical,
            clients=list(c2.clients.all()),
            reason="ขอให้ประเมินสิทธิการรักษาและช่วยจัดหาเตียงผู้ป่วย",
            due=today + dt.timedelta(days=14),
        )
        referrals.referral_send(actor=sw, access=access_for(sw, c2), referral=referral)
        c3 = open_(sw, elders[2], "ขอรับเบี้ยยังชีพผู้สูงอายุ", "ELD.HARDSHIP")
        c3 = cases.case_assign(actor=sup, case=c3, worker=sw)
        goal = cases.plan_goal_add(actor=sw, access=access_for(sw, c3), text="ได้รับเบี้ยยังชีพผู้สูงอายุ")
        cases.plan_action_add(
            actor=sw,
            access=access_for(sw, c3),
            goal=goal,
            kind="coordination",
            text="พาไปลงทะเบียนที่ อบต. คลองหนึ่ง",
            owner=sw,
            due=today + dt.timedelta(days=10),
        )
        approval = cases.approval_request(actor=sw, access=access_for(sw, c3), subject="plan")
        cases.approval_decide(
            actor=sup, access=access_for(sup, c3), approval=approval, approve=True
        )
        cases.note_add(
            actor=sw,
            access=access_for(sw, c3),
            kind="counselling",
            confidential=True,
            text="ผู้รับบริการเล่าเรื่องหนี้นอกระบบของบุตรชาย ขอไม่ให้แจ้งครอบครัว",
        )
        if child is not None:
            c4 = open_(
                sw,
                child,
                "เด็กถูกทำร้ายร่างกาย ครูเป็นผู้แจ้ง",
                "VIO.CHILD",
                urgency="most_urgent",
                risk_flags=["care"],
            )
            cases.case_assign(actor=sup, case=c4, worker=sw)
        c5 = open_(sw2, elders[3], "คนไร้บ้านนอนที่ป้ายรถเมล์", "HML.STREET")
        cases.case_assign(actor=sup, case=c5, worker=sw2)
        c6 = open_(sw, adults.order_by("pk")[4], "ขอคำปรึกษาเรื่องสิทธิบัตรทอง", "ELD")
        c6 = cases.case_assign(actor=sup, case=c6, worker=sw)
        cases.case_update(
            actor=sw,
            access=access_for(sw, c6),
            fields={"closure_summary": "ให้คำแนะนำแล้ว ผู้รับบริการใช้สิทธิได้"},
            expected_version=None,
        )
        approval = cases.approval_request(actor=sw, access=access_for(sw, c6), subject="closure")
        cases.approval_decide(
            actor=sup, access=access_for(sup, c6), approval=approval, approve=True
        )
        cases.case_transition(actor=sw, access=access_for(sw, c6), to_status="closed")
        # Volunteers, and a home visit on the bedridden elder's case for the demo volunteer.
        from onestop.volunteers import demo as volunteer_demo

        team_volunteers = volunteer_demo.seed(center, user("coordinator"))
        volunteer_demo.seed_visit(
            sw, access_for(sw, c2), c2.clients.get(role="client"), team_volunteers[0]
        )
        from onestop.events import demo as event_demo

        event_demo.seed(center, user("coordinator"))
        from onestop.giving import demo as giving_demo

        giving_demo.seed(center, user("coordinator"), sw, access_for(sw, c2))

    def _population(self, center: Center) -> None:
        """A registry to search and a duplicate queue to review: the generator's households,
        with a few people entered twice, then the full duplicate pass."""
        from onestop.persons import matching
        from onestop.persons.services import queue_pairs

        call_command(
            "generate_demo_population",
            persons=DEMO_PERSONS,
            duplicates=0.04,
            center=center.code,
            stdout=io.StringIO(),
        )
        queue_pairs(center, matching.full_pass(matching.load_records(center.pk)).pairs)

    def _print_logins(self) -> None:
        names = ["sysadmin", *[r[0] for r in TU_STAFF], "lampang.admin", "lampang.sw"]
        present = set(User.objects.filter(username__in=names).values_list("username", flat=True))
        if not present:
            return
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for name in names:
            if name not in present:
                continue
            user = User.objects.get(username=name)
            roles = ", ".join(user.role_codes) or "-"
            device = two_factor.totp_device(user)
            secret = f"  TOTP {two_factor.secret_base32(device)}" if device else ""
            self.stdout.write(f"  {name:<15} {roles:<28}{secret}")
        self.stdout.write(
            "Accounts with a TOTP secret sign in in two steps: add the secret to an authenticator"
            " app, or print the current code with: python manage.py totp_code USERNAME"
        )
