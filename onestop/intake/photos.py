"""Photo uploads: checked by content, not by name, and re-encoded so no EXIF (GPS!) survives."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PHOTOS = 3
MAX_PIXELS = 40_000_000  # refuse decompression bombs well before Pillow's own limit
FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
}


@dataclass
class CleanPhoto:
    content: ContentFile[bytes]
    content_type: str
    width: int
    height: int


def clean_photo(upload: UploadedFile) -> CleanPhoto:
    name = upload.name or "photo"
    if upload.size is not None and upload.size > MAX_BYTES:
        raise ValidationError(_("%(name)s is larger than 5 MB.") % {"name": name}, code="too_large")
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValidationError(_("%(name)s is larger than 5 MB.") % {"name": name}, code="too_large")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format or ""
            if kind not in FORMATS:
                raise ValidationError(
                    _("%(name)s is not a JPEG, PNG or WebP photo.") % {"name": name}, code="type"
                )
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError(
                    _("%(name)s is too large an image.") % {"name": name}, code="pixels"
                )
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            # Apply the camera's rotation before the EXIF block that carries it is dropped.
            upright = ImageOps.exif_transpose(image)
            if kind == "JPEG" and upright.mode not in ("RGB", "L"):
                upright = upright.convert("RGB")
            out = io.BytesIO()
            # Saving without exif=/icc_profile= writes none: location and camera data are gone.
            upright.save(out, format=kind, quality=85) if kind != "PNG" else upright.save(
                out, format=kind
            )
            width, height = upright.size
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError) as exc:
        raise ValidationError(
            _("%(name)s is not a JPEG, PNG or WebP photo.") % {"name": name}, code="type"
        ) from exc
    content_type, ext = FORMATS[kind]
    return CleanPhoto(ContentFile(out.getvalue(), name=f"photo.{ext}"), content_type, width, height)
