"""The work report as a Word document (python-docx) and as an A4 PDF (ReportLab).

Both are written from ``report.document()``: the same words and the same live figures as the
web version. The Word file names an East Asian font (宋体 / SimSun) on every run, as Word needs
to show Chinese in a Chinese font; the PDF uses ReportLab's CID font STSong-Light (the reader
supplies the glyphs, as for training's certificates), wrapped by character for Chinese.
"""

import io
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from reportlab.lib import textsplit as reportlab_textsplit
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer
from reportlab.platypus import paragraph as reportlab_paragraph

from .report import plain

EAST_ASIAN_FONT = "宋体"
LATIN_FONT = "Times New Roman"
PDF_FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
# ReportLab's CJK wrapping keeps 、。） off the start of a line but not the full-width comma,
# semicolon, colon, marks and closing quotes (reportlab.lib.textsplit.CANNOT_START_LINE), so a
# line could begin with "，". Added once to the two copies of the list it reads (one-fragment
# and many-fragment paragraphs); other CJK PDFs gain the same.
_NOT_AT_LINE_START = "，；：！？”’》」』"
for _module in (reportlab_textsplit, reportlab_paragraph):
    if _NOT_AT_LINE_START[0] not in _module.ALL_CANNOT_START:
        _module.ALL_CANNOT_START += _NOT_AT_LINE_START


def _font(run, size: float, bold: bool = False) -> None:
    run.font.name = LATIN_FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run_fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    run_fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)


def docx_bytes(doc: dict) -> bytes:
    chinese = doc["language"].startswith("zh")
    word = Document()
    normal = word.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    word.core_properties.title = plain(doc["title"])
    title = word.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run(plain(doc["title"])), 18, bold=True)
    for section in doc["sections"]:
        if section["heading"]:
            heading = word.add_paragraph()
            _font(heading.add_run(section["heading"]), 14, bold=True)
        if not section["parts"]:
            continue
        paragraph = word.add_paragraph()
        # Chinese paragraphs open with two characters' indent, as the district's report does.
        paragraph.paragraph_format.first_line_indent = Pt(24 if chinese else 0)
        paragraph.paragraph_format.line_spacing = 1.5
        for part in section["parts"]:
            # A figure stands out in bold, so a reader sees which words are the records'.
            _font(paragraph.add_run(part["text"]), 12, bold="figure" in part)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def pdf_bytes(doc: dict) -> bytes:
    chinese = doc["language"].startswith("zh")
    wrap = "CJK" if chinese else None
    title_style = ParagraphStyle(
        "title", fontName=PDF_FONT, fontSize=17, leading=26, alignment=1, wordWrap=wrap
    )
    heading_style = ParagraphStyle(
        "heading", fontName=PDF_FONT, fontSize=13, leading=22, spaceBefore=6, wordWrap=wrap
    )
    body_style = ParagraphStyle(
        "body",
        fontName=PDF_FONT,
        fontSize=11.5,
        leading=21,
        firstLineIndent=23 if chinese else 0,
        spaceAfter=4,
        wordWrap=wrap,
        alignment=4,  # justified
    )
    buffer = io.BytesIO()
    pdf = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=25 * mm,
        rightMargin=25 * mm,
        topMargin=25 * mm,
        bottomMargin=25 * mm,
        title=plain(doc["title"]),
    )
    story = [Paragraph(escape(plain(doc["title"])), title_style), Spacer(1, 6 * mm)]
    for section in doc["sections"]:
        if section["heading"]:
            story.append(Paragraph(escape(section["heading"]), heading_style))
        if section["parts"]:
            story.append(Paragraph(escape(plain(section["parts"])), body_style))
    pdf.build(story)
    return buffer.getvalue()
