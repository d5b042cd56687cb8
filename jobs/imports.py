"""Import of past placements from an Excel workbook or a CSV file.

Staff upload a file; it is checked in the background (``tasks.import_check``): every row is
"will be created", "already recorded" (the same young person in the same job, from an earlier
import or a hire through the portal) or refused with its reason. Staff confirm, and the rows
to create are written in the background (``tasks.import_apply``), checked again against what
is recorded by then. Refused rows write nothing; a file imported twice creates nothing new.

Young people are found by their resident ID number through its blind index (never by
decrypting profiles), and only in the staff member's area: an ID of someone outside it reads
as unknown. Workbooks are read in memory with openpyxl in read-only mode and defusedxml, after
the archive's sizes are checked, as accounts/village_lists.py does.
"""

import csv
import datetime
import io
import re
import zipfile

import openpyxl
import openpyxl.xml
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import YouthProfile
from audit import services as audit
from core.crypto import blind_index
from core.validators import normalize_national_id

from .models import (
    BatchStatus,
    HowFound,
    ImportBatch,
    ImportRow,
    Placement,
    RowOutcome,
    job_key,
)

if not openpyxl.xml.DEFUSEDXML:
    raise ImproperlyConfigured("defusedxml must be installed to read uploaded workbooks")

MAX_BYTES = 8 * 1024 * 1024
MAX_UNPACKED = 40 * 1024 * 1024
MAX_PARTS = 200
MAX_ROWS = 50_000
MAX_COLUMNS = 30
HEADER_SEARCH_ROWS = 10
CELL_MAX = 200
CHUNK = 2000

FILE_UNREADABLE = _(
    "This file could not be read. Upload an Excel workbook (.xlsx) or a CSV file (UTF-8)."
)
FILE_TOO_LARGE = _("The file is larger than 8 MB. Split it and upload the parts one by one.")
FILE_NO_HEADER = _(
    "The first row must name the columns: 身份证号 (resident ID), 用人单位 (employer), "
    "岗位 (job) and 入职日期 (start date)."
)
FILE_EMPTY = _("The file has no placements in it.")
FILE_TOO_MANY_ROWS = _("The file has more than 50,000 rows. Split it and upload the parts.")
ID_MISSING = _("No resident ID number.")
ID_BAD = _("Not a valid resident ID number.")
ID_UNKNOWN = _("Unknown resident ID number: no young person in your area has it.")
EMPLOYER_MISSING = _("No employer.")
JOB_MISSING = _("No job.")
DATE_MISSING = _("No start date.")
DATE_BAD = _("The start date is not a date (write it as 2024-03-01).")
DATE_FUTURE = _("The start date is in the future.")
DUPLICATE_ROW = _("Duplicate placement: the same young person and job as row %(row)s.")

HEADERS = {
    "national_id": {
        "身份证号",
        "身份证号码",
        "身份证",
        "公民身份号码",
        "nationalid",
        "residentid",
        "idnumber",
    },
    "employer": {"用人单位", "单位", "企业", "就业单位", "employer", "company"},
    "job": {"岗位", "职位", "工种", "job", "jobtitle", "position"},
    "start_date": {"入职日期", "就业日期", "上岗日期", "开始日期", "startdate", "date", "started"},
}
OPTIONAL = {
    "how_found": {"途径", "就业途径", "方式", "howfound", "channel"},
    "labour_export": {"劳务输出", "labourexport", "export"},
}
HOW_FOUND_WORDS = {
    "招聘会": HowFound.FAIR,
    "fair": HowFound.FAIR,
    "劳务输出": HowFound.LABOUR_EXPORT,
    "labourexport": HowFound.LABOUR_EXPORT,
    "平台": HowFound.PORTAL,
    "portal": HowFound.PORTAL,
}
YES = {"是", "y", "yes", "1", "true", "√"}
_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()[:CELL_MAX]


def _key(value) -> str:
    return "".join(_text(value).lower().split()).rstrip(":：*").replace("_", "")


def _columns(cells) -> dict | None:
    found = {}
    for index, cell in enumerate(cells):
        key = _key(cell)
        for field, names in (HEADERS | OPTIONAL).items():
            if key in names and field not in found:
                found[field] = index
    return found if set(HEADERS) <= set(found) else None


