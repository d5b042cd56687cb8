"""Supporting documents: PDFs checked as business plans are (projects/uploads.py, through
core/pdfs.py), JPEG and PNG photos through the image pipeline (re-encoded, metadata gone)."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image

from core import pdfs
from core.images import process_image

DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
MAX_DOCUMENTS = 5
TOO_LARGE = _("A document is larger than 10 MB. Please make it smaller.")
NOT_ALLOWED = _("Documents must be PDF, JPEG or PNG files.")
ENCRYPTED = _("A PDF is protected by a password. Please upload a copy without a password.")
NO_PAGES = _("A PDF has no pages. Please upload the whole document.")
TOO_MANY = _("Please upload at most 5 documents.")

_PROBLEMS = {pdfs.NOT_PDF: NOT_ALLOWED, pdfs.ENCRYPTED: ENCRYPTED, pdfs.NO_PAGES: NO_PAGES}


def process_document(upload) -> tuple[ContentFile, str]:
    """(content, content type) of an accepted document; refused unless pypdf reads it as an
    unencrypted PDF with pages, or Pillow as a JPEG or PNG, whatever its name says."""
    if upload.size > DOCUMENT_MAX_BYTES:
        raise ValidationError(TOO_LARGE, code="too_large")
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head.startswith(b"%PDF"):
        content = upload.read(DOCUMENT_MAX_BYTES + 1)
        if len(content) > DOCUMENT_MAX_BYTES:
            raise ValidationError(TOO_LARGE, code="too_large")
        problem = pdfs.pdf_problem(content, max_bytes=DOCUMENT_MAX_BYTES)
        if problem:
            raise ValidationError(_PROBLEMS[problem], code="not_pdf")
        return ContentFile(content, name="document.pdf"), "application/pdf"
    try:
        with Image.open(upload) as probe:
            kind = probe.format
    except Exception:
        kind = None
    upload.seek(0)
    if kind not in ("JPEG", "PNG"):
        raise ValidationError(NOT_ALLOWED, code="format")
    try:
        image = process_image(upload, size=2000, square=False, max_bytes=DOCUMENT_MAX_BYTES)
    except ValidationError:
        raise ValidationError(NOT_ALLOWED, code="format") from None
    return image, "image/jpeg"
