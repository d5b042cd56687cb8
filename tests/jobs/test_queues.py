"""The jobs work queues: vacancies with unanswered applications, vacancies closing unfilled."""

import datetime

from django.urls import reverse
from django.utils import timezone

from jobs.models import Status
from jobs.services import application_transition

from ..factories import EnterpriseFactory
from ..queues import held
from .factories import make_application, make_vacancy


def test_vacancies_with_unanswered_applications_until_the_employer_answers(
    partner_enterprise, enterprise_contact, youth_a, town_b, town_staff, other_town_staff
):
    vacancy = make_vacancy(partner_enterprise)
    make_vacancy(partner_enterprise, title="无人申请")
    application = make_application(vacancy, youth_a)
    theirs = make_vacancy(EnterpriseFactory(centre=town_b, name="乙公司"))
    make_application(theirs, youth_a)

    assert held("jobs.unanswered", town_staff) == [vacancy.pk]
    assert held("jobs.unanswered", other_town_staff) == [theirs.pk]

    application_transition(
        application=application, to_status=Status.SHORTLISTED, actor=enterprise_contact
    )
    assert held("jobs.unanswered", town_staff) == []


def test_vacancies_closing_within_three_days_with_places_left(
    client, partner_enterprise, town_b, town_staff, other_town_staff
):
    today = timezone.localdate()
    soon = make_vacancy(partner_enterprise, closes_on=today + datetime.timedelta(days=2))
    make_vacancy(partner_enterprise, closes_on=today + datetime.timedelta(days=10))
    make_vacancy(partner_enterprise, closes_on=today + datetime.timedelta(days=1), filled=2)
    theirs = make_vacancy(
        EnterpriseFactory(centre=town_b, name="乙公司"),
        closes_on=today + datetime.timedelta(days=1),
    )

    assert held("jobs.closing", town_staff) == [soon.pk]
    assert held("jobs.closing", other_town_staff) == [theirs.pk]
    client.force_login(town_staff)
    listed = client.get(reverse("jobs:vacancy_manage"), {"attention": "closing"})
    assert [v.pk for v in listed.context["page"]] == [soon.pk]
