"""Business plans must be real PDF files; photos go through the image pipeline."""

import io
import logging

import pypdf
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

from core.images import process_image

logger = logging.getLogger(__name__)

PLAN_MAX_BYTES = 10 * 1024 * 1024
PHOTO_SIZE = 1600
PLAN_NOT_PDF = _("The business plan must be a PDF file.")
PLAN_TOO_LARGE = _("The business plan is larger than 10 MB. Please make it smaller.")
PLAN_ENCRYPTED = _(
    "The business plan is protected by a password. Please upload a copy without a password."
)
PLAN_NO_PAGES = _("The business plan has no pages. Please upload the whole document.")

# pypdf's limits, far below its defaults: a 10 MB upload never needs more, and a hostile file
# (a decompression bomb, a page tree that loops or runs millions deep) stops at these instead
# of taking a web worker's memory and time. No outside programs (jbig2dec) are run.
_PDF_CONFIGURATION = pypdf.Configuration().with_overwrites(
    maximum_declared_stream_length=2 * PLAN_MAX_BYTES,
    array_based_stream_maximum_output_length=2 * PLAN_MAX_BYTES,
    zlib_maximum_output_length=2 * PLAN_MAX_BYTES,
    zlib_maximum_recovery_input_length=PLAN_MAX_BYTES,
    lzw_maximum_output_length=2 * PLAN_MAX_BYTES,
    run_length_maximum_output_length=2 * PLAN_MAX_BYTES,
    brotli_maximum_output_length=2 * PLAN_MAX_BYTES,
    jbig2_maximum_output_length=2 * PLAN_MAX_BYTES,
    image_maximum_buffer_size=2 * PLAN_MAX_BYTES,
    stream_decoding_work_maximum_length=4 * PLAN_MAX_BYTES,
    array_maximum_element_count=20_000,
    dictionary_maximum_element_count=20_000,
    page_tree_maximum_entries=10_000,
    page_tree_maximum_depth=32,
    page_tree_maximum_page_entries=200_000,
    jbig2dec_binary=None,
)
_XREF_MAX_ENTRIES = 200_000
_RECOVERY_MAX_OBJECTS = 5_000


def _pdf_problem(content: bytes):
    """None if pypdf reads ``content`` as a PDF with at least one page, else the message."""
    if b"%PDF-" not in content[:1024]:  # not worth parsing (the header may follow junk)
        return PLAN_NOT_PDF
    try:
        with pypdf.apply_configuration(_PDF_CONFIGURATION):
            reader = pypdf.PdfReader(
                io.BytesIO(content),
                strict=False,
                root_object_recovery_limit=_RECOVERY_MAX_OBJECTS,
                xref_stream_maximum_entries=_XREF_MAX_ENTRIES,
            )
            if reader.is_encrypted:
                return PLAN_ENCRYPTED
            if len(reader.pages) == 0:
                return PLAN_NO_PAGES
    except Exception as exc:  # anything a broken or hostile file makes pypdf raise
        logger.info("business plan refused: %s: %s", type(exc).__name__, str(exc)[:200])
        return PLAN_NOT_PDF
    return None


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
