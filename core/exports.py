"""Exports of the staff lists to Excel and CSV, declared by the apps in ``<app>/exports.py``.

An ``Export`` names the list page it mirrors (``url_name``), its columns (a header and how to
get a cell from a row, as the page shows it) and ``rows(user, params)``: the same scoped,
filtered and ordered queryset the page shows for those GET parameters (the page's own base
queryset and FilterSet, see ``filtered``). The writers below stream the rows in chunks, so an
export of 100,000 rows holds one chunk in memory; the dashboard app serves small exports at
once and runs big ones in the background (docs/exports.md).

Every text cell goes through ``cell()``: a value that a spreadsheet would read as a formula
(starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading ``'``.
Numbers stay numbers and dates stay dates.
"""

import codecs
import csv
import datetime
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _

from .registry import Registry
from .scoping import is_coordinator, is_staff_member

FORMATS = ("xlsx", "csv")
CHUNK_SIZE = 2000
# What a spreadsheet reads as the start of a formula (OWASP "CSV injection").
DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

BAD_FILTER = _("The list's filter is not valid, so nothing was exported: correct it on the list.")


class BadParams(ValueError):
    """The GET parameters do not make a valid filter for the list."""

    def __init__(self, errors=None):
        super().__init__(str(BAD_FILTER))
        self.errors = errors or {}


@dataclass(frozen=True)
class Column:
    label: Any
    # The cell of one row, as the page shows it: text (masked where the page masks), a
    # number, a date, or None for an empty cell.
    value: Callable[[Any], Any]
    # An Excel number format for the column ("yyyy-mm-dd", "¥#,##0"), or "".
    number_format: str = ""


def for_staff(user) -> bool:
    return is_staff_member(user)


def for_coordinators(user) -> bool:
    return is_staff_member(user) and is_coordinator(user)


@dataclass(frozen=True)
class Export:
    key: str  # "<app>.<list>"
    label: Any
    url_name: str  # the list page whose rows this is
    columns: tuple[Column, ...]
    # (user, params: QueryDict) → the page's queryset; raises BadParams on a bad filter.
    rows: Callable[[Any, Any], Any]
    # Who may export it (the views of the list decide the same way): staff by default.
    allowed: Callable[[Any], bool] = field(default=for_staff)
    chunk_size: int = CHUNK_SIZE
    # Called with each chunk of rows (a list) before its cells are read, for what a page does
    # to its 25 rows in one go (the audit log names the objects of its entries).
    prepare: Callable[[list], object] | None = None

    def headers(self) -> list[str]:
        return [force_str(column.label) for column in self.columns]

    def cells(self, queryset) -> Iterator[list]:
        """The escaped cells of every row, read from the database a chunk at a time."""
        getters = [column.value for column in self.columns]
        rows = queryset.iterator(chunk_size=self.chunk_size)
        if self.prepare is None:
            for obj in rows:
                yield [cell(get(obj)) for get in getters]
            return
        while chunk := list(itertools.islice(rows, self.chunk_size)):
            self.prepare(chunk)
            for obj in chunk:
                yield [cell(get(obj)) for get in getters]


EXPORTS: Registry[Export] = Registry("exports", key=lambda e: e.key, sort=lambda e: e.key)


def register(export: Export) -> Export:
    return EXPORTS.register(export)


def for_url(url_name: str) -> Export | None:
    for export in EXPORTS:
        if export.url_name == url_name:
            return export
    return None


def filtered(filterset_class, base, params, **kwargs):
    """What a list page built on ``core.paging.filtered_page`` shows for ``params``: ``base``
    when there is no filter, the filtered queryset when it is valid; a filter the page would
    refuse raises ``BadParams`` (the page would show every row; an export of every row
    instead of the ones asked for would be a surprise)."""
    filterset = filterset_class(params or None, queryset=base, **kwargs)
    if not params:
        return base
    if not filterset.is_valid():
        raise BadParams(filterset.errors)
    return filterset.qs


