"""A village's list (accounts/village_lists.py): an Excel list of young people becomes
invitations to register, never accounts; a preview with a reason per refused row; nothing sent
while a row is refused; registered people's numbers answered like any other."""

import io
import re
import zipfile

import openpyxl
import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from accounts import village_lists
from accounts.invitations import invitation_withdraw
from accounts.models import Invitation, User
from audit.models import Entry
from notifications.models import Message

from ..notifications import gateways

HEADER = ["姓名", "手机号", "村"]


@pytest.fixture(autouse=True)
def _counting_gateway(settings):
    settings.SMS_GATEWAY = "tests.notifications.gateways.CountingGateway"
    gateways.calls.clear()
    yield
    gateways.calls.clear()


def workbook(rows, header=HEADER, *, before=()) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for line in before:
        sheet.append(line)
    if header:
        sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(content: bytes, name="list.xlsx"):
    return SimpleUploadedFile(name, content, village_lists_xlsx())


def village_lists_xlsx():
    return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def preview(client, content: bytes, name="list.xlsx"):
    return client.post(reverse("accounts:village_list"), {"workbook": upload(content, name)})


def send(client, response):
    preview_id = response.context["preview_id"]
    return client.post(reverse("accounts:village_list_send"), {"preview": preview_id})


def invitation_texts(phone) -> list[str]:
    return [
        m.body
        for m in Message.objects.filter(kind="accounts.invitation", channel="sms")
        if m.address == phone
    ]


@pytest.fixture
def staff(client, town_staff, village_a1, village_a2, village_b1):
    """Town A's staff: villages A1 and A2 are theirs, B1 is not."""
    client.force_login(town_staff)
    return client


GOOD = [["王小红", "13912340001", "Village A1"], ["李明", "139 1234 0002", "Village A2"]]


def test_a_good_list_is_previewed_then_sent_as_invitations(staff, town_staff, village_a1):
    response = preview(staff, workbook(GOOD))

    assert response.status_code == 200
    page = response.content.decode()
    rows = response.context["rows"]
    assert [(r.line, r.name, r.phone, r.centre.name, r.ok) for r in rows] == [
        (2, "王小红", "13912340001", "Village A1", True),
        (3, "李明", "13912340002", "Village A2", True),
    ]
    assert reverse("accounts:village_list_send") in page
    assert not Invitation.objects.exists() and not Message.objects.exists()
    # Kept for the send in the session, encrypted; the numbers are nowhere in clear.
    stored = "".join(s.session_data for s in Session.objects.all())
    assert "13912340001" not in stored and "王小红" not in stored

    response = send(staff, response)

    assert response["Location"] == reverse("accounts:invitation_list")
    invitations = Invitation.objects.order_by("pk")
    assert [(i.kind, i.name, i.phone, i.centre.name) for i in invitations] == [
        ("youth_registration", "王小红", "13912340001", "Village A1"),
        ("youth_registration", "李明", "13912340002", "Village A2"),
    ]
    assert all(i.invited_by == town_staff for i in invitations)
    for phone in ("13912340001", "13912340002"):
        [text] = invitation_texts(phone)
        assert "/invitation/" in text
    assert not User.objects.with_phone("13912340001").exists()  # never an account
    assert Entry.objects.get(action="invitation.list_sent").data == {"rows": 2}
    # A second click sends nothing more.
    again = staff.post(reverse("accounts:village_list_send"), {"preview": "x"})
    assert again["Location"] == reverse("accounts:village_list")
    assert Invitation.objects.count() == 2


