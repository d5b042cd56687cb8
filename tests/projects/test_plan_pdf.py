"""A business plan must be read by pypdf as a PDF with pages; a broken or hostile file gets the
form's message, quickly and in little memory, and never an error page."""

import random
import struct
import time
import tracemalloc
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from projects.uploads import PLAN_NO_PAGES, PLAN_NOT_PDF, process_business_plan

from ..factories import pdf_bytes


def raw_pdf(*objects: bytes) -> bytes:
    """Objects 1, 2, ... with a correct cross-reference table; object 1 is the catalogue."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGE = b"<< /Type /Page /MediaBox [0 0 10 10] >>"


def objstm_bomb(inflated: int) -> bytes:
    """The page tree's root inside a compressed object stream that inflates to ``inflated``
    bytes (with a cross-reference stream, as PDF 1.5 writers make them)."""
    inner = b"2 0 "
    packed = zlib.compress(
        inner + b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>" + b" " * inflated, 9
    )
    out = bytearray(b"%PDF-1.5\n")
    offsets = {1: len(out)}
    out += b"1 0 obj\n" + CATALOG + b"\nendobj\n"
    offsets[3] = len(out)
    out += (
        b"3 0 obj\n<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\n"
        b"stream\n%s\nendstream\nendobj\n" % (len(inner), len(packed), packed)
    )
    offsets[4] = len(out)
    out += b"4 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>\nendobj\n"
    offsets[5] = len(out)
    rows = b"".join(
        struct.pack(">BIH", *row)
        for row in [
            (0, 0, 65535),
            (1, offsets[1], 0),
            (2, 3, 0),  # object 2 is the first in object stream 3
            (1, offsets[3], 0),
            (1, offsets[4], 0),
            (1, offsets[5], 0),
        ]
    )
    out += (
        b"5 0 obj\n<< /Type /XRef /Size 6 /W [1 4 2] /Root 1 0 R /Length %d >>\n"
        b"stream\n%s\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % (len(rows), rows, offsets[5])
    )
    return bytes(out)


def check(content: bytes):
    return process_business_plan(SimpleUploadedFile("plan.pdf", content, "application/pdf"))


def refusal(content: bytes) -> str:
    with pytest.raises(ValidationError) as excinfo:
        check(content)
    return excinfo.value.messages[0]


def test_real_pdfs_are_accepted_as_they_are():
    for content in (pdf_bytes(), pdf_bytes(pages=30, title="计划"), objstm_bomb(100)):
        assert check(content).read() == content
    # a well-formed file written by hand (no pypdf on the writing side)
    assert check(raw_pdf(CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", PAGE))


def test_a_page_tree_that_loops_is_refused():
    looping = raw_pdf(CATALOG, b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>", PAGE)
    assert refusal(looping) == PLAN_NOT_PDF


def test_a_page_tree_without_pages_is_refused():
    assert refusal(raw_pdf(CATALOG, b"<< /Type /Pages /Kids [] /Count 0 >>")) == PLAN_NO_PAGES


HOSTILE = {
    # Each level names the next twice: 2**40 pages if followed blindly.
    "exponential page tree": lambda: raw_pdf(
        CATALOG,
        *[
            b"<< /Type /Pages /Kids [%d 0 R %d 0 R] /Count 1 >>" % (n + 1, n + 1)
            for n in range(2, 42)
        ],
        PAGE,
    ),  # fmt: skip
    "page tree 3,000 deep": lambda: raw_pdf(
        CATALOG,
        *[b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % (n + 1) for n in range(2, 3000)],
        PAGE,
    ),
    "50,000 references to one page": lambda: raw_pdf(
        CATALOG,
        b"<< /Type /Pages /Kids [" + b" 3 0 R" * 50_000 + b"] /Count 50000 >>",
        PAGE,
    ),
    # 500 KB that inflate to 500 MB (pypdf's default limits let it take 150 MB and 2 s)
    "decompression bomb": lambda: objstm_bomb(500 * 1024 * 1024),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_pdfs_are_refused_quickly_and_in_little_memory(case):
    content = HOSTILE[case]()
    tracemalloc.start()
    started = time.monotonic()
    try:
        message = refusal(content)
    finally:
        elapsed = time.monotonic() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert message == PLAN_NOT_PDF
    assert elapsed < 5, elapsed  # about 0.3 s here; tracemalloc slows it down
    assert peak < 80 * 1024 * 1024, peak


def test_damaged_pdfs_never_raise_anything_but_the_form_message():
    rng = random.Random(20261130)
    good = pdf_bytes(pages=3, title="damaged")
    for _ in range(300):
        damaged = bytearray(good)
        for _ in range(rng.randint(1, 8)):
            position = rng.randrange(len(damaged))
            if rng.random() < 0.5:
                damaged[position] = rng.randrange(256)
            else:
                del damaged[position : position + rng.randint(1, 40)]
        try:
            check(bytes(damaged))
        except ValidationError as error:
            assert error.messages[0] in {PLAN_NOT_PDF, PLAN_NO_PAGES}
