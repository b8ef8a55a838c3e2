from __future__ import annotations

# Thai digits ๐-๙ are common in typed and scanned input; normalise them before validating.
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")


def to_arabic_digits(text: str) -> str:
    return text.translate(_TO_ARABIC)
