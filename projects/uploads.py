"""Business plans must be real PDF files; photos go through the image pipeline."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

from core.images import process_image

PLAN_MAX_BYTES = 10 * 1024 * 1024
PHOTO_SIZE = 1600
PLAN_NOT_PDF = _("The business plan must be a PDF file.")
PLAN_TOO_LARGE = _("The business plan is larger than 10 MB. Please make it smaller.")


def process_business_plan(upload) -> ContentFile:
    """A PDF starts with ``%PDF-`` and ends with ``%%EOF``; anything else is refused,
    whatever its name or declared type says."""
    if upload.size > PLAN_MAX_BYTES:
        raise ValidationError(PLAN_TOO_LARGE, code="too_large")
    upload.seek(0)
    content = upload.read()
    if not content.startswith(b"%PDF-") or b"%%EOF" not in content[-2048:]:
        raise ValidationError(PLAN_NOT_PDF, code="not_pdf")
    return ContentFile(content, name="plan.pdf")


def process_project_photo(upload) -> ContentFile:
    return process_image(upload, size=PHOTO_SIZE, square=False)
