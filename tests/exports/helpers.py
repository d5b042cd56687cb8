"""Reading exports back (openpyxl, csv) and a list page's rows (lxml), for the comparisons."""

import csv
import io

from lxml import html
from openpyxl import load_workbook


def xlsx_rows(content: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    # A read-only sheet leaves out a row's empty cells at its end.
    width = len(rows[0]) if rows else 0
    return [row + [None] * (width - len(row)) for row in rows]


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf"), "no byte-order mark: Excel misreads Chinese"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def page_rows(response) -> list[list[str]]:
    """The text of each cell of the page's table body, spaces collapsed; no rows when the
    table says nothing matches (one cell spanning the table)."""
    tree = html.fromstring(response.content.decode())
    rows = []
    for tr in tree.xpath("//table//tbody/tr"):
        cells = [" ".join(td.text_content().split()) for td in tr.xpath("./td")]
        if len(cells) == 1 and tr.xpath("./td[@colspan]"):
            continue
        rows.append(cells)
    return rows
