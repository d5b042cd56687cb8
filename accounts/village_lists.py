"""A village's list: staff upload an Excel workbook of young people (name, mobile, village) and
each row becomes an invitation to register, sent by text message. Never an account: nobody is
registered without giving consent themselves. The invitation (kind ``youth_registration``,
accounts/invitations.py) leads to registration by mobile number with the number filled in and
the village as home centre; the young person confirms the number with a code and consents.

- The workbook is read in memory, never written to disk (personal data): openpyxl in read-only
  mode with defusedxml (no entity expansion), after the archive's sizes are checked (no
  decompression bomb; zipfile holds the reading to the declared sizes). At most MAX_BYTES and
  MAX_ROWS rows.
- The preview gives every row "ok" or the reasons it is refused: no name, a bad mobile number,
  a village that is not in the staff member's area, the same number twice. Nothing is sent
  while any row is refused: the staff member corrects the file and uploads it again.
- A registered number is a row like any other, in the preview and in the outcome ("invited"):
  no invitation is sent to it (Kind.registers), and the staff member is not told.
- A number that has a pending invitation to register is not invited again (one text, not two,
  when a list is sent twice or two centres list the same person).
"""

import dataclasses
import io
import zipfile
from collections import defaultdict

import openpyxl
import openpyxl.xml
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from audit import services as audit
from core.crypto import blind_index
from core.masking import mask_phone
from core.scoping import is_staff_member
from core.validators import normalize_mobile, validate_person_name
from notifications.services import one_enqueue

from .invitations import YOUTH_REGISTRATION, invitation_create
from .models import Invitation, OrgUnit, User

# Workbooks are read only with the hardened XML parser (openpyxl uses defusedxml when it is
# installed; requirements.txt pins it).
if not openpyxl.xml.DEFUSEDXML:
    raise ImproperlyConfigured("defusedxml must be installed to read uploaded workbooks")

MAX_BYTES = 2 * 1024 * 1024
MAX_UNPACKED = 10 * 1024 * 1024
MAX_PARTS = 200
MAX_ROWS = 500
# Lines of the sheet read at most (blank ones included): a list of MAX_ROWS is far shorter.
MAX_LINES = 10 * MAX_ROWS
MAX_COLUMNS = 30
# Rows before the one naming the columns (a title, a date) that are looked through for it.
HEADER_SEARCH_ROWS = 10
CELL_MAX = 200

FILE_NOT_XLSX = _(
    "This file could not be read as an Excel workbook. Save it as .xlsx (Excel 2007 or later; "
    "in WPS: “Save as” → .xlsx) and upload it again."
)
FILE_TOO_LARGE = _("The file is larger than 2 MB. A list of 500 young people is far smaller.")
FILE_NO_HEADER = _(
    "The first row must name the columns: 姓名 (name), 手机号 (mobile) and 村 (village). "
    "Download the template to see how."
)
FILE_EMPTY = _("The list has no young people in it.")
FILE_TOO_MANY_ROWS = _(
    "The list has more than %(limit)s young people. Split it into lists of at most %(limit)s "
    "and upload them one by one."
)
NAME_MISSING = _("No name.")
PHONE_MISSING = _("No mobile number.")
PHONE_BAD = _("Not a mainland mobile number (11 digits starting with 1).")
VILLAGE_MISSING = _("No village.")
VILLAGE_UNKNOWN = _(
    "No village of this name in your area. Write it as in the portal's list of centres."
)
VILLAGE_AMBIGUOUS = _(
    "Several centres in your area have this name: write the town too, as “town/village”."
)
DUPLICATE = _("The same mobile number as row %(row)s.")

# What the row naming the columns may call each one (compared without spaces, case, colons).
HEADERS = {
    "name": {"姓名", "名字", "青年姓名", "name", "fullname"},
    "phone": {
        "手机",
        "手机号",
        "手机号码",
        "电话",
        "电话号码",
        "联系电话",
        "联系方式",
        "mobile",
        "mobilenumber",
        "phone",
        "phonenumber",
    },
    "village": {
        "村",
        "村名",
        "村庄",
        "所在村",
        "村(社区)",
        "村社区",
        "社区",
        "village",
        "centre",
        "center",
        "youthcentre",
        "homecentre",
    },
}


@dataclasses.dataclass
class Row:
    line: int  # the row's number in the sheet, as Excel shows it
    name: str
    phone: str  # normalised when it is a mobile number, else as written
    village: str
    centre: OrgUnit | None = None
    problems: list = dataclasses.field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a number typed into a cell: 13812345678.0
    return str(value).strip()[:CELL_MAX]


def _key(value) -> str:
    text = _text(value).lower().replace("（", "(").replace("）", ")").replace("／", "/")
    return "".join(text.split()).rstrip(":：*")


def _check_archive(content: bytes) -> None:
    if len(content) > MAX_BYTES:
        raise ValidationError(FILE_TOO_LARGE, code="too_large")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ValidationError(FILE_NOT_XLSX, code="not_xlsx") from None
    if len(parts) > MAX_PARTS or sum(part.file_size for part in parts) > MAX_UNPACKED:
        raise ValidationError(FILE_NOT_XLSX, code="not_xlsx")


