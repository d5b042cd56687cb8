"""Business plans must be real PDF files; photos go through the image pipeline."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

from core import pdfs
from core.images import process_image

PLAN_MAX_BYTES = 10 * 1024 * 1024
PHOTO_SIZE = 1600
PLAN_NOT_PDF = _("The business plan must be a PDF file.")
PLAN_TOO_LARGE = _("The business plan is larger than 10 MB. Please make it smaller.")
PLAN_ENCRYPTED = _(
    "The business plan is protected by a password. Please upload a copy without a password."
)
PLAN_NO_PAGES = _("The business plan has no pages. Please upload the whole document.")

_PROBLEMS = {
    pdfs.NOT_PDF: PLAN_NOT_PDF,
    pdfs.ENCRYPTED: PLAN_ENCRYPTED,
    pdfs.NO_PAGES: PLAN_NO_PAGES,
}


def _pdf_problem(content: bytes):
    """None if pypdf reads ``content`` as a PDF with pages (core/pdfs.py), else the message."""
    problem = pdfs.pdf_problem(content, max_bytes=PLAN_MAX_BYTES)
    return _PROBLEMS[problem] if problem else None


def process_business_plan(upload) -> ContentFile:
    """A plan is refused unless pypdf (a well-kept parser) reads it as an unencrypted PDF with
    pages, whatever its name or declared type says."""
    if upload.size > PLAN_MAX_BYTES:
        raise ValidationError(PLAN_TOO_LARGE, code="too_large")
    upload.seek(0)
    content = upload.read(PLAN_MAX_BYTES + 1)
    if len(content) > PLAN_MAX_BYTES:  # the declared size is the client's word
        raise ValidationError(PLAN_TOO_LARGE, code="too_large")
    problem = _pdf_problem(content)
    if problem is not None:
        raise ValidationError(problem, code="not_pdf")
    return ContentFile(content, name="plan.pdf")


def process_project_photo(upload) -> ContentFile:
    return process_image(upload, size=PHOTO_SIZE, square=False)
