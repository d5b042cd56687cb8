"""The desk's pages: opening a case (with a document checked as a PDF), the staff work queue,
consultations, and list pages whose query count does not grow with their rows."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from guidance.models import Case, CaseDocument, Consultation, Status
from guidance.uploads import DOCUMENT_NOT_PDF

from ..factories import pdf_bytes
from .conftest import make_case


def _case_form(**extra):
    return {
        "kind": "wages",
        "other_party": "Green Hill Construction",
        "description": "Three months unpaid.",
        "amount_claimed": "18000",
        **extra,
    }


def test_a_young_person_opens_a_case_with_a_pdf(client, youth_a, village_a1):
    client.force_login(youth_a)
    upload = SimpleUploadedFile("slips.pdf", pdf_bytes(), content_type="application/pdf")
    response = client.post(reverse("guidance:case_open"), _case_form(document=upload))
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("guidance:case_detail", args=[case.pk])
    assert (case.youth, case.centre, case.status, case.opened_by) == (
        youth_a,
        village_a1,
        Status.OPEN,
        youth_a,
    )
    document = CaseDocument.objects.get()
    assert document.uploaded_by == youth_a and document.file.read().startswith(b"%PDF")


def test_a_document_that_is_not_a_pdf_is_refused_and_nothing_opened(client, youth_a):
    client.force_login(youth_a)
    fake = SimpleUploadedFile("slips.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client.post(reverse("guidance:case_open"), _case_form(document=fake))
    assert response.status_code == 200
    assert str(DOCUMENT_NOT_PDF) in response.context["form"].errors["document"]
    assert not Case.objects.exists() and not CaseDocument.objects.exists()


def test_staff_open_a_case_for_a_young_person_of_their_area(
    client, town_staff, other_town_staff, youth_a
):
    client.force_login(other_town_staff)
    response = client.post(
        reverse("guidance:staff_case_open"), _case_form(youth_phone=youth_a.phone)
    )
    assert response.status_code == 200 and response.context["form"].errors["youth_phone"]
    assert not Case.objects.exists()
    client.force_login(town_staff)
    response = client.post(
        reverse("guidance:staff_case_open"), _case_form(youth_phone=youth_a.phone)
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert (case.youth, case.opened_by) == (youth_a, town_staff)


def test_the_work_queue_lists_follow_ups_due_and_they_can_be_done(
    client, town_staff, village_a1, youth_a
):
    today = timezone.localdate()
    client.force_login(town_staff)
    response = client.post(
        reverse("guidance:consultation_create"),
        {
            "centre": village_a1.pk,
            "topic": "startup",
            "youth_phone": youth_a.phone,
            "summary": "Loan subsidy questions",
            "follow_up_on": today.isoformat(),
        },
    )
    assert response.status_code == 302
    consultation = Consultation.objects.get()
    assert consultation.youth == youth_a
    queue = client.get(reverse("guidance:queue"))
    assert list(queue.context["follow_ups"]) == [consultation]
    client.post(reverse("guidance:consultation_done", args=[consultation.pk]))
    consultation.refresh_from_db()
    assert consultation.followed_up_at is not None
    assert list(client.get(reverse("guidance:queue")).context["follow_ups"]) == []


def test_the_stale_flag_shows_in_the_list_and_the_filter(client, town_staff, youth_a, mediator_a):
    stale = make_case(youth_a, status=Status.MEDIATION, mediator=mediator_a)
    make_case(youth_a, status=Status.MEDIATION, mediator=mediator_a)
    Case.objects.filter(pk=stale.pk).update(
        last_activity_at=timezone.now() - datetime.timedelta(days=15)
    )
    client.force_login(town_staff)
    response = client.get(reverse("guidance:cases"), {"stale": "true"})
    assert [c.pk for c in response.context["page"].object_list] == [stale.pk]
    # 14 days without update, in the page's language
    assert "14" in response.content.decode()


def _many_cases(youth, n, mediator):
    for _ in range(n):
        make_case(youth, mediator=mediator)


@pytest.mark.parametrize(
    ("url_name", "who"),
    [
        ("guidance:cases", "town_staff"),
        ("guidance:my_cases", "youth_a"),
        ("guidance:mediator_cases", "mediator_a"),
        ("guidance:queue", "town_staff"),
        ("guidance:consultations", "town_staff"),
    ],
)
def test_list_pages_make_the_same_queries_for_1_and_50_rows(
    client, request, django_assert_max_num_queries, youth_a, mediator_a, village_a1, url_name, who
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = request.getfixturevalue(who)
    client.force_login(user)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(url_name)).status_code == 200
        return len(queries)

    _many_cases(youth_a, 1, mediator_a)
    Consultation.objects.create(centre=village_a1, topic="career", summary="x", youth=youth_a)
    count()  # the first request fills what every page keeps (the navigation bar)
    one = count()
    _many_cases(youth_a, 49, mediator_a)
    for _ in range(49):
        Consultation.objects.create(centre=village_a1, topic="career", summary="x", youth=youth_a)
    assert count() == one
    # ...and few: the page, the user and the session, the rows, a count.
    with django_assert_max_num_queries(12):
        client.get(reverse(url_name))


def test_the_case_page_reads_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, case_a, town_staff, mediator_a
):
    from guidance.services import case_note_add

    client.force_login(town_staff)
    for i in range(20):
        case_note_add(
            case=case_a, actor=mediator_a, text=f"note {i}", noted_on=timezone.localdate()
        )
    with django_assert_max_num_queries(20):
        assert client.get(reverse("guidance:case_detail", args=[case_a.pk])).status_code == 200
