"""Cells a spreadsheet would run as formulas are neutralised, in one place (core/exports.py);
numbers and dates stay what they are."""

import datetime
import io
from decimal import Decimal

import pytest

from core.exports import cell, csv_lines, write_xlsx

from .helpers import csv_rows, xlsx_rows

DANGEROUS = ["=1+1", "+86 138", "-2+3", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x","y")']
HARMLESS = ["王小明", "a=b", "", " =1", "1-2"]


@pytest.mark.parametrize("value", DANGEROUS)
def test_a_dangerous_start_gets_a_quote(value):
    assert cell(value) == "'" + value


@pytest.mark.parametrize("value", HARMLESS)
def test_other_text_is_left_alone(value):
    assert cell(value) == value


@pytest.mark.parametrize("value", [-5, 0, 12345, Decimal("-1.50"), 2.5, datetime.date(2026, 1, 2)])
def test_numbers_and_dates_stay_themselves(value):
    assert cell(value) == value


def test_lazy_text_and_objects_are_text_and_escaped_too():
    class Named:
        def __str__(self):
            return "=cmd|' /C calc'!A0"

    assert cell(Named()) == "'=cmd|' /C calc'!A0"
    assert cell(None) is None


def test_both_files_hold_the_escaped_text_and_the_numbers():
    headers = ["=名称", "金额"]
    rows = [[cell(v), cell(n)] for v, n in [("=1+1", -3), ("@x", Decimal("2.50")), ("ok", 7)]]
    out = io.BytesIO()
    write_xlsx(out, "t", headers, iter(rows))
    book = xlsx_rows(out.getvalue())
    assert book == [["'=名称", "金额"], ["'=1+1", -3], ["'@x", 2.5], ["ok", 7]]
    text = csv_rows(b"".join(csv_lines(headers, iter(rows))))
    assert text == [["'=名称", "金额"], ["'=1+1", "-3"], ["'@x", "2.50"], ["ok", "7"]]
