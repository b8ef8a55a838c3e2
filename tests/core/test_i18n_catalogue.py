"""The Thai catalogue is complete; the migrant-language drafts cover the public form; every
committed .mo matches its .po."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"
LANGS = ["th", "my", "km", "lo"]


def test_every_string_has_a_thai_translation() -> None:
    po = polib.pofile(str(LOCALE / "th" / "LC_MESSAGES" / "django.po"))
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
    assert len(po) > 500


@pytest.mark.parametrize("lang", ["my", "km", "lo"])
def test_migrant_languages_cover_the_public_form_and_are_marked_as_drafts(lang: str) -> None:
    po = polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))
    translated = {e.msgid for e in po.translated_entries()}
    for msgid in (
        "Ask for help",
        "What is happening?",
        "Your personal data",
        "Purpose: to help the person you tell us about, and to contact you if you allow it.",
        "Send the request",
        "Tracking code",
        "Please tell us what is happening.",
    ):
        assert msgid in translated, msgid
    assert all("DRAFT" in e.tcomment for e in po.translated_entries())
    assert "draft" in po.metadata["X-Translation-Status"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_compiled_catalogue_is_up_to_date(lang: str) -> None:
    folder = LOCALE / lang / "LC_MESSAGES"

    def text(e: polib._BaseEntry) -> object:
        # Plural entries carry their forms in msgstr_plural.
        return e.msgstr or {int(k): v for k, v in e.msgstr_plural.items()}

    # Keyed with the context too: "Closed" of a case and of a request translate differently.
    po = {
        (e.msgctxt or "", e.msgid): text(e)
        for e in polib.pofile(str(folder / "django.po"))
        if not e.obsolete and (e.msgstr or e.msgstr_plural)
    }
    mo = {
        (e.msgctxt or "", e.msgid): text(e)
        for e in polib.mofile(str(folder / "django.mo"))
        if e.msgid
    }
    assert mo == po
