"""Synthetic Thai population for the demo and the benchmarks (``generate_demo_population``).

Seeded, so a run is reproducible. It makes what makes a real registry hard (domain.md §4):

- households that share a family name, a sub-district and often a phone;
- twins (same birth date, same family name), fathers and sons with the same whole name, and
  common given names that repeat across the country;
- Thai, non-Thai and stateless people, people with no document at all, partial birth dates;
- with ``duplicates`` > 0, re-entered records of the same person, spelt and dated the way people
  really differ: tone marks, ศ/ษ/ส, ร/ล, dropped vowels, การันต์, BE/CE, year only, day and
  month swapped, the phone written another way, abbreviated prefixes, a family name changed at
  marriage, the ID left out.

Every row carries an ``external_id``; a re-entered record's is the original's plus ``~1``, which
is the ground truth the duplicate benchmark counts precision and recall against.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from pythainlp.corpus import thai_family_names, thai_female_names, thai_male_names

from onestop.thai.ids import check_digit

MIGRANT_GIVEN = [
    "หม่อง",
    "อ่อง",
    "ซอ",
    "ทูน",
    "มิน",
    "หล้า",
    "เอ",
    "ขิ่น",
    "ซู",
    "นันดา",
    "จอ",
    "เมียว",
    "ซาน",
    "เต็ง",
    "โซ",
    "วิน",
    "ยุ้นต์",
    "เมี๊ยะ",
    "ทิดา",
    "สะเหร่",
]
HILL_FAMILY = ["แซ่ลี", "แซ่ย่าง", "แซ่ว่าง", "แซ่หาง", "เยอเบาะ", "อาแยะ", "มาเยอ", "จะพือ"]
# Prefixes that phonenumbers accepts as Thai mobiles (067 and 069, for one, are not).
MOBILE_PREFIXES = [
    "061",
    "062",
    "063",
    "064",
    "065",
    *(f"08{d}" for d in range(10)),
    *(f"09{d}" for d in range(10)),
]
TONES = "่้๊๋"
VOWELS_DROPPABLE = "ิีึืุูัา"


@cache
def _pools() -> tuple[list[str], list[str], list[str], list[float], list[float], list[float]]:
    male = sorted(n for n in thai_male_names() if 2 <= len(n) <= 20)
    female = sorted(n for n in thai_female_names() if 2 <= len(n) <= 20)
    family = sorted(n for n in thai_family_names() if 2 <= len(n) <= 30)

    def zipf(n: int, s: float) -> list[float]:
        # Cumulative weights: a few names are very common (สมชาย, สมศรี...), most are rare.
        total, out = 0.0, []
        for rank in range(n):
            total += 1.0 / (rank + 20) ** s
            out.append(total)
        return out

    return (
        male,
        female,
        family,
        zipf(len(male), 1.1),
        zipf(len(female), 1.1),
        zipf(len(family), 0.6),
    )


def national_id(rng: random.Random, kind: str) -> str:
    first = {"thai": rng.choice("11111112358"), "non_thai": rng.choice("678"), "stateless": "0"}[
        kind
    ]
    body = first + "".join(rng.choice("0123456789") for _ in range(11))
    return body + str(check_digit(body))


def mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + "".join(rng.choice("0123456789") for _ in range(7))


@dataclass
class Row:
    external_id: str
    prefix: str
    given_name: str
    middle_name: str
    family_name: str
    nickname: str
    sex: str
    birth: dt.date | None
    precision: str  # day, month, year or ""
    national_id: str
    phone: str
    subdistrict_code: str
    household: str = ""
    role: str = ""
    be: bool = True  # write the date in BE

    def csv(self) -> list[str]:
        return [
            self.external_id,
            self.prefix,
            self.given_name,
            self.middle_name,
            self.family_name,
            self.nickname,
            self.sex,
            self.birth_text(),
            self.national_id,
            self.phone,
            self.subdistrict_code,
        ]

    def as_dict(self) -> dict[str, str]:
        from onestop.persons.importer import COLUMNS

        return dict(zip(COLUMNS, self.csv(), strict=True))

    def birth_text(self) -> str:
        if self.birth is None:
            return ""
        year = self.birth.year + (543 if self.be else 0)
        if self.precision == "year":
            return f"{year}"
        if self.precision == "month":
            return f"{year}-{self.birth.month:02d}"
        return f"{year}-{self.birth.month:02d}-{self.birth.day:02d}"


def _prefix(rng: random.Random, sex: str, age: int, married: bool) -> str:
    if age < 15:
        return rng.choice(["เด็กชาย", "ด.ช."]) if sex == "M" else rng.choice(["เด็กหญิง", "ด.ญ."])
    if sex == "M":
        return "นาย"
    if married:
        return "นาง"
    return rng.choice(["นางสาว", "นางสาว", "น.ส."])


class Generator:
    def __init__(self, seed: int, subdistricts: list[str], today: dt.date) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - synthetic data, reproducible on purpose
        self.subdistricts = subdistricts
        self.today = today
        self.male, self.female, self.family, self.cm, self.cf, self.cfam = _pools()
        self.serial = 0

    # --- people ------------------------------------------------------------------------------
    def _given(self, sex: str) -> str:
        if sex == "M":
            return self.rng.choices(self.male, cum_weights=self.cm)[0]
        return self.rng.choices(self.female, cum_weights=self.cf)[0]

    def _family_name(self) -> str:
        return self.rng.choices(self.family, cum_weights=self.cfam)[0]

    def _birth(self, age: int) -> tuple[dt.date | None, str]:
        year = self.today.year - age
        day = dt.date(year, 1, 1) + dt.timedelta(days=self.rng.randrange(365))
        if day > self.today:
            day = self.today - dt.timedelta(days=self.rng.randrange(1, 200))
        roll = self.rng.random()
        precision = "day" if roll < 0.75 else "month" if roll < 0.87 else "year"
        if precision == "month":
            day = day.replace(day=1)
        elif precision == "year":
            day = day.replace(month=1, day=1)
        return day, precision

    def _next_id(self) -> str:
        self.serial += 1
        return f"G{self.serial:07d}"

    def person(
        self,
        *,
        sex: str,
        age: int,
        family: str,
        kind: str,
        subdistrict: str,
        phone: str,
        married: bool = False,
        household: str = "",
        role: str = "",
    ) -> Row:
        birth, precision = self._birth(age)
        if kind == "migrant":
            given = self.rng.choice(MIGRANT_GIVEN) + self.rng.choice(MIGRANT_GIVEN)
        else:
            given = self._given(sex)
        has_id = {"thai": 0.93, "non_thai": 0.85, "stateless": 0.5, "migrant": 0.6}[kind]
        id_kind = {
            "thai": "thai",
            "non_thai": "non_thai",
            "stateless": "stateless",
            "migrant": "stateless",
        }[kind]
        nid = national_id(self.rng, id_kind) if self.rng.random() < has_id else ""
        if self.rng.random() < 0.03:
            birth, precision = None, ""  # not known at all
        return Row(
            external_id=self._next_id(),
            prefix=_prefix(self.rng, sex, age, married),
            given_name=given,
            middle_name="",
            family_name=family,
            nickname=self.rng.choice(
                ["", "", "", "แดง", "ดำ", "นิด", "หน่อย", "ต้น", "บอย", "แอน", "เล็ก", "อ้วน", "ปุ๊", "ตุ๊ก"]
            ),
            sex=sex,
            birth=birth,
            precision=precision,
            national_id=nid,
            phone=phone,
            subdistrict_code=subdistrict,
            household=household,
            role=role,
            be=self.rng.random() < 0.7,
        )

    def household(self) -> list[Row]:
        rng = self.rng
        roll = rng.random()
        kind = (
            "thai"
            if roll < 0.9
            else "non_thai"
            if roll < 0.94
            else "migrant"
            if roll < 0.97
            else "stateless"
        )
        if kind in ("migrant", "stateless") and rng.random() < 0.6:
            family = rng.choice(HILL_FAMILY) if kind == "stateless" else ""
        else:
            family = self._family_name()
        subdistrict = rng.choice(self.subdistricts)
        shared_phone = mobile(rng) if rng.random() < 0.3 else ""
        hh = f"H{self.serial + 1:07d}"
        size = rng.choice([1, 1, 2, 2, 3, 3, 4, 4, 5, 6])

        def phone() -> str:
            if shared_phone:
                return shared_phone
            return mobile(rng) if rng.random() < 0.75 else ""

        head_sex = rng.choice("MF")
        head_age = rng.randint(25, 85)
        rows = [
            self.person(
                sex=head_sex,
                age=head_age,
                family=family,
                kind=kind,
                subdistrict=subdistrict,
                phone=phone(),
                married=size > 1,
                household=hh,
                role="head",
            )
        ]
        if size > 1:
            spouse_sex = "F" if head_sex == "M" else "M"
            rows.append(
                self.person(
                    sex=spouse_sex,
                    age=max(20, head_age + rng.randint(-6, 6)),
                    family=family,
                    kind=kind,
                    subdistrict=subdistrict,
                    phone=phone(),
                    married=True,
                    household=hh,
                    role="spouse",
                )
            )
        children = size - len(rows)
        child_ages = [rng.randint(0, max(0, min(40, head_age - 18))) for _ in range(children)]
        twins = children >= 2 and rng.random() < 0.05
        for i, age in enumerate(child_ages):
            sex = rng.choice("MF")
            child = self.person(
                sex=sex,
                age=age,
                family=family,
                kind=kind,
                subdistrict=subdistrict,
                phone=phone(),
                household=hh,
                role="child",
            )
            if twins and i == 1:
                # Twins: same birth date and family name, another given name.
                prev = rows[-1]
                child.birth, child.precision = prev.birth, prev.precision
            if i == 0 and head_sex == "M" and sex == "M" and rng.random() < 0.05:
                child.given_name = rows[0].given_name  # a son named after his father
            rows.append(child)
        return rows

    # --- re-entered records ----------------------------------------------------------------
    def _misspell(self, name: str) -> str:
        rng = self.rng
        options = []
        if any(t in name for t in TONES):
            options.append("tone")
        if any(c in name for c in "ศษส"):
            options.append("s")
        if any(c in name for c in "รล"):
            options.append("rl")
        if any(c in name for c in VOWELS_DROPPABLE):
            options.append("vowel")
        if "์" in name:
            options.append("karan")
        if any(c in name for c in "ใไ"):
            options.append("ai")
        if not options:
            return name
        what = rng.choice(options)
        if what == "tone":
            i = rng.choice([i for i, c in enumerate(name) if c in TONES])
            return name[:i] + name[i + 1 :]
        if what == "s":
            i = rng.choice([i for i, c in enumerate(name) if c in "ศษส"])
            return name[:i] + rng.choice([c for c in "ศษส" if c != name[i]]) + name[i + 1 :]
        if what == "rl":
            i = rng.choice([i for i, c in enumerate(name) if c in "รล"])
            return name[:i] + ("ล" if name[i] == "ร" else "ร") + name[i + 1 :]
        if what == "vowel":
            i = rng.choice([i for i, c in enumerate(name) if c in VOWELS_DROPPABLE])
            return name[:i] + name[i + 1 :]
        if what == "karan":
            return name.replace("์", "", 1)
        return name.replace("ใ", "ไ", 1) if "ใ" in name else name.replace("ไ", "ใ", 1)

    def variant(self, row: Row) -> Row:
        rng = self.rng
        v = Row(**{**row.__dict__})
        v.external_id = row.external_id + "~1"
        v.household, v.role = "", ""
        roll = rng.random()
        if roll < 0.45:
            v.given_name = self._misspell(row.given_name)
        elif roll < 0.75:
            v.family_name = self._misspell(row.family_name)
        elif roll < 0.85:
            v.given_name = self._misspell(row.given_name)
            v.family_name = self._misspell(row.family_name)
        if row.sex == "F" and row.family_name and rng.random() < 0.08:
            v.family_name = self._family_name()  # married since
            v.prefix = "นาง"
        v.be = not row.be if rng.random() < 0.5 else row.be
        if v.birth is not None:
            d = rng.random()
            if d < 0.15:
                # Only the year was given this time.
                v.precision = "year"
                v.birth = v.birth.replace(month=1, day=1)
            elif d < 0.25:
                # Day and month swapped (where both can be a month).
                if v.precision == "day" and v.birth.day <= 12 and v.birth.day != v.birth.month:
                    with contextlib.suppress(ValueError):
                        v.birth = v.birth.replace(month=v.birth.day, day=v.birth.month)
            elif d < 0.3:
                v.birth, v.precision = None, ""  # not asked this time
        if v.national_id and rng.random() < 0.5:
            v.national_id = ""
        p = rng.random()
        if v.phone and p < 0.4:
            v.phone = (
                f"{v.phone[:3]}-{v.phone[3:6]}-{v.phone[6:]}"
                if rng.random() < 0.5
                else "+66" + v.phone[1:]
            )
        elif p < 0.7:
            v.phone = ""
        elif p < 0.8:
            v.phone = mobile(rng)
        v.prefix = {"นางสาว": "น.ส.", "น.ส.": "นางสาว", "เด็กชาย": "ด.ช.", "ด.ช.": "เด็กชาย"}.get(
            v.prefix, v.prefix
        )
        if rng.random() < 0.3:
            v.subdistrict_code = rng.choice(self.subdistricts)  # moved
        if rng.random() < 0.5:
            v.nickname = ""
        return v

    def rows(self, persons: int, duplicates: float = 0.0) -> Iterator[Row]:
        """About ``persons`` rows in all; ``duplicates`` of them re-entered records."""
        made = 0
        while made < persons:
            for row in self.household():
                if made >= persons:
                    return
                yield row
                made += 1
                if duplicates and made < persons and self.rng.random() < duplicates:
                    yield self.variant(row)
                    made += 1
