from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def _image_bytes(fmt: str, size: tuple[int, int] = (64, 48), exif_gps: bool = False) -> bytes:
    image = Image.new("RGB", size, (200, 120, 40))
    out = io.BytesIO()
    if exif_gps:
        exif = Image.Exif()
        exif[0x010F] = "PhoneMaker"  # Make
        gps = exif.get_ifd(0x8825)
        gps[1] = "N"
        gps[2] = (14.0, 4.0, 12.0)
        gps[3] = "E"
        gps[4] = (100.0, 36.0, 5.0)
        image.save(out, format=fmt, exif=exif.tobytes())
    else:
        image.save(out, format=fmt)
    return out.getvalue()


@pytest.fixture
def jpeg_with_gps() -> SimpleUploadedFile:
    return SimpleUploadedFile("house.jpg", _image_bytes("JPEG", exif_gps=True), "image/jpeg")


@pytest.fixture
def make_photo():  # type: ignore[no-untyped-def]
    def make(name: str = "p.jpg", fmt: str = "JPEG") -> SimpleUploadedFile:
        return SimpleUploadedFile(name, _image_bytes(fmt), f"image/{fmt.lower()}")

    return make


@pytest.fixture
def svg_as_jpg() -> SimpleUploadedFile:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    return SimpleUploadedFile("evil.jpg", svg, "image/jpeg")


@pytest.fixture
def pdf_as_jpg() -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "doc.jpg", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "image/jpeg"
    )


@pytest.fixture
def six_mb_photo() -> SimpleUploadedFile:
    # A real JPEG header followed by padding: too big is refused before decoding.
    data = _image_bytes("JPEG") + b"\0" * (6 * 1024 * 1024)
    return SimpleUploadedFile("big.jpg", data, "image/jpeg")
