"""Volunteer ID cards (issue 8): the time to render one card PDF (front and back) and an A4
print sheet of 500 cards, each with its own photo and QR.

    make bench-cards        (BENCH_CARDS=500 cards on the sheet, BENCH_SINGLE=50 single cards)

Targets: <= 100 ms per card; <= 30 s for the 500-card sheet. The cards are built in memory
with the shapes the database would give (the renderer reads nothing else), so the figure is
the renderer's: fpdf2 layout, HarfBuzz shaping of the Thai, the QR and the JPEG photos."""

from __future__ import annotations

import datetime as dt
import gc
import io
import os
import random
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onestop.settings")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

import django  # noqa: E402

django.setup()

from django.utils import translation  # noqa: E402
from PIL import Image  # noqa: E402

from onestop.centers.models import Center  # noqa: E402
from onestop.geo.models import District, Province, Subdistrict  # noqa: E402
from onestop.volunteers import cards  # noqa: E402
from onestop.volunteers.models import Card, Volunteer, VolunteerType  # noqa: E402
from onestop.volunteers.seeding import TYPES  # noqa: E402

N_SHEET = int(os.environ.get("BENCH_CARDS", "500"))
N_SINGLE = int(os.environ.get("BENCH_SINGLE", "50"))
GIVEN = ["สมหญิง", "ประเสริฐ", "วิไลวรรณ", "ณัฐพงศ์", "กัญญาณัฐ", "ธนกฤต", "พิมพ์ชนก", "ศุภชัย"]
FAMILY = ["ใจดี", "ศรีสุข", "วงศ์ไทย", "เจริญผล", "ทองประเสริฐ", "แก้วมณี", "บุญมา"]


def photo(rng: random.Random) -> bytes:
    image = Image.new("RGB", (300, 390), tuple(rng.randint(60, 220) for _ in range(3)))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()


def make_cards(n: int) -> list[Card]:
    rng = random.Random(2569)
    province = Province(code="13", name_th="ปทุมธานี", name_en="Pathum Thani")
    district = District(code="1302", name_th="คลองหลวง", name_en="Khlong Luang", province=province)
    sub = Subdistrict(code="130201", name_th="คลองหนึ่ง", name_en="Khlong Nueng", district=district)
    center = Center(code="TU", name_th="ศูนย์ช่วยเหลือสังคม มหาวิทยาลัยธรรมศาสตร์", name_en="TU")
    vtype = VolunteerType(**TYPES[0])
    out = []
    for i in range(n):
        v = Volunteer(
            center=center,
            type=vtype,
            title=rng.choice(["mr", "mrs", "miss"]),
            given_name=rng.choice(GIVEN),
            family_name=rng.choice(FAMILY),
            national_id="1101700230708",
            area_subdistrict=sub,
            home_subdistrict=sub,
            registration_number=f"{i + 1:04d}/2569",
            photo=photo(rng),
            photo_type="image/jpeg",
        )
        out.append(
            Card(
                volunteer=v,
                token=secrets.token_urlsafe(32),
                kind="issue",
                issued_on=dt.date(2026, 11, 30),
                expires_on=dt.date(2030, 11, 30),
                issuer_name="นางสาวผู้ประสานงาน อาสาสมัคร",
                issuer_position="ผู้ประสานงาน ศูนย์ช่วยเหลือสังคม มหาวิทยาลัยธรรมศาสตร์",
            )
        )
    return out


def main() -> int:
    translation.activate("th")
    print(f"machine: {os.cpu_count()} cores; {dt.datetime.now(dt.UTC).date().isoformat()}")
    singles = make_cards(N_SINGLE)
    cards.render_card(singles[0])  # fonts loaded and subsetting code warm, as in a worker
    # What onestop/wsgi.py does in a served process: the long-lived objects leave the
    # collector's full passes (without it, every ~20th card stalls 50 ms in a gen-2 pass).
    gc.freeze()
    times = []
    for card in singles:
        start = time.perf_counter()
        data = cards.render_card(card)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
    print(
        f"one card (front and back, {len(data) // 1024} KiB): median {statistics.median(times):.1f} ms,"
        f" p95 {p95:.1f} ms over {N_SINGLE} cards (target <= 100 ms)"
        f" {'PASS' if p95 <= 100 else 'FAIL'}"
    )
    sheet_cards = make_cards(N_SHEET)
    start = time.perf_counter()
    sheet = cards.render_sheet(sheet_cards)
    seconds = time.perf_counter() - start
    print(
        f"print sheet of {N_SHEET} cards ({(N_SHEET + 9) // 10 * 2} A4 pages,"
        f" {len(sheet) / 1_048_576:.1f} MiB): {seconds:.1f} s (target <= 30 s)"
        f" {'PASS' if seconds <= 30 else 'FAIL'}"
    )
    return 0 if p95 <= 100 and seconds <= 30 else 1


if __name__ == "__main__":
    raise SystemExit(main())
