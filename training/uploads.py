"""Attendance lists for large events, uploaded as Excel (.xlsx) or CSV.

Each row names a participant by the enrolment number printed on the sign-in sheet or by
their mobile number. ``read_attendance`` reads the file in memory (never written to disk:
personal data), and ``match_rows`` says for each row who it is or what is wrong with it,
so the staff member sees a preview and a per-row error report before anything is recorded.
"""

import csv
import io
import zipfile
from dataclasses import dataclass

import openpyxl
import openpyxl.xml
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.validators import normalize_mobile

from .models import Enrolment, EnrolmentStatus

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
MAX_UNPACKED = 50 * 1024 * 1024

FILE_UNREADABLE = _("The file is not an Excel workbook (.xlsx) or a CSV file we can read.")
FILE_TOO_LARGE = _("The file is larger than 2 MB.")
FILE_NO_COLUMN = _(
    "The first row must name a column “编号” (enrolment number) or “手机” (mobile number)."
)
FILE_TOO_MANY_ROWS = _("The list has more than %(limit)s rows; split it.")
FILE_EMPTY = _("The list has no rows.")
ROW_NOT_FOUND = _("No participant of this course has this enrolment number or mobile number.")
ROW_EMPTY = _("Neither an enrolment number nor a mobile number.")
ROW_NOT_SEATED = _("On the waitlist or cancelled, not a participant.")
ROW_TWICE = _("Already listed in an earlier row.")
ROW_RECORDED = _("Already recorded as present.")

NUMBER_HEADERS = {"编号", "报名编号", "number", "enrolmentnumber", "enrolment", "no", "no."}
MOBILE_HEADERS = {"手机", "手机号", "手机号码", "mobile", "phone", "电话"}

if not openpyxl.xml.DEFUSEDXML:  # pragma: no cover - requirements.txt installs defusedxml
    raise ImportError("defusedxml is required to read uploaded workbooks safely")


@dataclass
class Row:
    line: int
    number: str
    mobile: str
    enrolment: Enrolment | None = None
    error: str = ""
    already: bool = False


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _key(value) -> str:
    return "".join(_text(value).lower().split()).rstrip(":：*")


def _table(content: bytes, name: str) -> list[list]:
    if len(content) > MAX_BYTES:
        raise ValidationError(FILE_TOO_LARGE)
    if content[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                if sum(p.file_size for p in archive.infolist()) > MAX_UNPACKED:
                    raise ValidationError(FILE_UNREADABLE)
            workbook = openpyxl.load_workbook(
                io.BytesIO(content), read_only=True, data_only=True, keep_links=False
            )
            try:
                sheet = workbook.worksheets[0]
                sheet.reset_dimensions()
                rows = []
                for cells in sheet.iter_rows(max_col=20, values_only=True):
                    rows.append(list(cells))
                    if len(rows) > MAX_ROWS + 1:
                        break
                return rows
            finally:
                workbook.close()
        except ValidationError:
            raise
        except Exception:  # anything a broken or hostile workbook makes openpyxl raise
            raise ValidationError(FILE_UNREADABLE) from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValidationError(FILE_UNREADABLE)
    if "\x00" in text:
        raise ValidationError(FILE_UNREADABLE)
    try:
        return [
            row[:20]
            for _, row in zip(range(MAX_ROWS + 2), csv.reader(io.StringIO(text)), strict=False)
        ]
    except csv.Error:
        raise ValidationError(FILE_UNREADABLE) from None


def _cell(cells, index) -> str:
    return _text(cells[index]) if index is not None and index < len(cells) else ""


def read_attendance(content: bytes, name: str = "") -> list[Row]:
    """The rows of the list (raises ValidationError for the whole file)."""
    table = _table(content, name)
    if not table:
        raise ValidationError(FILE_EMPTY)
    header = [_key(c) for c in table[0]]
    number_col = next((i for i, h in enumerate(header) if h in NUMBER_HEADERS), None)
    mobile_col = next((i for i, h in enumerate(header) if h in MOBILE_HEADERS), None)
    if number_col is None and mobile_col is None:
        raise ValidationError(FILE_NO_COLUMN)
    rows = []
    for line, cells in enumerate(table[1:], 2):
        number, mobile = _cell(cells, number_col), _cell(cells, mobile_col)
        if not any(_text(c) for c in cells):
            continue
        rows.append(Row(line=line, number=number, mobile=mobile))
    if len(rows) > MAX_ROWS:
        raise ValidationError(FILE_TOO_MANY_ROWS, params={"limit": MAX_ROWS})
    if not rows:
        raise ValidationError(FILE_EMPTY)
    return rows


def match_rows(rows: list[Row], session) -> list[Row]:
    """Who each row is (an enrolment of the session's course) or what is wrong with it; a
    fixed number of queries however long the list."""
    enrolments = {
        e.pk: e
        for e in Enrolment.objects.filter(course_id=session.course_id).select_related("youth")
    }
    by_phone_hash = {}
    mobiles = {}
    for row in rows:
        if not row.number and row.mobile:
            try:
                mobiles[row.line] = normalize_mobile(row.mobile)
            except ValidationError:
                mobiles[row.line] = None
    if mobiles:
        users = User.objects.filter(
            enrolments__course_id=session.course_id,
        ).only("pk", "phone", "phone_hash")
        for user in users:
            if user.phone:
                by_phone_hash[user.phone] = user.pk
    by_youth = {}
    for e in enrolments.values():
        if e.status == EnrolmentStatus.CONFIRMED or e.youth_id not in by_youth:
            by_youth[e.youth_id] = e
    recorded = set(session.attendances.values_list("enrolment_id", flat=True))
    seen = set()
    for row in rows:
        enrolment = None
        if row.number:
            digits = row.number.lstrip("#")
            enrolment = enrolments.get(int(digits)) if digits.isdigit() else None
        elif row.mobile:
            mobile = mobiles.get(row.line)
            youth_pk = by_phone_hash.get(mobile) if mobile else None
            enrolment = by_youth.get(youth_pk)
        else:
            row.error = ROW_EMPTY
            continue
        if enrolment is None:
            row.error = ROW_NOT_FOUND
        elif enrolment.status != EnrolmentStatus.CONFIRMED:
            row.error = ROW_NOT_SEATED
        elif enrolment.pk in seen:
            row.error = ROW_TWICE
        else:
            seen.add(enrolment.pk)
            row.enrolment = enrolment
            row.already = enrolment.pk in recorded
    return rows
