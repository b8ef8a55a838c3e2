"""Is this the same person? Pair scoring with explained features, blocking keys, and the
full-registry pass.

The score is a Fellegi-Sunter style sum of log-odds weights, one per compared feature, turned
into a probability. Every feature and its weight is kept with the candidate, so a supervisor
sees *why* two records were paired. The weights follow domain.md §4: a conflicting valid ID or
a clearly different given name is strong evidence of two people; a shared phone or address
alone is not evidence of one (families share both).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext, gettext_noop
from rapidfuzz.distance import JaroWinkler

from onestop.thai import names

MATCH_THRESHOLD = 0.65  # at or above: the system judges it the same person (find_duplicates)
REVIEW_THRESHOLD = 0.4  # at or above: a supervisor should look (the review queue)
PRIOR = -8.0  # log2 odds that two records sharing a blocking key are one person
MAX_BLOCK = 60  # a bigger block is a very common name with no other key: skipped


@dataclass(slots=True)
class Record:
    id: int
    ref: str  # external_id, or the person code
    given: str
    family: str
    nickname: str = ""
    sex: str = ""
    birth: dt.date | None = None
    precision: str = ""
    national_id: str = ""
    phones: frozenset[str] = field(default_factory=frozenset)
    subdistrict: str | None = None

    @classmethod
    def of(
        cls,
        id: int,
        ref: str,
        given: str,
        family: str,
        nickname: str = "",
        **rest: object,
    ) -> Record:
        """A record with its names cleaned once (scoring compares them millions of times)."""
        return cls(
            id=id,
            ref=ref,
            given=names.clean(given),
            family=names.clean(family),
            nickname=names.clean(nickname),
            **rest,  # type: ignore[arg-type]
        )

    @property
    def gkeys(self) -> names.NameKeys:
        return names.keys(self.given)

    @property
    def fkeys(self) -> names.NameKeys:
        return names.keys(self.family)


@dataclass(frozen=True)
class Feature:
    name: str
    value: str
    weight: float

    def as_json(self) -> list[object]:
        return [self.name, self.value, round(self.weight, 2)]


@dataclass
class Frequencies:
    """How many records carry each given and family name (by skeleton): agreeing on สมชาย is
    weak evidence, agreeing on a rare name strong. This is what kept precision up as the
    registry grew (stack-notes: fixed weights fell to 0.925 at 5M, frequency-adjusted held)."""

    given: dict[str, int]
    family: dict[str, int]
    total: int

    @classmethod
    def of(cls, records: Iterable[Record]) -> Frequencies:
        given: dict[str, int] = defaultdict(int)
        family: dict[str, int] = defaultdict(int)
        n = 0
        for r in records:
            n += 1
            given[names.skeleton(r.given)] += 1
            if r.family:
                family[names.skeleton(r.family)] += 1
        return cls(dict(given), dict(family), n)


# log2(m/u) with m ≈ 0.9 and u the share of records with the name, minus this offset so that a
# name held by 1 record in 10,000 weighs about what a fixed weight did (6).
_OFFSET = 7.3
REFERENCE_POPULATION = 100_000


def _agree_weight(
    count: int | None, total: int, *, low: float, high: float, default: float
) -> float:
    if count is None or total <= 0:
        return default
    # In a small registry every name is rare; the chance that two people share a name is a
    # property of the population, so count shares out of at least REFERENCE_POPULATION.
    u = max(count, 1) / max(total, REFERENCE_POPULATION)
    return max(low, min(high, math.log2(0.9 / u) - _OFFSET))


def _name_feature(label: str, a: str, b: str, *, exact: float, close: float, far: float) -> Feature:
    """``exact`` is the weight for agreeing (frequency-adjusted by the caller); a same-sounding
    or similar spelling gets a little less; a different name gets ``far``."""
    # Records hold cleaned names (see Record.of), so no cleaning here: this runs millions of
    # times in a full pass.
    if not a or not b:
        return Feature(label, "missing", 0.0)
    if a == b:
        return Feature(label, "exact", exact)
    if names.skeleton(a) == names.skeleton(b):
        return Feature(label, "same sound", close)
    sim = JaroWinkler.normalized_similarity(a, b)
    ka, kb = names.keys(a), names.keys(b)
    phonetic = sum(
        1
        for x, y in ((ka.udom83, kb.udom83), (ka.metasound, kb.metasound), (ka.lk82, kb.lk82))
        if x and x == y
    )
    if sim >= 0.9 or phonetic >= 2:
        return Feature(label, f"similar ({sim:.2f})", close - 1.5)
    if sim >= 0.8 or phonetic == 1:
        return Feature(label, f"alike ({sim:.2f})", far / 2)
    return Feature(label, f"different ({sim:.2f})", far)


def _birth_feature(a: Record, b: Record) -> Feature:
    if a.birth is None or b.birth is None:
        return Feature("birth", "missing", 0.0)
    da, db = a.birth, b.birth
    both_day = a.precision == "day" and b.precision == "day"
    if both_day and da == db:
        return Feature("birth", "same date", 8.0)
    if both_day and da.year == db.year and (da.month, da.day) == (db.day, db.month):
        return Feature("birth", "day and month swapped", 5.0)
    if da.year == db.year:
        if both_day:
            # Same year, another day: a typo, or two people of the same age.
            return Feature("birth", "same year, other day", -2.0)
        if "year" not in (a.precision, b.precision):
            if da.month == db.month:
                return Feature("birth", "same month", 4.0)
            return Feature("birth", "other month", -2.0)
        return Feature("birth", "same year", 2.5)
    gap = abs(da.year - db.year)
    if gap == 1 and not both_day:
        return Feature("birth", "a year apart", 0.0)
    if abs(gap - 543) <= 1:
        # A BE year stored as CE somewhere upstream.
        return Feature("birth", "BE/CE slip", 2.0)
    return Feature("birth", f"{gap} years apart", -8.0 if gap > 2 else -4.0)


def score_pair(
    a: Record, b: Record, freq: Frequencies | None = None
) -> tuple[float, list[Feature]]:
    """Probability (0-1) that ``a`` and ``b`` are one person, and the features behind it."""
    features: list[Feature] = []
    if a.national_id and b.national_id:
        same = a.national_id == b.national_id
        features.append(
            Feature("national ID", "same" if same else "different", 14.0 if same else -14.0)
        )
    gskel, fskel = names.skeleton(a.given), names.skeleton(a.family)
    total = freq.total if freq else 0
    given_w = _agree_weight(
        freq.given.get(gskel) if freq else None, total, low=2.5, high=9.0, default=6.0
    )
    family_w = _agree_weight(
        freq.family.get(fskel) if freq else None, total, low=1.0, high=8.0, default=5.0
    )
    features.append(
        _name_feature("given name", a.given, b.given, exact=given_w, close=given_w - 0.5, far=-12.0)
    )
    # Family names change at marriage: a different one is weak evidence of two people.
    features.append(
        _name_feature(
            "family name", a.family, b.family, exact=family_w, close=family_w - 1.0, far=-3.0
        )
    )
    if not a.family and not b.family:
        # No family name on either side (many migrants and hill-tribe people): the given name
        # is then all there is, and namesakes are far more likely.
        features.append(Feature("family name", "missing on both", -2.0))
    features.append(_birth_feature(a, b))
    if a.sex and b.sex and "X" not in (a.sex, b.sex):
        same = a.sex == b.sex
        features.append(Feature("sex", "same" if same else "different", 0.5 if same else -4.0))
    if a.phones and b.phones:
        # Families share a phone, so alone it proves little; with an agreeing name it is what
        # tells a re-entered record from a namesake.
        shared = bool(a.phones & b.phones)
        features.append(
            Feature("phone", "shared" if shared else "different", 3.0 if shared else -0.5)
        )
    if a.subdistrict and b.subdistrict:
        same = a.subdistrict == b.subdistrict
        # People move (and re-register elsewhere): a different sub-district is no evidence.
        features.append(
            Feature("sub-district", "same" if same else "different", 1.5 if same else 0.0)
        )
    if a.nickname and b.nickname:
        same = names.skeleton(a.nickname) == names.skeleton(b.nickname)
        features.append(Feature("nickname", "same" if same else "different", 1.0 if same else -0.5))
    log_odds = PRIOR + sum(f.weight for f in features)
    return 1.0 / (1.0 + math.pow(2.0, -log_odds)), features


# Feature names and values are stored in English (the audit and the queue keep them as data)
# and translated only for display, by feature_label.
FEATURE_WORDS = [
    gettext_noop("national ID"),
    gettext_noop("given name"),
    gettext_noop("family name"),
    gettext_noop("birth"),
    gettext_noop("sex"),
    gettext_noop("phone"),
    gettext_noop("sub-district"),
    gettext_noop("nickname"),
    gettext_noop("same"),
    gettext_noop("different"),
    gettext_noop("exact"),
    gettext_noop("same sound"),
    gettext_noop("similar"),
    gettext_noop("alike"),
    gettext_noop("missing"),
    gettext_noop("missing on both"),
    gettext_noop("shared"),
    gettext_noop("same date"),
    gettext_noop("day and month swapped"),
    gettext_noop("same year"),
    gettext_noop("same year, other day"),
    gettext_noop("same month"),
    gettext_noop("other month"),
    gettext_noop("a year apart"),
    gettext_noop("BE/CE slip"),
    gettext_noop("%(n)s years apart"),
]


def feature_label(text: str) -> str:
    """'similar (0.92)' -> 'คล้ายกัน (0.92)', '12 years apart' -> 'ห่างกัน 12 ปี'."""
    head, _sep, tail = str(text).partition(" (")
    number, _sp, rest = head.partition(" ")
    if number.isdigit() and rest == "years apart":
        return gettext("%(n)s years apart") % {"n": number}
    return gettext(head) + (f" ({tail}" if tail else "")


def explain(features: Iterable[Feature]) -> list[list[object]]:
    return [f.as_json() for f in features]


# --- blocking -------------------------------------------------------------------------------
def blocking_keys(r: Record) -> Iterator[tuple[str, ...]]:
    """The keys two records must share to be compared at all. Each catches what the others miss:
    udom83 misses ศ/ส, metasound misses ร/ล, the skeleton misses swapped vowels' sounds; the
    given name with the birth year survives a family name changed at marriage."""
    g, f = r.gkeys, r.fkeys
    year = str(r.birth.year) if r.birth else ""
    if r.national_id:
        yield ("id", r.national_id)
    if g.udom83:
        yield ("gu-fu", g.udom83, f.udom83)
    if g.skeleton:
        yield ("gs-fs", g.skeleton, f.skeleton)
        if year:
            yield ("gs-y", g.skeleton, year)
    if g.metasound:
        yield ("gm-fs", g.metasound, f.skeleton)
    if g.udom83 and r.birth is not None and r.precision == "day":
        # A family name changed at marriage, and a given name spelt another way.
        yield ("gu-d", g.udom83, r.birth.isoformat())
    if g.lk82 and f.lk82:
        yield ("gl-fl", g.lk82, f.lk82)
    if f.skeleton and r.birth is not None and r.precision == "day":
        yield ("fs-d", f.skeleton, r.birth.isoformat())
    for phone in r.phones:
        yield ("ph-gu", phone, g.udom83)
        if f.skeleton:
            yield ("ph-fs", phone, f.skeleton)


@dataclass
class PassResult:
    pairs: list[tuple[Record, Record, float, list[Feature]]]
    compared: int
    skipped_blocks: int


def full_pass(records: list[Record], *, threshold: float = REVIEW_THRESHOLD) -> PassResult:
    """Block, compare every pair inside each block once, keep pairs scoring ≥ threshold."""
    blocks: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index, record in enumerate(records):
        for key in blocking_keys(record):
            blocks[key].append(index)
    seen: set[int] = set()
    width = len(records) + 1
    skipped = 0
    for members in blocks.values():
        if len(members) < 2:
            continue
        if len(members) > MAX_BLOCK:
            skipped += 1
            continue
        for i, x in enumerate(members):
            for y in members[i + 1 :]:
                seen.add(x * width + y if x < y else y * width + x)
    blocks.clear()
    freq = Frequencies.of(records)
    out: list[tuple[Record, Record, float, list[Feature]]] = []
    for code in seen:
        a, b = records[code // width], records[code % width]
        score, features = score_pair(a, b, freq)
        if score >= threshold:
            out.append((a, b, score, features))
    return PassResult(out, len(seen), skipped)


def load_records(center_id: int) -> list[Record]:
    """Every active person of a center, as light records, read in chunks."""
    from onestop.persons.models import Person, PersonPhone

    phones: dict[int, set[str]] = defaultdict(set)
    for pid, number in (
        PersonPhone.objects.filter(person__center_id=center_id, person__is_active=True)
        .values_list("person_id", "number")
        .iterator(chunk_size=20000)
    ):
        phones[pid].add(number)
    rows = (
        Person.objects.filter(center_id=center_id, is_active=True)
        .order_by()
        .values_list(*RECORD_FIELDS)
        .iterator(chunk_size=20000)
    )
    return [record_from_row(row, phones.get(row[0], ())) for row in rows]


RECORD_FIELDS = (
    "id",
    "external_id",
    "code",
    "given_name",
    "family_name",
    "nickname",
    "sex",
    "birth_date",
    "birth_precision",
    "national_id",
    "current_subdistrict_id",
    "registered_subdistrict_id",
)


def record_from_row(row: tuple[Any, ...], phones: Iterable[str]) -> Record:
    """A Record from a ``values_list(*RECORD_FIELDS)`` row."""
    pid, ext, code, given, family, nick, sex, birth, prec, nid, cur, reg = row
    return Record.of(
        id=pid,
        ref=ext or code,
        given=given,
        family=family,
        nickname=nick,
        sex=sex,
        birth=birth,
        precision=prec,
        national_id=nid,
        phones=frozenset(phones),
        subdistrict=cur or reg,
    )
