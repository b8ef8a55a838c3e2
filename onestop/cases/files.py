"""Case attachments: judged by their bytes, never by their name. PDFs and photos only; photos
are re-encoded without EXIF (the intake photo cleaner), PDFs must parse."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils.translation import gettext as _

from onestop.intake import photos

MAX_BYTES = 10 * 1024 * 1024
PDF = "application/pdf"
IMAGES = {"image/jpeg", "image/png", "image/webp"}
# What filetype calls programs and scripts: named in the error, so staff know why.
EXECUTABLES = {
    "application/x-msdownload",
    "application/x-executable",
    "application/x-elf",
    "application/x-mach-binary",
    "application/vnd.microsoft.portable-executable",
    "application/x-sharedlib",
    "application/x-shellscript",
}


@dataclass
class CleanFile:
    data: bytes
    content_type: str
    extension: str

    def content(self) -> ContentFile[bytes]:
        return ContentFile(self.data)


def _looks_executable(data: bytes, kind: str | None) -> bool:
    return (
        kind in EXECUTABLES
        or data[:2] == b"MZ"  # Windows programs
        or data[:4] == b"\x7fELF"
        or data[:2] == b"#!"  # scripts
        or data[:4] in (b"\xfe\xed\xfa\xce", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe")  # Mach-O
    )


def clean_attachment(upload: UploadedFile) -> CleanFile:
    name = upload.name or "file"
    if upload.size is not None and upload.size > MAX_BYTES:
        raise ValidationError({"file": [_("%(name)s is larger than 10 MB.") % {"name": name}]})
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValidationError({"file": [_("%(name)s is larger than 10 MB.") % {"name": name}]})
    if not data:
        raise ValidationError({"file": [_("%(name)s is empty.") % {"name": name}]})
    guess = filetype.guess(data)
    mime = guess.mime if guess else None
    if _looks_executable(data, mime):
        raise ValidationError(
            {"file": [_("%(name)s is a program. Programs are never accepted.") % {"name": name}]}
        )
    if mime == PDF and data.startswith(b"%PDF-") and b"%%EOF" in data[-2048:]:
        if b"/JavaScript" in data or b"/JS" in data or b"/Launch" in data:
            raise ValidationError(
                {
                    "file": [
                        _(
                            "%(name)s is a PDF with scripts in it. Print it to PDF again and upload that."
                        )
                        % {"name": name}
                    ]
                }
            )
        return CleanFile(data, PDF, "pdf")
    if mime in IMAGES:
        try:
            photo = photos.clean_photo(SimpleUploadedFile(name, data))
        except ValidationError as exc:
            raise ValidationError({"file": exc.messages}) from exc
        ext = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}[photo.content_type]
        return CleanFile(photo.content.read(), photo.content_type, ext)
    raise ValidationError(
        {"file": [_("%(name)s is not a PDF or a JPEG, PNG or WebP photo.") % {"name": name}]}
    )


def safe_name(name: str) -> str:
    """The uploaded name for display only (the stored name is the hash)."""
    base = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    return re.sub(r"[\x00-\x1f<>:\"|?*]", "_", base).strip() or "file"
