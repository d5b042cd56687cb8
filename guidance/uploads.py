"""Case documents must be real PDF files, checked as business plans are (core/pdfs.py)."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

from core import pdfs

DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
DOCUMENT_NOT_PDF = _("The document must be a PDF file.")
DOCUMENT_TOO_LARGE = _("The document is larger than 10 MB. Please make it smaller.")
DOCUMENT_ENCRYPTED = _(
    "The document is protected by a password. Please upload a copy without a password."
)
DOCUMENT_NO_PAGES = _("The document has no pages. Please upload the whole document.")

_PROBLEMS = {
    pdfs.NOT_PDF: DOCUMENT_NOT_PDF,
    pdfs.ENCRYPTED: DOCUMENT_ENCRYPTED,
    pdfs.NO_PAGES: DOCUMENT_NO_PAGES,
}


def process_case_document(upload) -> ContentFile:
    """Refused unless pypdf reads it as an unencrypted PDF with pages, whatever its name or
    declared type says."""
    if upload.size > DOCUMENT_MAX_BYTES:
        raise ValidationError(DOCUMENT_TOO_LARGE, code="too_large")
    upload.seek(0)
    content = upload.read(DOCUMENT_MAX_BYTES + 1)
    if len(content) > DOCUMENT_MAX_BYTES:
        raise ValidationError(DOCUMENT_TOO_LARGE, code="too_large")
    problem = pdfs.pdf_problem(content, max_bytes=DOCUMENT_MAX_BYTES)
    if problem:
        raise ValidationError(_PROBLEMS[problem], code="not_pdf")
    return ContentFile(content, name="document.pdf")
