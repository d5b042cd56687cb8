"""A4 PDFs in Chinese: the certificate (with its segno QR code) and a session's sign-in sheet.

ReportLab's built-in CID font STSong-Light renders Chinese without a font file on the server
(the PDF reader supplies the glyphs, as every Chinese PDF reader does). The QR code is drawn
module by module from segno's matrix, so it stays sharp at any print size.
"""

import io
from xml.sax.saxutils import escape

import segno
from django.utils import formats
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _qr(pdf, url: str, x: float, y: float, size: float) -> None:
    qr = segno.make(url, error="m")
    matrix = list(qr.matrix)
    module = size / len(matrix)
    pdf.setFillColor(colors.black)
    for row, cells in enumerate(matrix):
        for col, dark in enumerate(cells):
            if dark:
                pdf.rect(x + col * module, y + size - (row + 1) * module, module, module, 0, 1)


def certificate_pdf(cert, course, holder_name: str, verify_url: str) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(f"{_('Certificate of training')} {cert.number}")
    width, height = A4
    pdf.setLineWidth(2)
    pdf.rect(15 * mm, 15 * mm, width - 30 * mm, height - 30 * mm)
    pdf.setFont(FONT, 30)
    pdf.drawCentredString(width / 2, height - 55 * mm, _("Certificate of training"))
    pdf.setFont(FONT, 15)
    text = _("%(name)s has completed the course “%(title)s”.") % {
        "name": holder_name,
        "title": course.title,
    }
    pdf.drawCentredString(width / 2, height - 80 * mm, text)
    rows = [
        (_("Grade"), cert.grade),
        (_("Job type"), course.job_type or "—"),
        (_("Certificate number"), cert.number),
        (_("Issued on"), formats.date_format(cert.issued_on, "DATE_FORMAT")),
        (
            _("Valid until"),
            formats.date_format(cert.valid_until, "DATE_FORMAT")
            if cert.valid_until
            else _("no end date"),
        ),
        (_("Issued by"), cert.issuer),
    ]
    y = height - 105 * mm
    pdf.setFont(FONT, 13)
    for label, value in rows:
        pdf.drawRightString(width / 2 - 4 * mm, y, f"{label}：")
        pdf.drawString(width / 2 + 2 * mm, y, str(value))
        y -= 10 * mm
    size = 45 * mm
    _qr(pdf, verify_url, (width - size) / 2, 50 * mm, size)
    pdf.setFont(FONT, 10)
    pdf.drawCentredString(width / 2, 43 * mm, _("Scan to verify this certificate:"))
    pdf.drawCentredString(width / 2, 37 * mm, verify_url)
    if cert.is_revoked:
        pdf.setFillColor(colors.red)
        pdf.setFont(FONT, 20)
        pdf.drawCentredString(width / 2, height - 35 * mm, _("This certificate has been revoked."))
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def sign_in_sheet_pdf(session, course, participants) -> bytes:
    """One row per participant: enrolment number, masked name and mobile, a signature box."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"{_('Sign-in sheet')} {course.title}",
    )
    title = ParagraphStyle("title", fontName=FONT, fontSize=18, leading=24, alignment=1)
    body = ParagraphStyle("body", fontName=FONT, fontSize=11, leading=16, alignment=1)
    when = formats.date_format(session.starts_at, "SHORT_DATETIME_FORMAT")
    venue = session.venue.name if session.venue_id else course.venue.name
    heading = " · ".join(filter(None, [course.title, session.topic, when, venue, session.trainer]))
    data = [[_("No."), _("Name"), _("Mobile"), _("Signature")]]
    data += [[str(e.pk), e.masked_name, e.masked_phone, ""] for e in participants]
    table = Table(data, colWidths=[25 * mm, 40 * mm, 40 * mm, 75 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 11),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white]),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 8),
                ("TOPPADDING", (0, 1), (-1, -1), 8),
            ]
        )
    )
    doc.build(
        [
            Paragraph(_("Sign-in sheet"), title),
            Spacer(1, 4 * mm),
            Paragraph(escape(heading), body),
            Spacer(1, 6 * mm),
            table,
        ]
    )
    return buffer.getvalue()
