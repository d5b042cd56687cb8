"""End to end, in Chromium: an employer's contact posts a vacancy at a desk, a young person
finds it and applies on a phone, the employer shortlists and offers, the young person accepts,
the employer records the hire, and the placement appears on the young person's timeline."""

import re

import pytest
from django.utils import translation

from jobs.models import MOVE_LABELS, Application, HowFound, Placement, Status, Vacancy
from tests.factories import PartnerMemberFactory

from .test_projects import assert_chinese, assert_fits_width, expect, sign_in

pytestmark = pytest.mark.e2e

TITLE = "熔炼操作工"


def label(frm, to) -> str:
    with translation.override("zh-hans"):
        return str(MOVE_LABELS[(frm, to)])


def press(page, frm, to):
    form = page.locator(f'form:has(input[name="to_status"][value="{to}"])')
    with page.expect_navigation():
        form.get_by_role("button", name=label(frm, to)).click()
    expect(page.locator(".alert-success")).to_be_visible()


def test_an_employer_posts_a_young_person_applies_on_a_phone_and_is_hired(
    phone_page, desktop_page, shot, youth_a, partner_enterprise
):
    PartnerMemberFactory(
        user__email="hr@metals.example.com", user__name="李经理", enterprise=partner_enterprise
    )

    # 1. The employer's contact posts a vacancy.
    employer = desktop_page
    sign_in(employer, "hr@metals.example.com", two_factor=True)
    employer.goto("/employer/vacancies/new/")
    assert_chinese(employer)
    employer.locator("#id_title").fill(TITLE)
    employer.locator("#id_places").fill("2")
    employer.locator("#id_pay_min").fill("5500")
    employer.locator("#id_pay_max").fill("7500")
    employer.locator("#id_location_kind").select_option("district")
    employer.locator("#id_location").fill("河口镇工业园")
    employer.locator("#id_sector").select_option("manufacturing")
    employer.locator("#id_closes_on").fill("2099-12-31")
    shot(employer, "jobs-01-post-vacancy")
    employer.locator('form input[type="submit"][name="submit"]').click()
    employer.wait_for_url(re.compile(r"/employer/vacancies/\d+/$"))
    vacancy = Vacancy.objects.get(title=TITLE)
    assert vacancy.enterprise == partner_enterprise

    # 2. The young person finds it on a phone and applies.
    youth = phone_page
    sign_in(youth, "youth.a@example.com")
    youth.wait_for_url("**/me/")
    youth.goto("/jobs/?q=熔炼")
    assert_chinese(youth)
    youth.locator(f'a[href="/jobs/{vacancy.pk}/"]').click()
    youth.wait_for_url(f"**/jobs/{vacancy.pk}/")
    expect(youth.locator("h1")).to_have_text(TITLE)
    youth.locator("#id_message").fill("我在冶炼厂干过两年。")
    assert_fits_width(youth)
    shot(youth, "jobs-02-apply-phone")
    youth.locator("main form button[type=submit]").click()
    youth.wait_for_url(re.compile(r"/jobs/applications/\d+/$"))
    application = Application.objects.get(vacancy=vacancy, youth=youth_a)
    detail = f"/jobs/applications/{application.pk}/"

    # 3. The employer sees the applicant, shortlists and offers.
    employer.goto(f"/employer/vacancies/{vacancy.pk}/")
    expect(employer.locator("main")).to_contain_text("Alice")
    employer.locator(f'a[href="{detail}"]').click()
    employer.wait_for_url(f"**{detail}")
    press(employer, Status.APPLIED, Status.SHORTLISTED)
    press(employer, Status.SHORTLISTED, Status.OFFERED)

    # 4. The young person accepts the offer on the phone.
    youth.goto(detail)
    assert_fits_width(youth)
    shot(youth, "jobs-03-offer-phone")
    press(youth, Status.OFFERED, Status.ACCEPTED)

    # 5. The employer records the hire.
    employer.goto(detail)
    press(employer, Status.ACCEPTED, Status.HIRED)
    shot(employer, "jobs-04-hired")
    application.refresh_from_db()
    assert application.status == Status.HIRED
    placement = Placement.objects.get(youth=youth_a)
    assert (placement.vacancy, placement.how_found) == (vacancy, HowFound.PORTAL)

    # 6. The placement is on the young person's timeline.
    youth.goto("/me/")
    expect(youth.locator("main")).to_contain_text(f"实现就业：{partner_enterprise.name} {TITLE}")
    assert_fits_width(youth)
    shot(youth, "jobs-05-timeline-phone")
