"""Training pages: the catalogue and the course page read a fixed number of queries (pinned
for 1 and 50 courses and enrolments); enrolment from the page; the upload's preview and
per-row report; the sign-in sheet and the verification page show masked names."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from training.models import Attendance, Enrolment, EnrolmentStatus, Venue, VenueKind
from training.services import attendance_set, certificates_issue, enrolment_create
from training.views import mask_name

from .conftest import add_sessions, make_course, make_youths

pytestmark = pytest.mark.django_db


def _queries(client, url) -> tuple[int, object]:
    client.get(url)  # warm the per-process caches (menu, figures, compiled queries)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def _courses(centre, n):
    venue = Venue.objects.create(name="Base", kind=VenueKind.TRAINING_BASE, centre=centre)
    return [make_course(centre, venue=venue, title=f"Course {i}") for i in range(n)]


@pytest.mark.parametrize("viewer", ["anonymous", "youth_a"])
def test_the_catalogue_reads_the_same_queries_for_1_and_50_courses(
    client, village_a1, youth_a, viewer
):
    if viewer == "youth_a":
        client.force_login(youth_a)
    _courses(village_a1, 1)
    url = reverse("training:catalogue")
    one, _ = _queries(client, url)
    _courses(village_a1, 49)
    from django.core.cache import cache

    cache.clear()  # the remembered count
    fifty, response = _queries(client, url)
    assert len(response.context["courses"]) == 20  # one page
    assert fifty == one, (one, fifty)
    assert fifty <= 12


@pytest.mark.parametrize("viewer", ["anonymous", "youth_a", "town_staff"])
def test_the_course_page_reads_the_same_queries_for_1_and_50_enrolments(
    client, village_a1, youth_a, town_staff, viewer
):
    course = make_course(village_a1, capacity=10)
    add_sessions(course, 3)
    enrolment_create(youth=youth_a, course=course)
    others = make_youths(village_a1, 49)
    if viewer != "anonymous":
        client.force_login({"youth_a": youth_a, "town_staff": town_staff}[viewer])
    url = reverse("training:course", args=[course.pk])
    one, _ = _queries(client, url)
    for person in others:
        enrolment_create(youth=person, course=course)
    fifty, response = _queries(client, url)
    assert fifty == one, (one, fifty)
    assert fifty <= 14
    assert response.context["waitlist_length"] == 40


def test_the_staff_course_page_reads_the_same_queries_for_1_and_50(client, village_a1, town_staff):
    course = make_course(village_a1, capacity=30)
    add_sessions(course, 2)
    client.force_login(town_staff)
    (first,) = make_youths(village_a1, 1, prefix="f")
    enrolment_create(youth=first, course=course)
    url = reverse("training:manage_course", args=[course.pk])
    one, _ = _queries(client, url)
    for person in make_youths(village_a1, 49):
        enrolment_create(youth=person, course=course)
    fifty, response = _queries(client, url)
    assert fifty == one, (one, fifty)
    assert len(response.context["participants"]) == 30
    assert len(response.context["waitlist"]) == 20


def test_a_signed_out_visitor_is_sent_to_sign_in_and_back_to_the_course(client, course):
    response = client.get(reverse("training:course", args=[course.pk]))
    login = response.context["login_url"]
    assert login.endswith("?next=" + reverse("training:course", args=[course.pk]))
    assert login in response.content.decode()


def test_enrolling_from_the_page_then_the_waitlist(client, village_a1, course):
    a, b, c = make_youths(village_a1, 3)
    for person in (a, b):
        client.force_login(person)
        client.post(reverse("training:enrol", args=[course.pk]))
    client.force_login(c)
    response = client.post(reverse("training:enrol", args=[course.pk]), follow=True)
    assert Enrolment.objects.get(youth=c).status == EnrolmentStatus.WAITLISTED
    assert response.context["position"] == 1
    # Enrolling again is refused with the message, not a 500, and nothing changes.
    response = client.post(reverse("training:enrol", args=[course.pk]), follow=True)
    assert response.status_code == 200
    assert Enrolment.objects.filter(youth=c).count() == 1


def test_attendance_page_saves_the_whole_session(client, village_a1, course, village_staff):
    (session,) = add_sessions(course, 1)
    a, b = make_youths(village_a1, 2)
    ea, eb = (enrolment_create(youth=p, course=course) for p in (a, b))
    client.force_login(village_staff)
    url = reverse("training:attendance", args=[session.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"present": [str(ea.pk)]})
    assert list(Attendance.objects.values_list("enrolment_id", flat=True)) == [ea.pk]
    # Junk is refused and nothing changes.
    response = client.post(url, {"present": ["x'; drop"]})
    assert response.status_code == 302
    assert Attendance.objects.count() == 1
    # Someone not seated cannot be marked present.
    client.post(url, {"present": [str(ea.pk), "999999"]})
    assert Attendance.objects.count() == 1


def _xlsx(rows) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for r in rows:
        sheet.append(r)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_an_uploaded_list_is_previewed_with_row_errors_then_recorded(
    client, village_a1, village_staff, kind
):
    course = make_course(village_a1, capacity=3, kind="legal")
    (session,) = add_sessions(course, 1)
    people = make_youths(village_a1, 4)
    people[1].phone = "13912345678"
    people[1].save()
    enrolments = [enrolment_create(youth=p, course=course) for p in people]
    rows = [
        ["编号", "手机"],
        [enrolments[0].pk, ""],
        ["", "139 1234 5678"],  # by mobile
        [enrolments[3].pk, ""],  # waitlisted
        ["999999", ""],  # nobody
        [enrolments[0].pk, ""],  # twice
    ]
    if kind == "xlsx":
        content, name = _xlsx(rows), "list.xlsx"
    else:
        content = "\n".join(",".join(str(c) for c in r) for r in rows).encode("utf-8-sig")
        name = "list.csv"
    client.force_login(village_staff)
    url = reverse("training:attendance_upload", args=[session.pk])
    response = client.post(url, {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    assert response.context["to_add"] == 2
    assert response.context["errors"] == 3
    assert Attendance.objects.count() == 0  # a preview records nothing
    token = response.context["token"]
    # A changed token is refused.
    client.post(url, {"confirm": "1", "token": token + "x"})
    assert Attendance.objects.count() == 0
    client.post(url, {"confirm": "1", "token": token})
    assert set(Attendance.objects.values_list("enrolment_id", flat=True)) == {
        enrolments[0].pk,
        enrolments[1].pk,
    }


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"PK\x03\x04 broken zip",
        b"\x00\x01\x02",
        "名字\n张三".encode(),
        b"a" * (3 * 1024 * 1024),
    ],
)
def test_a_bad_file_gets_a_message_and_nothing_changes(client, village_a1, village_staff, content):
    course = make_course(village_a1)
    (session,) = add_sessions(course, 1)
    client.force_login(village_staff)
    url = reverse("training:attendance_upload", args=[session.pk])
    response = client.post(url, {"file": SimpleUploadedFile("x.csv", content)})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Attendance.objects.count() == 0


def test_sign_in_sheet_and_verification_show_masked_names(client, village_a1, village_staff):
    course = make_course(village_a1, completion_percent=100)
    (session,) = add_sessions(course, 1)
    (person,) = make_youths(village_a1, 1)
    person.name = "张三丰"
    person.phone = "13812345678"
    person.save()
    enrolment = enrolment_create(youth=person, course=course)
    attendance_set(session=session, actor=village_staff, present={enrolment.pk})
    (cert,) = certificates_issue(course=course, actor=village_staff, grade="Grade V")
    client.force_login(village_staff)
    sheet = client.get(reverse("training:sign_in_sheet", args=[session.pk])).content.decode()
    assert "张**" in sheet and "张三丰" not in sheet
    assert "138****5678" in sheet and "13812345678" not in sheet
    page = client.get(reverse("training:certificate", args=[cert.pk])).content.decode()
    assert "data:image/svg+xml;base64," in page
    client.logout()
    verify = client.get(reverse("training:verify", args=[cert.token]))
    text = verify.content.decode()
    assert "张**" in text and "张三丰" not in text and cert.number in text
    assert verify.context["valid"]
    client.force_login(village_staff)
    client.post(reverse("training:certificate_revoke", args=[cert.pk]), {"reason": "Fraud"})
    client.logout()
    assert client.get(reverse("training:verify", args=[cert.token])).context["cert"].is_revoked


def test_mask_name():
    assert mask_name("张三") == "张*"
    assert mask_name("A") == "A*"
    assert mask_name("") == ""


def test_the_qr_code_encodes_the_verification_link(client, village_a1, village_staff, settings):
    import base64

    course = make_course(village_a1, completion_percent=100)
    (session,) = add_sessions(course, 1)
    (person,) = make_youths(village_a1, 1)
    enrolment = enrolment_create(youth=person, course=course)
    attendance_set(session=session, actor=village_staff, present={enrolment.pk})
    (cert,) = certificates_issue(course=course, actor=village_staff, grade="V")
    client.force_login(person)
    response = client.get(reverse("training:certificate", args=[cert.pk]))
    assert response.context["verify_url"].endswith(reverse("training:verify", args=[cert.token]))
    svg = base64.b64decode(response.context["qr"].split(",", 1)[1])
    assert svg.startswith(b"<?xml") or b"<svg" in svg[:200]


def test_reminders_session_tomorrow_and_closing_soon(village_a1, youth_a, youth_b):
    from notifications.models import Message
    from training.models import SavedCourse, Session
    from training.reminders import _closing_soon, _session_tomorrow

    now = timezone.now()
    course = make_course(village_a1, enrol_closes=now + datetime.timedelta(hours=20))
    enrolment_create(youth=youth_a, course=course)
    tomorrow = timezone.localtime(now) + datetime.timedelta(days=1)
    Session.objects.create(
        course=course, topic="T", starts_at=tomorrow, ends_at=tomorrow + datetime.timedelta(hours=1)
    )
    SavedCourse.objects.create(course=course, youth=youth_a)
    SavedCourse.objects.create(course=course, youth=youth_b)
    assert [d.recipient for d in _session_tomorrow(now)] == [youth_a]
    assert [d.recipient for d in _closing_soon(now)] == [youth_b]  # youth_a already enrolled
    assert Message.objects.count() == 0


def test_certificate_and_sign_in_sheet_as_a4_pdfs(client, village_a1, village_staff):
    import io

    import pypdf

    from core.pdfs import pdf_problem

    course = make_course(village_a1, completion_percent=100, title="茶艺技能培训")
    (session,) = add_sessions(course, 1)
    (person,) = make_youths(village_a1, 1)
    person.name = "张三丰"
    person.phone = "13812345678"
    person.save()
    enrolment = enrolment_create(youth=person, course=course)
    attendance_set(session=session, actor=village_staff, present={enrolment.pk})
    (cert,) = certificates_issue(course=course, actor=village_staff, grade="五级")
    client.force_login(village_staff)
    for url in (
        reverse("training:certificate", args=[cert.pk]) + "?format=pdf",
        reverse("training:sign_in_sheet", args=[session.pk]) + "?format=pdf",
    ):
        response = client.get(url)
        assert response["Content-Type"] == "application/pdf"
        assert pdf_problem(response.content, max_bytes=5_000_000) is None
        page = pypdf.PdfReader(io.BytesIO(response.content)).pages[0]
        assert [round(float(v)) for v in page.mediabox[2:]] == [595, 842]  # A4 in points
        text = page.extract_text()
        assert "茶艺技能培训" in text
        assert "张三丰" not in text or "certificate" in url  # the sheet masks the name
    sheet = client.get(reverse("training:sign_in_sheet", args=[session.pk]) + "?format=pdf")
    text = pypdf.PdfReader(io.BytesIO(sheet.content)).pages[0].extract_text()
    assert "张**" in text and "138****5678" in text and "签到表" in text
