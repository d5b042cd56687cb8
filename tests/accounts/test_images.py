import io
import time
import zlib

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.images import (
    IMAGE_BAD_FORMAT,
    IMAGE_BROKEN,
    IMAGE_TOO_LARGE,
    IMAGE_TOO_MANY_PIXELS,
    process_avatar,
)

GPS_IFD = 0x8825
MAKE = 0x010F
MODEL = 0x0110
ORIENTATION = 0x0112


def image_bytes(fmt: str, size=(800, 600), mode="RGB", color=(200, 30, 30), **save_kwargs) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, color).save(buffer, format=fmt, **save_kwargs)
    return buffer.getvalue()


def upload(data: bytes, name="photo.jpg", content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def jpeg_with_exif(size=(800, 600), orientation=None) -> bytes:
    exif = Image.Exif()
    exif[MAKE] = "SpyCam"
    exif[MODEL] = "Model 3000 serial 123456"
    exif.get_ifd(GPS_IFD)[2] = (30.0, 15.0, 0.0)  # GPSLatitude
    exif.get_ifd(GPS_IFD)[4] = (120.0, 10.0, 0.0)  # GPSLongitude
    if orientation:
        exif[ORIENTATION] = orientation
    return image_bytes("JPEG", size=size, exif=exif.tobytes())


def open_result(content_file) -> Image.Image:
    content_file.seek(0)
    image = Image.open(io.BytesIO(content_file.read()))
    image.load()
    return image


def error_of(exc_info) -> tuple[str, list[str]]:
    return exc_info.value.code, exc_info.value.messages


def test_it_re_encodes_a_jpeg_without_exif():
    data = jpeg_with_exif()
    # The fixture really carries the data we want stripped.
    original = Image.open(io.BytesIO(data))
    assert original.getexif()[MAKE] == "SpyCam"
    assert b"SpyCam" in data

    result = open_result(process_avatar(upload(data)))

    assert result.format == "JPEG"
    assert result.size == (settings.AVATAR_SIZE, settings.AVATAR_SIZE)
    assert "exif" not in result.info
    assert dict(result.getexif()) == {}
    assert result.getexif().get_ifd(GPS_IFD) == {}


def test_it_leaves_no_trace_of_the_exif_bytes_in_the_output():
    out = process_avatar(upload(jpeg_with_exif()))
    out.seek(0)
    raw = out.read()
    assert b"SpyCam" not in raw
    assert b"Exif\x00\x00" not in raw


def test_it_applies_the_exif_orientation_before_dropping_it():
    # 800x400 landscape marked "rotate 90": upright it is portrait. A red top half of the
    # stored image ends up on one side after transposing, so the output is not uniform
    # left-to-right.
    base = Image.new("RGB", (800, 400), (0, 0, 255))
    base.paste((255, 0, 0), (0, 0, 800, 200))
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # rotate 90 CW to display
    buffer = io.BytesIO()
    base.save(buffer, format="JPEG", exif=exif.tobytes(), quality=95)

    result = open_result(process_avatar(upload(buffer.getvalue())))

    size = settings.AVATAR_SIZE
    left = result.getpixel((size // 8, size // 2))
    right = result.getpixel((size - size // 8, size // 2))
    # Orientation 6: the stored top (red) becomes the right side.
    assert right[0] > 200 and right[2] < 60
    assert left[2] > 200 and left[0] < 60
    assert dict(result.getexif()) == {}


def test_it_crops_to_a_square_of_avatar_size():
    result = open_result(process_avatar(upload(image_bytes("JPEG", size=(3000, 1000)))))
    assert result.size == (settings.AVATAR_SIZE, settings.AVATAR_SIZE)


@pytest.mark.parametrize(
    "fmt,mode,name,content_type",
    [
        ("PNG", "RGB", "photo.png", "image/png"),
        ("PNG", "RGBA", "photo.png", "image/png"),
        ("PNG", "P", "photo.png", "image/png"),
        ("WEBP", "RGB", "photo.webp", "image/webp"),
        ("JPEG", "L", "photo.jpg", "image/jpeg"),
        ("JPEG", "CMYK", "photo.jpg", "image/jpeg"),
    ],
)
def test_it_accepts_png_and_webp_and_outputs_jpeg(fmt, mode, name, content_type):
    color = {"L": 128, "P": 3, "CMYK": (0, 200, 200, 0), "RGBA": (10, 200, 10, 128)}.get(
        mode, (10, 200, 10)
    )
    data = image_bytes(fmt, size=(640, 480), mode=mode, color=color)
    result = open_result(process_avatar(upload(data, name=name, content_type=content_type)))
    assert result.format == "JPEG"
    assert result.mode == "RGB"
    assert result.size == (settings.AVATAR_SIZE, settings.AVATAR_SIZE)


@pytest.mark.parametrize(
    "fmt,name",
    [("GIF", "photo.gif"), ("BMP", "photo.bmp"), ("TIFF", "photo.tiff"), ("GIF", "photo.jpg")],
)
def test_it_refuses_other_image_formats(fmt, name):
    data = image_bytes(fmt, size=(100, 100))
    with pytest.raises(ValidationError) as exc_info:
        process_avatar(upload(data, name=name))
    assert error_of(exc_info) == ("format", [str(IMAGE_BAD_FORMAT)])


def test_it_refuses_a_pdf():
    buffer = io.BytesIO()
    Image.new("RGB", (100, 100)).save(buffer, format="PDF")
    data = buffer.getvalue()
    assert data.startswith(b"%PDF")
    with pytest.raises(ValidationError) as exc_info:
        process_avatar(upload(data, name="photo.pdf", content_type="application/pdf"))
    assert exc_info.value.code in {"format", "broken"}


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"Dear diary, this is not a photo.\n" * 20, id="text"),
        pytest.param(b"", id="empty"),
        pytest.param(b"\xff\xd8\xff", id="jpeg-magic-only"),
        pytest.param(b"<svg xmlns='http://www.w3.org/2000/svg'/>", id="svg"),
        pytest.param(b"<?php echo 'hi'; ?>", id="php"),
    ],
)
def test_it_refuses_a_non_image_renamed_jpg(data):
    with pytest.raises(ValidationError) as exc_info:
        process_avatar(upload(data, name="photo.jpg"))
    assert error_of(exc_info) == ("broken", [str(IMAGE_BROKEN)])


def test_it_refuses_a_truncated_jpeg():
    # Noise does not compress, so the cut really removes scan data.
    noise = Image.effect_noise((400, 400), 100).convert("RGB")
    buffer = io.BytesIO()
    noise.save(buffer, format="JPEG", quality=95)
    data = buffer.getvalue()
    truncated = data[: len(data) // 2]
    with pytest.raises(ValidationError) as exc_info:
        process_avatar(upload(truncated))
    assert error_of(exc_info) == ("broken", [str(IMAGE_BROKEN)])


def test_it_refuses_a_truncated_png():
    noise = Image.effect_noise((400, 400), 100).convert("RGB")
    buffer = io.BytesIO()
    noise.save(buffer, format="PNG")
    data = buffer.getvalue()
    with pytest.raises(ValidationError) as exc_info:
        process_avatar(upload(data[: len(data) // 2], name="photo.png"))
    assert exc_info.value.code == "broken"


def test_it_refuses_a_file_over_the_byte_limit(settings):
    settings.AVATAR_MAX_BYTES = 2 * 1024 * 1024
    data = image_bytes("JPEG", size=(100, 100))
    too_big = data + b"\x00" * (settings.AVATAR_MAX_BYTES + 1 - len(data))
    assert len(too_big) == settings.AVATAR_MAX_BYTES + 1
    with pytest.raises(ValidationError) as exc_info:
        process_avatar(upload(too_big))
    assert exc_info.value.code == "too_large"
    assert exc_info.value.messages == [str(IMAGE_TOO_LARGE % {"limit": 2})]


def test_it_accepts_a_file_of_exactly_the_byte_limit(settings):
    data = image_bytes("JPEG", size=(100, 100))
    settings.AVATAR_MAX_BYTES = len(data)
    assert process_avatar(upload(data)).size > 0


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width x height: the IHDR is rewritten, CRC fixed."""
    data = bytearray(image_bytes("PNG", size=(8, 8), mode="1", color=0))
    assert data[12:16] == b"IHDR"
    data[16:20] = width.to_bytes(4, "big")
    data[20:24] = height.to_bytes(4, "big")
    data[29:33] = zlib.crc32(bytes(data[12:29])).to_bytes(4, "big")
    return bytes(data)


def real_bomb_png(size) -> bytes:
    buffer = io.BytesIO()
    Image.new("1", size).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: real_bomb_png((20000, 20000)), id="real-20000x20000"),
        pytest.param(lambda: png_claiming(30000, 30000), id="header-30000x30000"),
        pytest.param(lambda: png_claiming(10000, 10000), id="header-between-limits"),
        pytest.param(lambda: png_claiming(5001, 5000), id="header-just-over-avatar-limit"),
        pytest.param(lambda: png_claiming(25_000_001, 1), id="header-one-row"),
        pytest.param(lambda: png_claiming(2**31 - 1, 2**31 - 1), id="header-max-dimensions"),
    ],
)
def test_it_refuses_a_decompression_bomb_quickly(make):
    data = make()
    assert len(data) < settings.AVATAR_MAX_BYTES  # only the pixel limit can stop it

    started = time.perf_counter()
    with pytest.raises(ValidationError) as exc_info:
        process_avatar(upload(data, name="bomb.png", content_type="image/png"))
    elapsed = time.perf_counter() - started

    assert error_of(exc_info) == ("pixels", [str(IMAGE_TOO_MANY_PIXELS)])
    assert elapsed < 0.5, f"took {elapsed:.2f}s: the pixels were decoded"


def test_it_accepts_an_image_at_the_pixel_limit(settings):
    settings.AVATAR_MAX_PIXELS = 600 * 400
    result = open_result(process_avatar(upload(image_bytes("PNG", size=(600, 400)))))
    assert result.size == (settings.AVATAR_SIZE, settings.AVATAR_SIZE)
    settings.AVATAR_MAX_PIXELS = 600 * 400 - 1
    with pytest.raises(ValidationError) as exc_info:
        process_avatar(upload(image_bytes("PNG", size=(600, 400))))
    assert exc_info.value.code == "pixels"


def test_it_gives_each_upload_a_random_name():
    data = image_bytes("JPEG")
    first = process_avatar(upload(data, name="alice-33010219900101123X.jpg"))
    second = process_avatar(upload(data, name="alice-33010219900101123X.jpg"))
    assert first.name != second.name
    for result in (first, second):
        assert "alice" not in result.name
        assert "33010219900101123X" not in result.name
        assert result.name.endswith(".jpg")
        assert "/" not in result.name and "\\" not in result.name


def test_it_ignores_a_path_in_the_upload_name():
    result = process_avatar(upload(image_bytes("PNG"), name="../../etc/passwd.png"))
    assert ".." not in result.name
    assert "passwd" not in result.name
