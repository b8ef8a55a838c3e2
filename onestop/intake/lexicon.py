"""Suggested urgency and risk flags from the reporter's Thai free text.

An explainable lexicon (LexiconTerm rows) is matched on PyThaiNLP tokens (its nlpo3 engine, the
Rust port of newmm on the same dictionary), so a term is found as whole words and never inside
an unrelated word. A negation just before a term ("ไม่ได้ทำร้าย") cancels it, and the
suggestion says so. The officer always sees why, and always decides.
"""

from __future__ import annotations

import re
import string
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import lru_cache

from onestop.intake.models import URGENCY_RANK, LexiconTerm, Urgency

NEGATIONS = {"ไม่", "ไม่ได้", "ไม่เคย", "มิได้", "มิ", "ไม่ใช่", "ไม่ค่อย", "เลิก", "หยุด"}
NEGATION_WINDOW = 3  # tokens looked at before a term
# nlpo3 can leave punctuation on a following fragment it has no word for ("(อ" in "(อพม.)"),
# where newmm split it off; a negation is compared without it.
PUNCTUATION = string.punctuation + "“”‘’…"


@lru_cache(maxsize=1)
def _tokenizer():  # type: ignore[no-untyped-def]
    from pythainlp.tokenize import word_tokenize

    return word_tokenize


def tokenize(text: str) -> list[str]:
    return [t for t in _tokenizer()(text or "", engine="nlpo3", keep_whitespace=False) if t.strip()]


@dataclass(frozen=True)
class Match:
    term: str
    urgency: str
    flag: str
    category: str
    negated: bool
    snippet: str


@dataclass(frozen=True)
class Suggestion:
    urgency: str
    flags: list[str]
    category: str
    matches: list[Match]

    def as_json(self) -> dict[str, object]:
        return {
            "urgency": self.urgency,
            "flags": self.flags,
            "category": self.category,
            "matches": [asdict(m) for m in self.matches],
        }


def _find(tokens: list[str], term_tokens: list[str]) -> list[int]:
    """Start indexes where the term's tokens appear in a row. The segmenter may glue a term to
    its neighbour, so the term's first token may end a longer text token (พนัน in การพนัน)
    and its last token may start one (ทำร้าย in ทำร้ายร่างกาย); inner tokens match exactly."""
    n = len(term_tokens)
    hits = []
    for i in range(len(tokens) - n + 1):
        window = tokens[i : i + n]
        if n == 1:
            token, term = window[0], term_tokens[0]
            ok = token.startswith(term) or token.endswith(term)
        else:
            ok = (
                window[0].endswith(term_tokens[0])
                and window[1:-1] == term_tokens[1:-1]
                and window[-1].startswith(term_tokens[-1])
            )
        if ok:
            hits.append(i)
    return hits


_SPACE = re.compile(r"\s+")


def _compact(text: str) -> str:
    return _SPACE.sub("", text)


_Prepared = tuple[LexiconTerm, list[str], str]


def _prepare(rows: Iterable[LexiconTerm]) -> list[_Prepared]:
    """Each term with its tokens and its text less whitespace, longest first (so ทำร้ายร่างกาย
    wins over ทำร้าย at the same place). The compact text is the substring ``suggest`` looks
    for before any token walk: a match's tokens, joined, contain the term's tokens joined, and
    the text's tokens are the text in order less its whitespace, so a term whose compact text
    is absent cannot match; most terms are absent from most reports, and a report with none
    of them needs no word segmentation at all."""
    prepared = []
    for term in sorted(rows, key=lambda t: -len(t.term)):
        tokens = tokenize(term.term)
        if tokens:
            prepared.append((term, tokens, _compact("".join(tokens))))
    return prepared


TERMS_TTL = 30.0  # seconds an edit of the lexicon takes to reach every worker
_terms_cache: tuple[float, list[_Prepared]] = (0.0, [])


def _active_terms() -> list[_Prepared]:
    """``_prepare`` of the active terms, cached per process for TERMS_TTL."""
    global _terms_cache
    loaded_at, terms = _terms_cache
    now = time.monotonic()
    if now - loaded_at > TERMS_TTL:
        terms = _prepare(LexiconTerm.objects.filter(is_active=True))
        _terms_cache = (now, terms)
    return terms


def reset_cache() -> None:
    global _terms_cache
    _terms_cache = (0.0, [])


def warm_up() -> None:
    """Load the Thai dictionary before the first request (about a second, once per process)."""
    tokenize("อุ่นเครื่องตัวตัดคำ")


def suggest(text: str, terms: list[LexiconTerm] | None = None) -> Suggestion:
    prepared = _prepare(terms) if terms is not None else _active_terms()
    compact_text = _compact(text or "")
    candidates = [(term, tokens) for term, tokens, needle in prepared if needle in compact_text]
    tokens = tokenize(text) if candidates else []
    matches: list[Match] = []
    covered: set[int] = set()
    for term, term_tokens in candidates:  # longest first (_prepare)
        for start in _find(tokens, term_tokens):
            if start in covered:
                continue
            covered.add(start)
            before = tokens[max(0, start - NEGATION_WINDOW) : start]
            negated = (
                any(t.strip(PUNCTUATION) in NEGATIONS for t in before)
                and term_tokens[0] not in NEGATIONS
            )
            snippet = "".join(tokens[max(0, start - 4) : start + len(term_tokens) + 4])
            matches.append(
                Match(
                    term=term.term,
                    urgency=term.urgency,
                    flag=term.flag,
                    category=term.category_id or "",
                    negated=negated,
                    snippet=snippet[:120],
                )
            )
    live = [m for m in matches if not m.negated]
    urgency = max(
        (m.urgency for m in live), key=lambda u: URGENCY_RANK[Urgency(u)], default=Urgency.NORMAL
    )
    flags = sorted({m.flag for m in live if m.flag})
    best = max(live, key=lambda m: URGENCY_RANK[Urgency(m.urgency)], default=None)
    return Suggestion(
        urgency=str(urgency), flags=flags, category=best.category if best else "", matches=matches
    )
