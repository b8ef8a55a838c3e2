"""Thai personal names: prefixes, normalisation and the phonetic keys used for search and
duplicate detection.

The same person entered twice differs in tone marks, ศ/ษ/ส, ร/ล, dropped vowels and การันต์
(domain.md §4). No single soundex catches all of it (stack-notes: lk82, udom83 and metasound
each miss different pairs), so every name part carries four keys: the three PyThaiNLP soundex
codes and a "skeleton" (consonants only, look-alike letters folded). Keys are computed once per
distinct name string: a million persons share only thousands of names.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import gettext_lazy as _
from pythainlp.soundex import lk82, metasound, udom83

from onestop.thai.digits import to_arabic_digits

# Coded prefixes (คำนำหน้านาม). The prefix does not decide gender (domain.md §4).
PREFIXES: dict[str, object] = {
    "mr": _("Mr (นาย)"),
    "mrs": _("Mrs (นาง)"),
    "miss": _("Miss (นางสาว)"),
    "boy": _("Master (เด็กชาย)"),
    "girl": _("Miss, child (เด็กหญิง)"),
    "monk": _("Monk (พระ)"),
    "novice": _("Novice (สามเณร)"),
    "nun": _("Nun (แม่ชี)"),
    "dr": _("Doctor (ดร./นพ./พญ.)"),
    "rank": _("Military or police rank"),
    "royal": _("Royal or noble title"),
    "other": _("Other"),
}

# What people write, including the common abbreviations, mapped to the code.
PREFIX_WORDS: dict[str, str] = {
    "นาย": "mr",
    "mr": "mr",
    "mr.": "mr",
    "นาง": "mrs",
    "mrs": "mrs",
    "mrs.": "mrs",
    "นางสาว": "miss",
    "น.ส.": "miss",
    "นส.": "miss",
    "น.ส": "miss",
    "miss": "miss",
    "ms": "miss",
    "ms.": "miss",
    "เด็กชาย": "boy",
    "ด.ช.": "boy",
    "ดช.": "boy",
    "ด.ช": "boy",
    "master": "boy",
    "เด็กหญิง": "girl",
    "ด.ญ.": "girl",
    "ดญ.": "girl",
    "ด.ญ": "girl",
    "พระ": "monk",
    "พระภิกษุ": "monk",
    "สามเณร": "novice",
    "ส.ณ.": "novice",
    "แม่ชี": "nun",
    "ดร.": "dr",
    "นพ.": "dr",
    "พญ.": "dr",
    "dr": "dr",
    "dr.": "dr",
}
PREFIX_THAI = {
    "mr": "นาย",
    "mrs": "นาง",
    "miss": "นางสาว",
    "boy": "เด็กชาย",
    "girl": "เด็กหญิง",
    "monk": "พระ",
    "novice": "สามเณร",
    "nun": "แม่ชี",
    "dr": "ดร.",
}


def parse_prefix(text: str) -> str | None:
    """The prefix code for what was written ('น.ส.' -> 'miss'), '' for blank, None if unknown."""
    raw = (text or "").strip().lower().replace(" ", "")
    if not raw:
        return ""
    if raw in PREFIXES:
        return raw
    return PREFIX_WORDS.get(raw)


_TONES = "\u0e48\u0e49\u0e4a\u0e4b"  # ่ ้ ๊ ๋
_KARAN = "\u0e4c"  # ์
# Vowel signs, sara am, mai taikhu, nikhahit and yamakkan: dropped or added by hand all the time.
_VOWELS = set("ะัาำิีึืุูเแโใไๅ็ํ๎ๆ")
_FOLD = str.maketrans(
    {
        "ศ": "ส",
        "ษ": "ส",
        "ซ": "ส",
        "ฬ": "ร",
        "ล": "ร",
        "ญ": "ย",
        "ฌ": "ช",
        "ฆ": "ค",
        "ฅ": "ค",
        "ฃ": "ข",
        "ฎ": "ด",
        "ฏ": "ต",
        "ฐ": "ท",
        "ฑ": "ท",
        "ฒ": "ท",
        "ธ": "ท",
        "ณ": "น",
        "ภ": "พ",
    }
)
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=200_000)
def clean(text: str) -> str:
    """NFC, Thai digits to Arabic, one space between words, Latin letters lowercased."""
    value = unicodedata.normalize("NFC", to_arabic_digits(text or ""))
    return _SPACES.sub(" ", value).strip().lower()


@lru_cache(maxsize=200_000)
def skeleton(name: str) -> str:
    """Consonants only, look-alike letters folded: ศรีสุข, สีสุข and ศรีสุก... share one key.

    The letter under a การันต์ is silent, so it goes with the mark (ลักษณ์ -> รกส).
    """
    text = clean(name).replace(" ", "")
    out: list[str] = []
    for ch in text:
        if ch == _KARAN:
            if out:
                out.pop()
            continue
        if ch in _TONES or ch in _VOWELS:
            continue
        out.append(ch)
    folded = "".join(out).translate(_FOLD)
    # ห before a low consonant only marks the tone (หญิง, หยิง): drop it.
    folded = re.sub(r"ห(?=[งนมยรวย])", "", folded)
    # Doubled letters from a slip of the finger.
    return re.sub(r"(.)\1+", r"\1", folded)


@dataclass(frozen=True)
class NameKeys:
    skeleton: str
    udom83: str
    lk82: str
    metasound: str

    def all(self) -> set[str]:
        return {k for k in (self.skeleton, self.udom83, self.lk82, self.metasound) if k}


def _safe(fn: object, word: str) -> str:
    try:
        return str(fn(word))  # type: ignore[operator]
    except Exception:  # a soundex engine must never stop a save or an import
        return ""


@lru_cache(maxsize=200_000)
def keys(name: str) -> NameKeys:
    """The four keys of one name part; empty strings for a blank or non-Thai-letter name."""
    word = clean(name).replace(" ", "")
    if not word:
        return NameKeys("", "", "", "")
    return NameKeys(
        skeleton=skeleton(word)[:40],
        udom83=_safe(udom83, word)[:20],
        lk82=_safe(lk82, word)[:20],
        metasound=_safe(metasound, word)[:20],
    )


def search_text(*parts: str) -> str:
    """The text the trigram index covers: every name part, cleaned, space-separated."""
    return " ".join(p for p in (clean(x) for x in parts) if p)
