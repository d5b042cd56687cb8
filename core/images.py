"""Avatar uploads: only real JPEG/PNG/WebP images, re-encoded so nothing but pixels survives.

Re-encoding drops EXIF (GPS position, camera serial), ICC tricks and anything
appended to the file. Size and pixel limits are checked from the header before
the pixels are decoded, so a decompression bomb is refused in milliseconds.
"""

import io
import uuid
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

IMAGE_TOO_LARGE = _("The photo is larger than %(limit)s MB. Please choose a smaller one.")
IMAGE_TOO_MANY_PIXELS = _("The photo has too many pixels. Please choose a smaller one.")
IMAGE_BAD_FORMAT = _("Upload a JPEG, PNG or WebP photo.")
IMAGE_BROKEN = _("This file could not be read as a photo. Please choose another one.")

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}


def process_avatar(upload) -> ContentFile:
    """Validate an uploaded image and return a clean square JPEG under a random name."""
    return process_image(upload, size=settings.AVATAR_SIZE, square=True)


def process_image(upload, *, size: int, square: bool, max_bytes: int | None = None) -> ContentFile:
    """Validate an uploaded image; return a clean JPEG (square-cropped, or fitted inside
    ``size``×``size``) under a random name. ``max_bytes`` defaults to AVATAR_MAX_BYTES."""
    limit = max_bytes or settings.AVATAR_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            IMAGE_TOO_LARGE, code="too_large", params={"limit": limit // (1024 * 1024)}
        )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as probe:
                if probe.format not in ALLOWED_FORMATS:
                    raise ValidationError(IMAGE_BAD_FORMAT, code="format")
                width, height = probe.size
                if width * height > settings.AVATAR_MAX_PIXELS or width < 1 or height < 1:
                    raise ValidationError(IMAGE_TOO_MANY_PIXELS, code="pixels")
                probe.verify()
            upload.seek(0)
            with Image.open(upload) as image:
                image.load()
                image = ImageOps.exif_transpose(image)
                image = image.convert("RGB")
                if square:
                    image = ImageOps.fit(image, (size, size))
                else:
                    image.thumbnail((size, size))
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(IMAGE_TOO_MANY_PIXELS, code="pixels") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(IMAGE_BROKEN, code="broken") from None
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85, optimize=True)
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.jpg")