def read_rows(content: bytes) -> list[tuple[int, dict]]:
    """The list's rows as (line, {"name", "phone", "village"}) from the first sheet; raises
    ValidationError (for the whole file) when it is no workbook, names no columns, is empty or
    too long."""
    _check_archive(content)
    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(content), read_only=True, data_only=True, keep_links=False
        )
    except Exception:  # anything a broken or hostile workbook makes openpyxl raise
        raise ValidationError(FILE_NOT_XLSX, code="not_xlsx") from None
    try:
        return _rows_of(workbook.worksheets[0])
    except ValidationError:
        raise
    except Exception:
        raise ValidationError(FILE_NOT_XLSX, code="not_xlsx") from None
    finally:
        workbook.close()


def _rows_of(sheet) -> list[tuple[int, dict]]:
    sheet.reset_dimensions()  # a workbook's own idea of its size may be wrong
    columns = None
    rows = []
    for line, cells in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), 1):
        if line > MAX_LINES:
            raise ValidationError(
                FILE_TOO_MANY_ROWS, code="too_many_rows", params={"limit": MAX_ROWS}
            )
        if columns is None:
            columns = _columns(cells)
            if columns is None and line >= HEADER_SEARCH_ROWS:
                raise ValidationError(FILE_NO_HEADER, code="no_header")
            continue
        values = {
            field: _text(cells[index]) if index < len(cells) else ""
            for field, index in columns.items()
        }
        if not any(values.values()):
            continue
        if len(rows) == MAX_ROWS:
            raise ValidationError(
                FILE_TOO_MANY_ROWS, code="too_many_rows", params={"limit": MAX_ROWS}
            )
        rows.append((line, values))
    if columns is None:
        raise ValidationError(FILE_NO_HEADER, code="no_header")
    if not rows:
        raise ValidationError(FILE_EMPTY, code="empty")
    return rows


def _columns(cells) -> dict | None:
    found = {}
    for index, cell in enumerate(cells):
        key = _key(cell)
        for field, names in HEADERS.items():
            if key in names and field not in found:
                found[field] = index
    return found if len(found) == len(HEADERS) else None


class _Centres:
    """The centres in the staff member's area by name, by "town/village" and by code."""

    def __init__(self, user):
        self.by_key = defaultdict(list)
        for unit in OrgUnit.objects.visible_to(user).select_related("parent"):
            keys = {_key(unit.name), _key(unit.code)}
            if unit.parent is not None:
                keys.add(_key(f"{unit.parent.name}/{unit.name}"))
                keys.add(_key(f"{unit.parent.name}{unit.name}"))
            for key in keys:
                self.by_key[key].append(unit)

    def find(self, village: str) -> tuple[OrgUnit | None, str | None]:
        units = self.by_key.get(_key(village), [])
        if not units:
            return None, VILLAGE_UNKNOWN
        if len(units) > 1:
            return None, VILLAGE_AMBIGUOUS
        return units[0], None


def village_list_preview(*, user, content: bytes) -> list[Row]:
    """Every row of the uploaded list with the reasons it is refused (none: it is ok). Says
    nothing about who is registered."""
    if not is_staff_member(user):
        raise PermissionDenied
    centres = _Centres(user)
    seen: dict[str, int] = {}
    rows = []
    for line, values in read_rows(content):
        row = Row(line=line, name=values["name"], phone=values["phone"], village=values["village"])
        if not row.name:
            row.problems.append(NAME_MISSING)
        else:
            try:
                validate_person_name(row.name)
                if len(row.name) > 50:
                    raise ValidationError(_("A name has at most 50 characters."))
            except ValidationError as error:
                row.problems.extend(error.messages)
        if not row.phone:
            row.problems.append(PHONE_MISSING)
        else:
            try:
                row.phone = normalize_mobile(row.phone)
            except ValidationError:
                row.problems.append(PHONE_BAD)
            else:
                if row.phone in seen:
                    row.problems.append(DUPLICATE % {"row": seen[row.phone]})
                else:
                    seen[row.phone] = line
        if not row.village:
            row.problems.append(VILLAGE_MISSING)
        else:
            row.centre, problem = centres.find(row.village)
            if problem:
                row.problems.append(problem)
        rows.append(row)
    return rows


@transaction.atomic
def village_list_send(*, invited_by: User, rows: list[dict]) -> int:
    """Invite each row ``{"name", "phone", "centre"}`` (a centre's pk) of a previewed list in
    which no row was refused. Returns how many were invited: every row, whoever the numbers
    belong to (see the module)."""
    if not is_staff_member(invited_by):
        raise PermissionDenied
    wanted = {row["centre"] for row in rows}
    centres = OrgUnit.objects.visible_to(invited_by).in_bulk(wanted)
    if len(centres) != len(wanted):  # the staff member's area changed since the preview
        raise PermissionDenied
    phones = {row["phone"] for row in rows}
    if len(phones) != len(rows):
        raise ValidationError(DUPLICATE % {"row": "?"})
    already = set(
        Invitation.objects.pending()
        .filter(kind=YOUTH_REGISTRATION.code, phone_hash__in=[blind_index(p) for p in phones])
        .values_list("phone_hash", flat=True)
    )
    with one_enqueue():  # one hand-over to Celery for the whole list
        for row in rows:
            if blind_index(row["phone"]) in already:
                continue
            invitation_create(
                invited_by=invited_by,
                kind=YOUTH_REGISTRATION.code,
                phone=row["phone"],
                name=row["name"],
                centre=centres[row["centre"]],
            )
    audit.record("invitation.list_sent", actor=invited_by, data={"rows": len(rows)})
    return len(rows)
