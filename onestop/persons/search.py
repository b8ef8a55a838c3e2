"""Registry search: IDs, phones and codes exactly; names by substring and by sound.

One function for both databases. Substrings use a trigram index: pg_trgm GIN on PostgreSQL,
an FTS5 ``trigram`` table on SQLite (kept in sync by triggers, see migration 0002). Sounds use
the precomputed name keys by B-tree. Candidates are capped, then ranked in Python. Nothing
here counts every match or ranks by ``similarity()`` over the table: at a million persons that
costs 10-100 times a LIMIT query (stack-notes.md), so a list says "50+" instead of a total.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from rapidfuzz.distance import JaroWinkler

from onestop.persons.models import IdentityDocument, Person, PersonPhone
from onestop.thai import ids, names, phones

CANDIDATES = 100  # per lookup; ranking happens over at most a couple of hundred rows
_CODE = re.compile(r"^P-?([0-9A-Z]{5})-?([0-9A-Z]{5})$")


class Tier:
    EXACT_ID = 0
    EXACT_NAME = 1
    NAME_PARTS = 2
    SUBSTRING = 3
    SAME_SOUND = 4
    SOUNDEX = 5


TIER_LABELS = {
    Tier.EXACT_ID: "id",
    Tier.EXACT_NAME: "name",
    Tier.NAME_PARTS: "name",
    Tier.SUBSTRING: "fragment",
    Tier.SAME_SOUND: "sound",
    Tier.SOUNDEX: "sound",
}


@dataclass
class Hit:
    person: Person
    tier: int
    similarity: float

    @property
    def reason(self) -> str:
        return TIER_LABELS[self.tier]


@dataclass
class SearchResult:
    hits: list[Hit]
    more: bool  # more candidates existed than were ranked: the UI shows "50+"
    kind: str  # "id", "phone", "code", "name" or "empty"


def _digits(query: str) -> str:
    return ids.compact(query).replace("+", "")


def classify(query: str) -> tuple[str, str]:
    text = names.clean(query)
    if not text:
        return "empty", ""
    compact = _digits(text)
    if compact.isdigit():
        if len(compact) == 13:
            return "id", compact
        try:
            return "phone", phones.normalise(compact)
        except phones.InvalidPhone:
            return "digits", compact
    if m := _CODE.match(text.upper().replace(" ", "")):
        return "code", f"P-{m[1]}-{m[2]}"
    return "name", text


def _substring(qs: QuerySet[Person], tokens: list[str]) -> QuerySet[Person]:
    """Rows whose search text contains every token (each of 3 or more characters)."""
    if connection.vendor == "sqlite":
        # FTS5 trigram: each quoted string is a substring query, AND intersects them inside the
        # index. LIMIT inside, so a common fragment does not materialise a huge row-id list.
        match = " AND ".join('"' + t.replace('"', '""') + '"' for t in tokens)
        return qs.filter(
            pk__in=RawSQL(
                "SELECT rowid FROM persons_person_fts WHERE persons_person_fts MATCH %s LIMIT 5000",
                [match],
            )
        )
    # PostgreSQL: LIKE (not ILIKE: Thai has no case) is served by the pg_trgm GIN index.
    for token in tokens:
        qs = qs.filter(search_text__contains=token)
    return qs


def _fetch_substring(qs: QuerySet[Person], tokens: list[str]) -> list[Person]:
    if connection.vendor != "postgresql":
        return list(_substring(qs, tokens)[:CANDIDATES])
    # PostgreSQL cannot estimate how many rows LIKE '%...%' matches (pg_trgm has no estimator
    # for it), guesses 1 %, and with a LIMIT prefers to walk the table or the center index,
    # reading most of it when the fragment is rare: 100-400 ms instead of a few at a million
    # persons. With sequential and plain index scans off in this one transaction, what is left
    # is a bitmap scan of the trigram index.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        return list(_substring(qs, tokens)[:CANDIDATES])


SOUND_EACH = 100  # rows per key lookup


def _sound_lookups(tokens: list[str]) -> list[dict[str, str]]:
    """Equality lookups on the key columns, each served by its own B-tree index (an OR of ANDs
    across the columns makes SQLite scan the table)."""
    keyed = [names.keys(t) for t in tokens if len(t) >= 2]
    keyed = [k for k in keyed if k.skeleton]
    if not keyed:
        return []
    out: list[dict[str, str]] = []
    if len(keyed) == 1:
        k = keyed[0]
        out = [
            {"given_skel": k.skeleton},
            {"given_udom": k.udom83},
            {"family_skel": k.skeleton},
            {"family_udom": k.udom83},
            {"nickname_skel": k.skeleton},
        ]
        if k.metasound:
            out.append({"given_meta": k.metasound})
        if k.lk82:
            out.append({"given_lk": k.lk82})
        return out
    # A full name in any order: one token is the given name and another the family name.
    for g, f in ((keyed[0], keyed[-1]), (keyed[-1], keyed[0])):
        out.append({"given_skel": g.skeleton, "family_skel": f.skeleton})
        out.append({"given_udom": g.udom83, "family_udom": f.udom83})
        if g.metasound:
            out.append({"given_meta": g.metasound, "family_skel": f.skeleton})
        if g.lk82:
            out.append({"given_lk": g.lk82, "family_udom": f.udom83})
    return out


def _sound_ids(tokens: list[str]) -> list[int]:
    """All the key lookups in one round trip: a UNION of small indexed selects. The column
    names come from _sound_lookups, never from the query."""
    lookups = _sound_lookups(tokens)
    if not lookups:
        return []
    table = connection.ops.quote_name(Person._meta.db_table)
    parts: list[str] = []
    params: list[str] = []
    for i, cond in enumerate(lookups):
        where = " AND ".join(f"{connection.ops.quote_name(col)} = %s" for col in cond)
        parts.append(
            f"SELECT id FROM (SELECT id FROM {table} WHERE {where} AND is_active"  # noqa: S608
            f" LIMIT {SOUND_EACH}) AS k{i}"
        )
        params.extend(cond.values())
    with connection.cursor() as cursor:
        cursor.execute(" UNION ".join(parts), params)
        return [row[0] for row in cursor.fetchall()]


def _tier(person: Person, tokens: list[str], query: str) -> tuple[int, float]:
    parts = [names.clean(p) for p in (person.given_name, person.middle_name, person.family_name)]
    parts = [p for p in parts if p]
    nickname = names.clean(person.nickname)
    full = " ".join(parts)
    similarity = JaroWinkler.normalized_similarity(query, full)
    if sorted(tokens) == sorted(parts):
        return Tier.EXACT_NAME, similarity
    if all(t in parts or t == nickname for t in tokens):
        return Tier.NAME_PARTS, similarity
    if all(t in person.search_text for t in tokens):
        return Tier.SUBSTRING, similarity
    skeletons = {names.skeleton(p) for p in [*parts, nickname] if p}
    if all(names.skeleton(t) in skeletons for t in tokens):
        return Tier.SAME_SOUND, similarity
    return Tier.SOUNDEX, similarity


def search(qs: QuerySet[Person], query: str, *, limit: int = 50) -> SearchResult:
    """``qs`` is already scoped by the access helper (center, active persons only)."""
    kind, value = classify(query)
    if kind == "empty":
        return SearchResult([], False, kind)
    # No ORDER BY: the model's ordering would make the database find and sort every match
    # before the LIMIT. Ranking happens here, over the capped candidates.
    qs = qs.order_by()
    if kind in ("id", "phone", "code", "digits"):
        people: list[Person] = []
        if kind == "id":
            people = list(qs.filter(national_id=value)[: limit + 1])
        if kind == "phone":
            owners = list(
                PersonPhone.objects.filter(number=value).values_list("person_id", flat=True)[:500]
            )
            people = list(qs.filter(pk__in=owners)[: limit + 1])
        elif kind == "code":
            people = list(qs.filter(code=value)[:1])
        if kind in ("id", "digits") and len(people) <= limit:
            # Passports, work permits and cards kept under another number: exact match only.
            holders = list(
                IdentityDocument.objects.filter(number=value).values_list("person_id", flat=True)[
                    :500
                ]
            )
            seen = {p.pk for p in people}
            people += [p for p in qs.filter(pk__in=holders)[: limit + 1] if p.pk not in seen]
        hits = [Hit(p, Tier.EXACT_ID, 1.0) for p in people[:limit]]
        return SearchResult(hits, len(people) > limit, kind)

    tokens = value.split()
    long_tokens = [t for t in tokens if len(t) >= 3]
    candidates: dict[int, Person] = {}
    more = False
    if long_tokens:
        rows = _fetch_substring(qs, long_tokens)
        more = len(rows) >= CANDIDATES
        candidates.update((p.pk, p) for p in rows)
    elif tokens:
        # One- and two-letter queries: no trigram can serve them; a bounded scan can.
        rows = list(qs.filter(search_text__contains=tokens[0])[:CANDIDATES])
        more = len(rows) >= CANDIDATES
        candidates.update((p.pk, p) for p in rows)
    # A fragment that already fills the candidates is common: its sound-alikes would not make
    # the first page, and looking them up is the slowest part of such a search.
    sound_ids: set[int] = set() if more else set(_sound_ids(tokens)) - set(candidates)
    if sound_ids:
        # The scope (center, active) applies here, to the few ids the keys found.
        for p in qs.filter(pk__in=sorted(sound_ids)[: CANDIDATES * 2])[:CANDIDATES]:
            candidates.setdefault(p.pk, p)
    ranked = sorted(
        (Hit(p, *_tier(p, tokens, value)) for p in candidates.values()),
        key=lambda h: (h.tier, -h.similarity, h.person.pk),
    )
    return SearchResult(ranked[:limit], more or len(ranked) > limit, "name")


def reason_label(hit: Hit) -> str:
    from django.utils.translation import gettext as _

    return {
        "id": _("ID, phone or code"),
        "name": _("name"),
        "fragment": _("part of the name"),
        "sound": _("sounds alike"),
    }[hit.reason]