def _lines_of_workbook(content: bytes):
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ValidationError(FILE_UNREADABLE, code="unreadable") from None
    if len(parts) > MAX_PARTS or sum(part.file_size for part in parts) > MAX_UNPACKED:
        raise ValidationError(FILE_UNREADABLE, code="unreadable")
    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(content), read_only=True, data_only=True, keep_links=False
        )
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        yield from sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        workbook.close()
    except ValidationError:
        raise
    except Exception:  # anything a broken or hostile workbook makes openpyxl raise
        raise ValidationError(FILE_UNREADABLE, code="unreadable") from None


def _lines_of_csv(content: bytes):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("gb18030")  # Excel in Chinese saves CSV this way
        except UnicodeDecodeError:
            raise ValidationError(FILE_UNREADABLE, code="unreadable") from None
    if "\x00" in text:
        raise ValidationError(FILE_UNREADABLE, code="unreadable")
    yield from csv.reader(io.StringIO(text))


def read_rows(content: bytes) -> list[tuple[int, dict]]:
    """The file's rows as (line, values); raises ValidationError for the whole file."""
    if len(content) > MAX_BYTES:
        raise ValidationError(FILE_TOO_LARGE, code="too_large")
    lines = _lines_of_workbook(content) if content[:2] == b"PK" else _lines_of_csv(content)
    columns = None
    rows = []
    try:
        for line, cells in enumerate(lines, 1):
            if columns is None:
                columns = _columns(cells)
                if columns is None and line >= HEADER_SEARCH_ROWS:
                    raise ValidationError(FILE_NO_HEADER, code="no_header")
                continue
            values = {
                field: cells[index] if index < len(cells) else None
                for field, index in columns.items()
            }
            if not any(_text(v) for v in values.values()):
                continue
            if len(rows) == MAX_ROWS:
                raise ValidationError(FILE_TOO_MANY_ROWS, code="too_many_rows")
            rows.append((line, values))
    except csv.Error:
        raise ValidationError(FILE_UNREADABLE, code="unreadable") from None
    if columns is None:
        raise ValidationError(FILE_NO_HEADER, code="no_header")
    if not rows:
        raise ValidationError(FILE_EMPTY, code="empty")
    return rows


def _date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    match = _DATE.match(_text(value))
    if not match:
        return None
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _classify(batch: ImportBatch, rows, user, *, progress: bool):
    """Every row's outcome against what is recorded now: yields (line, outcome, reason, data)."""
    today = timezone.localdate()
    seen: dict[tuple, int] = {}
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        parsed = []
        for line, values in chunk:
            problems, data = [], {}
            raw_id = _text(values["national_id"])
            if not raw_id:
                problems.append(ID_MISSING)
            else:
                try:
                    data["hash"] = blind_index(normalize_national_id(raw_id))
                except ValidationError:
                    problems.append(ID_BAD)
            data["employer"] = _text(values["employer"])[:100]
            data["job"] = _text(values["job"])[:100]
            if not data["employer"]:
                problems.append(EMPLOYER_MISSING)
            if not data["job"]:
                problems.append(JOB_MISSING)
            raw_date = values["start_date"]
            data["start"] = _date(raw_date)
            if not _text(raw_date):
                problems.append(DATE_MISSING)
            elif data["start"] is None:
                problems.append(DATE_BAD)
            elif data["start"] > today:
                problems.append(DATE_FUTURE)
            how = _key(values.get("how_found"))
            data["how_found"] = HOW_FOUND_WORDS.get(how, HowFound.IMPORT)
            data["export"] = (
                _key(values.get("labour_export")) in YES
                or data["how_found"] == HowFound.LABOUR_EXPORT
            )
            parsed.append((line, problems, data))
        hashes = [d["hash"] for _, p, d in parsed if "hash" in d]
        youths = {
            h: (user_id, centre_id)
            for h, user_id, centre_id in YouthProfile.objects.visible_to(user)
            .filter(national_id_hash__in=hashes, home_centre__isnull=False)
            .values_list("national_id_hash", "user_id", "home_centre_id")
        }
        recorded = set(
            Placement.objects.filter(youth_id__in=[y for y, _ in youths.values()]).values_list(
                "youth_id", "job_key"
            )
        )
        for line, problems, data in parsed:
            if "hash" in data and data["hash"] not in youths:
                problems.append(ID_UNKNOWN)
            if problems:
                yield line, RowOutcome.REFUSE, " ".join(str(p) for p in problems), data
                continue
            data["youth"], data["centre"] = youths[data["hash"]]
            data["key"] = job_key(data["employer"], data["job"])
            pair = (data["youth"], data["key"])
            if pair in seen:
                yield line, RowOutcome.REFUSE, _gettext(DUPLICATE_ROW) % {"row": seen[pair]}, data
                continue
            seen[pair] = line
            outcome = RowOutcome.MATCH if pair in recorded else RowOutcome.CREATE
            yield line, outcome, "", data
        if progress:
            ImportBatch.objects.filter(pk=batch.pk).update(processed=min(start + CHUNK, len(rows)))