def cell(value):
    """A value as a spreadsheet cell, neutralised against formula injection."""
    if value is None:
        return None
    if isinstance(value, bool):
        return force_str(_("Yes") if value else _("No"))
    if isinstance(value, (int, float, Decimal, datetime.date)):
        if isinstance(value, datetime.datetime) and value.tzinfo is not None:
            # Spreadsheets know no time zones: the wall time of the portal's zone.
            from django.utils import timezone

            value = timezone.localtime(value).replace(tzinfo=None)
        if isinstance(value, datetime.datetime):
            # To the minute, as the pages show times.
            value = value.replace(second=0, microsecond=0)
        return value
    text = force_str(value)
    if text.startswith(DANGEROUS_PREFIXES):
        return "'" + text
    return text


# --- Writers: each takes the headers and an iterable of cell lists, and reports progress.


def _counted(rows: Iterable[list], progress: Callable[[int], None] | None, every: int):
    done = 0
    for row in rows:
        yield row
        done += 1
        if progress is not None and done % every == 0:
            progress(done)
    if progress is not None:
        progress(done)


def write_xlsx(out, title: str, headers: list[str], rows, columns=(), progress=None, every=1000):
    """An .xlsx workbook written to the file ``out`` in openpyxl's write-only mode, which
    streams the rows to a temporary file instead of keeping them."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    # A sheet's title may not hold []:*?/\ and has at most 31 characters.
    sheet = workbook.create_sheet(title="".join(c for c in title if c not in "[]:*?/\\")[:31])
    bold = Font(bold=True)
    header_cells = []
    for text in headers:
        header = WriteOnlyCell(sheet, value=cell(text))
        header.font = bold
        header_cells.append(header)
    sheet.append(header_cells)
    formats = [getattr(column, "number_format", "") for column in columns]
    for row in _counted(rows, progress, every):
        if any(formats):
            written = []
            for value, number_format in zip(row, formats, strict=False):
                if number_format and value is not None and not isinstance(value, str):
                    value = WriteOnlyCell(sheet, value=value)
                    value.number_format = number_format
                written.append(value)
            row = written
        sheet.append(row)
    workbook.save(out)


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


class _Line:
    """A file-like object whose ``write`` returns what it was given (for csv.writer)."""

    def write(self, value):
        return value


def csv_lines(headers: list[str], rows, progress=None, every=1000) -> Iterator[bytes]:
    """The CSV file as UTF-8 byte lines, starting with a byte-order mark so that Excel reads
    Chinese correctly."""
    writer = csv.writer(_Line())
    yield codecs.BOM_UTF8 + writer.writerow([cell(h) for h in headers]).encode()
    for row in _counted(rows, progress, every):
        yield writer.writerow([_csv_value(v) for v in row]).encode()


def write_csv(out, headers, rows, progress=None, every=1000) -> None:
    for line in csv_lines(headers, rows, progress, every):
        out.write(line)


# --- Cells the lists share.

YUAN = "¥#,##0"
DATE = "yyyy-mm-dd"
DATETIME = "yyyy-mm-dd hh:mm"


def yuan(value):
    """An amount as the lists show it (``floatformat:0``): whole yuan, halves rounded up."""
    if value is None:
        return None
    return int(Decimal(value).quantize(Decimal(1), rounding="ROUND_HALF_UP"))


def text(value):
    """A value the page shows as text, or an empty cell where it shows "—"."""
    return force_str(value) if value not in (None, "") else None


def object_param(queryset, params, name: str):
    """The object a per-object list's export is of (``?course=12``), looked up in the viewer's
    ``queryset``: 404 outside it, as its page would be."""
    from django.http import Http404

    value = (params.get(name) or "").strip()
    if not value.isdigit() or len(value) > 18:
        raise BadParams({name: [BAD_FILTER]})
    found = queryset.filter(pk=int(value)).first()
    if found is None:
        raise Http404
    return found