REFUSED = {
    "no name": (["", "13912340003", "Village A1"], village_lists.NAME_MISSING),
    "a name with digits": (["R2D2", "13912340003", "Village A1"], None),
    "no mobile": (["张三", "", "Village A1"], village_lists.PHONE_MISSING),
    "a bad mobile": (["张三", "1391234", "Village A1"], village_lists.PHONE_BAD),
    "a landline": (["张三", "057188886666", "Village A1"], village_lists.PHONE_BAD),
    "no village": (["张三", "13912340003", ""], village_lists.VILLAGE_MISSING),
    "a village of another town": (
        ["张三", "13912340003", "Village B1"],
        village_lists.VILLAGE_UNKNOWN,
    ),
    "no such village": (["张三", "13912340003", "Atlantis"], village_lists.VILLAGE_UNKNOWN),
    "a number twice": (["张三", "13912340001", "Village A1"], "row 2"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_refused_row_is_shown_with_its_reason_and_nothing_is_sent(staff, case):
    bad, reason = REFUSED[case]
    response = preview(staff, workbook([*GOOD, bad]))

    rows = response.context["rows"]
    assert [r.ok for r in rows] == [True, True, False]
    if reason is not None:
        expected = (
            str(reason) if case != "a number twice" else str(village_lists.DUPLICATE) % {"row": 2}
        )
        assert rows[2].problems == [expected]
        assert escape(expected) in response.content.decode()
    assert response.context["preview_id"] == ""
    assert reverse("accounts:village_list_send") not in response.content.decode()
    # Nothing can be sent, not even the good rows, not even by posting the send by hand.
    staff.post(reverse("accounts:village_list_send"), {"preview": ""})
    assert not Invitation.objects.exists() and not Message.objects.exists()


def test_a_village_may_be_written_with_its_town_or_by_code(staff, village_a1):
    rows = [["王小红", "13912340001", "Town A / Village A1"], ["李明", "13912340002", "VA2"]]
    response = preview(staff, workbook(rows))
    assert [r.centre.name for r in response.context["rows"]] == ["Village A1", "Village A2"]


def test_a_registered_persons_number_is_answered_like_any_other(staff, youth_a, village_a1):
    rows = [["Alice", youth_a.phone, "Village A1"], ["王小红", "13912340001", "Village A1"]]
    response = preview(staff, workbook(rows))
    page = response.content.decode()
    registered, new = response.context["rows"]
    assert registered.ok and new.ok and registered.problems == new.problems == []
    assert page.count("text-success") == 2

    response = send(staff, response)

    follow = staff.get(response["Location"])
    assert "2" in str(list(follow.context["messages"])[0])
    # Both are invitations on the staff member's list, with the same status...
    assert Invitation.objects.with_phone(youth_a.phone).get().shown_status == (
        Invitation.objects.with_phone("13912340001").get().shown_status
    )
    # ...but the registered person is not invited to register again.
    assert invitation_texts(youth_a.phone) == []
    assert len(invitation_texts("13912340001")) == 1
    # A resend by staff does not send it either.
    from accounts.invitations import invitation_resend

    invitation_resend(
        invitation=Invitation.objects.with_phone(youth_a.phone).get(),
        actor=Invitation.objects.with_phone(youth_a.phone).get().invited_by,
    )
    assert invitation_texts(youth_a.phone) == []


def test_a_number_with_a_pending_invitation_is_not_invited_twice(staff, town_staff):
    send(staff, preview(staff, workbook(GOOD)))
    response = send(staff, preview(staff, workbook(GOOD)))
    assert response.status_code == 302
    assert len(invitation_texts("13912340001")) == 1
    # Once withdrawn, a new list invites again.
    invitation_withdraw(
        invitation=Invitation.objects.with_phone("13912340001").get(), actor=town_staff
    )
    send(staff, preview(staff, workbook(GOOD)))
    assert len(invitation_texts("13912340001")) == 2


# --- bad files ---------------------------------------------------------------------------------


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def _with_part(content: bytes, name: str, data: bytes) -> bytes:
    """The workbook with one of its parts replaced."""
    source = zipfile.ZipFile(io.BytesIO(content))
    parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    parts[name] = data
    return _zip(parts)


def _cell(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


# A "billion laughs" worksheet: the entities would expand a thousandfold at each level.
LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    f'<row r="1">{_cell("A1", "姓名")}{_cell("B1", "手机号")}{_cell("C1", "村")}</row>'
    f'<row r="2">{_cell("A2", "&lol3;")}{_cell("B2", "13912340001")}{_cell("C2", "Village A1")}'
    "</row></sheetData></worksheet>"
).encode()

BAD_FILES = {
    "text": (lambda: b"name,mobile,village\n", village_lists.FILE_NOT_XLSX),
    "an old .xls": (
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
        village_lists.FILE_NOT_XLSX,
    ),
    "a zip of something else": (lambda: _zip({"a.txt": b"hello"}), village_lists.FILE_NOT_XLSX),
    "a decompression bomb": (
        lambda: _zip({"xl/worksheets/sheet1.xml": b"\0" * (village_lists.MAX_UNPACKED + 1)}),
        village_lists.FILE_NOT_XLSX,
    ),
    "entities in the worksheet": (
        lambda: _with_part(
            workbook([["王小红", "13912340001", "Village A1"]]), "xl/worksheets/sheet1.xml", LAUGHS
        ),
        village_lists.FILE_NOT_XLSX,
    ),
    "no header": (lambda: workbook(GOOD, header=None), village_lists.FILE_NO_HEADER),
    "only a header": (lambda: workbook([]), village_lists.FILE_EMPTY),
    "501 rows": (
        lambda: workbook([["王小红", f"1391234{i:04d}", "Village A1"] for i in range(501)]),
        village_lists.FILE_TOO_MANY_ROWS % {"limit": 500},
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_is_refused_whole_and_nothing_is_sent(staff, case):
    make, message = BAD_FILES[case]
    response = preview(staff, make())
    assert response.status_code == 200
    assert escape(str(message)) in response.content.decode()
    assert response.context["rows"] is None
    assert not Invitation.objects.exists() and not Message.objects.exists()


def test_a_title_above_the_header_and_blank_rows_are_fine(staff):
    content = workbook(
        [GOOD[0], [None, None, None], GOOD[1]], before=[["青山区城关东村青年名单"], []]
    )
    rows = preview(staff, content).context["rows"]
    assert [(r.line, r.ok) for r in rows] == [(4, True), (6, True)]


def test_500_rows_are_fine(staff):
    content = workbook([["王小红", f"1391234{i:04d}", "Village A1"] for i in range(500)])
    response = preview(staff, content)
    assert len(response.context["rows"]) == 500 and response.context["refused"] == 0


def test_a_file_too_large_is_refused_without_being_read_whole(staff, monkeypatch):
    monkeypatch.setattr(village_lists, "MAX_BYTES", 1000)
    from accounts import village_list_views

    monkeypatch.setattr(village_list_views, "MAX_BYTES", 1000)
    response = preview(staff, workbook(GOOD) + b"\0" * 2000)
    assert escape(str(village_lists.FILE_TOO_LARGE)) in response.content.decode()
    assert not Invitation.objects.exists()


def test_the_file_is_never_written_to_disk(staff, settings, monkeypatch):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 100  # Django's own handlers would use a temp file

    def no_disk(*args, **kwargs):
        raise AssertionError("the list was written to a temporary file")

    monkeypatch.setattr(TemporaryFileUploadHandler, "new_file", no_disk)
    response = preview(staff, workbook(GOOD))
    assert response.context["refused"] == 0 and len(response.context["rows"]) == 2


def test_the_upload_still_checks_the_csrf_token(town_staff):
    client = Client(enforce_csrf_checks=True)
    client.force_login(town_staff)
    response = preview(client, workbook(GOOD))
    assert response.status_code == 403


# --- the invitation leads to the young person's own registration ---------------------------------


def test_the_invitation_leads_to_registration_with_number_and_village_filled_in(staff, village_a2):
    send(staff, preview(staff, workbook(GOOD)))
    [text] = invitation_texts("13912340002")
    link = re.search(r"(/invitation/[^/\s]+/)", text).group(1)

    visitor = Client()
    response = visitor.get(link)
    assert response["Location"] == reverse("accounts:phone_signup")
    page = visitor.get(response["Location"]).content.decode()
    assert 'value="13912340002"' in page

    # The young person confirms the number with a code and gives their own consent.
    visitor.post(reverse("accounts:phone_signup"), {"phone": "13912340002"})
    code = re.search(r"\b(\d{6})\b", gateways.calls[-1][1]).group(1)
    visitor.post(reverse("accounts:phone_signup_code"), {"code": code})
    details = visitor.get(reverse("accounts:phone_signup_details"))
    assert details.context["form"].initial["home_centre"] == village_a2.pk
    visitor.post(
        reverse("accounts:phone_signup_details"),
        {"name": "李明", "password1": "Invited-2026-ok", "password2": "Invited-2026-ok",
         "consent": "on"},
    )  # fmt: skip

    user = User.objects.with_phone("13912340002").get()
    assert user.youth_profile.home_centre == village_a2
    invitation = Invitation.objects.with_phone("13912340002").get()
    assert invitation.status == Invitation.Status.ACCEPTED and invitation.accepted_by == user


def test_without_consent_nobody_is_registered_from_the_invitation(staff):
    send(staff, preview(staff, workbook(GOOD)))
    link = re.search(r"(/invitation/[^/\s]+/)", invitation_texts("13912340001")[0]).group(1)
    visitor = Client()
    visitor.get(link)
    visitor.post(reverse("accounts:phone_signup"), {"phone": "13912340001"})
    code = re.search(r"\b(\d{6})\b", gateways.calls[-1][1]).group(1)
    visitor.post(reverse("accounts:phone_signup_code"), {"code": code})
    visitor.post(
        reverse("accounts:phone_signup_details"),
        {"name": "王小红", "password1": "Invited-2026-ok", "password2": "Invited-2026-ok"},
    )
    assert not User.objects.with_phone("13912340001").exists()
    assert Invitation.objects.with_phone("13912340001").get().status == "pending"


# --- scope and the template ----------------------------------------------------------------------


def test_the_service_refuses_a_centre_outside_ones_area(village_staff, village_b1):
    with pytest.raises(PermissionDenied):
        village_lists.village_list_send(
            invited_by=village_staff,
            rows=[{"name": "王小红", "phone": "13912340001", "centre": village_b1.pk}],
        )
    assert not Invitation.objects.exists()


def test_the_template_names_the_columns_and_the_villages_of_ones_area(staff, village_b1):
    response = staff.get(reverse("accounts:village_list_template"))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book.worksheets[0][1]] == HEADER
    villages = [row[0] for row in book.worksheets[1].iter_rows(min_row=2, values_only=True)]
    assert sorted(villages) == ["Village A1", "Village A2"]
    # Filled in, it reads back as a list.
    sheet = book.worksheets[0]
    sheet.append(GOOD[0])
    out = io.BytesIO()
    book.save(out)
    assert preview(staff, out.getvalue()).context["rows"][0].ok


def test_a_list_is_handed_to_celery_in_one_call(
    staff, monkeypatch, django_capture_on_commit_callbacks
):
    """A frozen broker costs each hand-over a timeout: a list of hundreds must not pay it
    hundreds of times."""
    from notifications import services

    handed = []
    monkeypatch.setattr(services, "enqueue", lambda ids: handed.append(list(ids)))
    rows = [["王小红", f"1391234{i:04d}", "Village A1"] for i in range(30)]
    response = preview(staff, workbook(rows))
    with django_capture_on_commit_callbacks(execute=True):
        send(staff, response)
    assert len(handed) == 1 and len(handed[0]) == 30