def import_check(batch_id: int) -> ImportBatch:
    """The preview: count what would be created and matched, keep each refused row's reason."""
    batch = ImportBatch.objects.select_related("uploaded_by").get(pk=batch_id)
    if batch.status != BatchStatus.CHECKING:
        return batch
    try:
        rows = read_rows(bytes(batch.content))
    except ValidationError as error:
        batch.status, batch.error, batch.content = BatchStatus.FAILED, error.messages[0], None
        batch.save(update_fields=["status", "error", "content"])
        return batch
    ImportBatch.objects.filter(pk=batch.pk).update(total=len(rows), processed=0)
    counts = {RowOutcome.CREATE: 0, RowOutcome.MATCH: 0, RowOutcome.REFUSE: 0}
    refused = []
    for line, outcome, reason, _data in _classify(batch, rows, batch.uploaded_by, progress=True):
        counts[outcome] += 1
        if outcome == RowOutcome.REFUSE:
            refused.append(ImportRow(batch=batch, line=line, outcome=outcome, reason=reason[:300]))
    with transaction.atomic():
        ImportRow.objects.filter(batch=batch).delete()
        ImportRow.objects.bulk_create(refused, batch_size=CHUNK)
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=BatchStatus.PREVIEWED,
            total=len(rows),
            processed=len(rows),
            to_create=counts[RowOutcome.CREATE],
            matched=counts[RowOutcome.MATCH],
            refused=counts[RowOutcome.REFUSE],
        )
    batch.refresh_from_db()
    return batch


def import_apply(batch_id: int) -> ImportBatch:
    """Write the rows to create, checked again against what is recorded by now."""
    batch = ImportBatch.objects.select_related("uploaded_by").get(pk=batch_id)
    if batch.status != BatchStatus.IMPORTING:
        return batch
    rows = read_rows(bytes(batch.content))
    ImportBatch.objects.filter(pk=batch.pk).update(processed=0)
    matched = 0
    with transaction.atomic():
        to_write = []
        for _line, outcome, _reason, data in _classify(
            batch, rows, batch.uploaded_by, progress=True
        ):
            if outcome == RowOutcome.MATCH:
                matched += 1
            if outcome != RowOutcome.CREATE:
                continue
            to_write.append(
                Placement(
                    youth_id=data["youth"],
                    centre_id=data["centre"],
                    employer_name=data["employer"],
                    job_title=data["job"],
                    job_key=data["key"],
                    start_date=data["start"],
                    how_found=data["how_found"],
                    labour_export=data["export"],
                    batch=batch,
                    recorded_by=batch.uploaded_by,
                )
            )
            if len(to_write) >= CHUNK:
                Placement.objects.bulk_create(to_write, ignore_conflicts=True)
                to_write = []
        # A placement recorded in between (a hire at the same instant) is skipped, not doubled.
        Placement.objects.bulk_create(to_write, ignore_conflicts=True)
        created = Placement.objects.filter(batch=batch).count()
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=BatchStatus.DONE,
            created=created,
            matched=matched,
            processed=len(rows),
            content=None,
            finished_at=timezone.now(),
        )
        audit.record(
            "jobs.import_done",
            actor=batch.uploaded_by,
            target=batch,
            data={"created": created, "refused": batch.refused},
        )
    batch.refresh_from_db()
    return batch
