"""Every staff list has an export, and every export runs: for each staff member it holds the
rows of their scope, for anybody else it is 404."""

import datetime
from decimal import Decimal, InvalidOperation

import pytest
from django.core.paginator import Page
from django.http import QueryDict
from django.urls import reverse

from core.exports import DATE, EXPORTS
from core.scoping import is_staff_member

from ..matrix import build_objects, gather
from .helpers import csv_rows, xlsx_rows

MATRIX = gather()

# Pages with a table or a paged list that are not lists of records to export.
NOT_LISTS = {
    "dashboard:queues": "the work queues: each links to its app's list, which exports",
    "dashboard:report_list": "the work reports: documents, downloaded as Word or PDF",
    "dashboard:figure": "the records behind one figure: the app's list it links to exports",
    "dashboard:my_exports": "the exports themselves",
    "accounts:village_list": "the preview of an uploaded workbook",
    "loans:products": "the bank products' terms (a form per product)",
    "loans:rules": "the eligibility rules' form",
    "loans:leaders": "the wealth-leader designations' form",
    "mentors:match_all": "the proposals of one matching run, to confirm",
    "training:venues": "the venues' form",
    "jobs:fair_list": "public: the job fairs' calendar",
    "jobs:vacancy_list": "public: the open vacancies anyone can read",
    "internships:positions": "public: the open internship positions",
    "training:catalogue": "public: the course catalogue",
    "projects:showcase": "public: the showcase",
    "projects:board": "the board's cards; its list (projects:list) exports",
    "mentors:chief": "the chief mentors' form",
    "guidance:queue": "the desk's queue of today's visitors",
    "notifications:inbox": "a person's own messages",
}
# Lists of one object's rows, with the parameter their export takes.
PER_OBJECT = {
    "training:manage_course": ("training.enrolments", "course", "course"),
    "training:attendance": ("training.attendance", "session", "session"),
    "jobs:applicants": ("jobs.applications", "vacancy", "vacancy"),
}
OBJECT_PARAMS = {key: (param, obj) for key, param, obj in PER_OBJECT.values()}


@pytest.fixture
def objects(request, cast):
    return build_objects(request, cast)


def _is_list(response) -> bool:
    context = response.context
    if context is None or "text/html" not in response.get("Content-Type", ""):
        return False
    contexts = context if isinstance(context, list) else [context]
    for each in contexts:
        if any(isinstance(value, Page) for value in each.flatten().values()):
            return True
    return "<table" in response.content.decode()


def test_every_staff_list_page_has_export_buttons(client, objects):
    """Any staff page showing a paged list or a table carries the buttons of an export
    registered for it, unless it is named in NOT_LISTS with the reason."""
    client.force_login(objects["district_staff"])
    checked, missing = [], []
    for name, (build_args, statuses, *method) in sorted(MATRIX.items()):
        if method and method[0] != "get":
            continue
        if statuses["district_staff"] != 200 and statuses["town_staff"] != 200:
            continue
        if build_args is not None and name not in PER_OBJECT:
            continue
        viewer = objects["district_staff" if statuses["district_staff"] == 200 else "town_staff"]
        client.force_login(viewer)
        response = client.get(reverse(name, args=build_args(objects) if build_args else None))
        if response.status_code != 200 or not _is_list(response) or name in NOT_LISTS:
            continue
        checked.append(name)
        found = [e for e in EXPORTS if e.url_name == name]
        if not found or f'data-export="{found[0].key}"'.encode() not in response.content:
            missing.append(name)
    assert "accounts:youth_list" in checked and "training:manage_course" in checked
    assert not missing, f"staff lists without an export (core/exports.py): {missing}"


def test_the_exceptions_are_real_pages():
    assert set(NOT_LISTS) <= set(MATRIX)
    assert set(PER_OBJECT) <= set(MATRIX)
    assert {e.url_name for e in EXPORTS} <= set(MATRIX)


KEYS = [e.key for e in EXPORTS]


@pytest.mark.parametrize("key", KEYS)
def test_every_export_runs_and_holds_the_viewers_rows(client, objects, key):
    export = EXPORTS.get(key)
    query = ""
    if key in OBJECT_PARAMS:
        param, name = OBJECT_PARAMS[key]
        query = f"?{param}={objects[name].pk}"
    for role in ("district_staff", "town_staff", "other_town_staff", "youth_a", "mentor"):
        user = objects[role]
        client.force_login(user)
        xlsx = client.get(reverse("dashboard:export", args=[key, "xlsx"]) + query)
        if not is_staff_member(user):
            assert xlsx.status_code == 404, role
            continue
        if not export.allowed(user):
            assert xlsx.status_code == 403, role
            continue
        if xlsx.status_code == 404:  # a per-object list of another town's object
            assert key in OBJECT_PARAMS and role == "other_town_staff", role
            continue
        assert xlsx.status_code == 200, (role, xlsx)
        expected = export.rows(user, QueryDict(query.lstrip("?"))).count()
        book = xlsx_rows(xlsx.content)
        assert book[0] == export.headers()
        assert len(book) - 1 == expected, role
        text = csv_rows(client.get(reverse("dashboard:export", args=[key, "csv"]) + query).content)
        if key == "audit.entries":  # the Excel export is in the log by now, at the top
            text = [text[0], *text[2:]]
        expected_text = [_as_text(row, export) for row in book]
        assert [_numbers(r) for r in text] == [_numbers(r) for r in expected_text], role


def _numbers(row: list[str]) -> list:
    """Numbers compared as numbers (50000.00 in the CSV is 50000 in Excel)."""
    out = []
    for value in row:
        try:
            out.append(Decimal(value) if value.strip() == value and value else value)
        except InvalidOperation:
            out.append(value)
    return out


def _as_text(row, export) -> list[str]:
    """An Excel row as the CSV writes it: dates as 2026-01-31, times to the minute."""
    formats = [c.number_format for c in export.columns] if len(row) == len(export.columns) else []
    out = []
    for i, value in enumerate(row):
        if isinstance(value, datetime.datetime):
            date_only = formats and formats[i] in (DATE, "yyyy-mm")
            value = value.date().isoformat() if date_only else value.strftime("%Y-%m-%d %H:%M")
        out.append("" if value is None else str(value))
    return out
