"""Uploaded PDFs (business plans, signed consent forms) must parse as PDFs with pages.

pypdf's limits are set far below its defaults: an upload of ``max_bytes`` never needs more,
and a hostile file (a decompression bomb, a page tree that loops or runs millions deep) stops
at these instead of taking a web worker's memory and time. No outside programs (jbig2dec) are
run. Callers turn the answer (a code) into their own message.
"""

import functools
import io
import logging

import pypdf

logger = logging.getLogger(__name__)

NOT_PDF = "not_pdf"
ENCRYPTED = "encrypted"
NO_PAGES = "no_pages"

_XREF_MAX_ENTRIES = 200_000
_RECOVERY_MAX_OBJECTS = 5_000


@functools.cache
def _configuration(max_bytes: int) -> pypdf.Configuration:
    return pypdf.Configuration().with_overwrites(
        maximum_declared_stream_length=2 * max_bytes,
        array_based_stream_maximum_output_length=2 * max_bytes,
        zlib_maximum_output_length=2 * max_bytes,
        zlib_maximum_recovery_input_length=max_bytes,
        lzw_maximum_output_length=2 * max_bytes,
        run_length_maximum_output_length=2 * max_bytes,
        brotli_maximum_output_length=2 * max_bytes,
        jbig2_maximum_output_length=2 * max_bytes,
        image_maximum_buffer_size=2 * max_bytes,
        stream_decoding_work_maximum_length=4 * max_bytes,
        array_maximum_element_count=20_000,
        dictionary_maximum_element_count=20_000,
        page_tree_maximum_entries=10_000,
        page_tree_maximum_depth=32,
        page_tree_maximum_page_entries=200_000,
        jbig2dec_binary=None,
    )


def looks_like_pdf(content: bytes) -> bool:
    return b"%PDF-" in content[:1024]  # the header may follow some junk


def pdf_problem(content: bytes, *, max_bytes: int) -> str | None:
    """None if pypdf reads ``content`` as an unencrypted PDF with at least one page, else
    NOT_PDF, ENCRYPTED or NO_PAGES."""
    if not looks_like_pdf(content):  # not worth parsing
        return NOT_PDF
    try:
        with pypdf.apply_configuration(_configuration(max_bytes)):
            reader = pypdf.PdfReader(
                io.BytesIO(content),
                strict=False,
                root_object_recovery_limit=_RECOVERY_MAX_OBJECTS,
                xref_stream_maximum_entries=_XREF_MAX_ENTRIES,
            )
            if reader.is_encrypted:
                return ENCRYPTED
            if len(reader.pages) == 0:
                return NO_PAGES
    except Exception as exc:  # anything a broken or hostile file makes pypdf raise
        logger.info("PDF refused: %s: %s", type(exc).__name__, str(exc)[:200])
        return NOT_PDF
    return None
