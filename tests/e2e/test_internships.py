"""End to end, in Chromium: a graduate applies for an internship on a phone, the host's
contact shortlists and offers, the graduate accepts, the host files the mid-term evaluation,
and district staff see the placement with its end date."""

import datetime
import re

import pytest
from django.utils import timezone, translation

from internships.models import (
    Application,
    Evaluation,
    EvaluationKind,
    Placement,
    Position,
    Station,
    Status,
    end_of,
)
from tests.e2e.test_projects import assert_chinese, assert_fits_width, expect, sign_in

pytestmark = pytest.mark.e2e


def zh(status) -> str:
    with translation.override("zh-hans"):
        return str(Status(status).label)


def move(page, to_status, **fields):
    form = page.locator(f'form:has(input[name="to_status"][value="{to_status}"])')
    for name, value in fields.items():
        form.locator(f'[name="{name}"]').fill(value)
    with page.expect_navigation():
        form.get_by_role("button").click()
    expect(page.locator(".alert-success")).to_contain_text(zh(to_status))
    expect(page.locator("#application-status")).to_have_text(zh(to_status))


def test_a_graduate_applies_is_offered_accepts_and_is_evaluated(
    phone_page, desktop_page, shot, youth_a, enterprise_contact, district_staff
):
    profile = youth_a.youth_profile
    profile.graduation_year = timezone.localdate().year - 1
    profile.education_level = "junior_college"
    profile.save()
    enterprise = enterprise_contact.partner_membership.enterprise
    enterprise.is_internship_host = True
    enterprise.save()
    station = Station.objects.create(
        enterprise=enterprise, since=datetime.date(2021, 3, 1), annual_quota=40
    )
    position = Position.objects.create(
        station=station, title="电商运营实习生", department="市场部", places=2, stipend=3000
    )

    # 1. The graduate finds the position on a phone, is told they may apply, and applies.
    youth = phone_page
    sign_in(youth, "youth.a@example.com")
    youth.wait_for_url("**/me/")
    youth.goto("/internships/")
    assert_chinese(youth)
    assert_fits_width(youth)
    youth.get_by_role("link", name=re.compile("电商运营实习生")).click()
    youth.wait_for_url(f"**/internships/{position.pk}/")
    expect(youth.locator("#eligible")).to_be_visible()
    youth.locator("#id_motivation").fill("我学的是电子商务专业，希望回乡发展。")
    shot(youth, "internships-01-position")
    youth.get_by_role("button", name="申请", exact=True).click()
    youth.wait_for_url(re.compile(r"/internships/applications/\d+/$"))
    application = Application.objects.get(youth=youth_a)
    expect(youth.locator("#application-status")).to_have_text(zh(Status.APPLIED))
    assert_fits_width(youth)

    # 2. The host's contact signs in with a second factor and finds the applicant.
    host = desktop_page
    sign_in(host, enterprise_contact.email, two_factor=True)
    host.wait_for_url(re.compile(r"/partner/"))
    host.goto("/partner/internships/")
    assert_chinese(host)
    host.locator(f'a[href="/internships/applications/{application.pk}/"]').click()
    host.wait_for_url(f"**/internships/applications/{application.pk}/")
    # The graduate's moves are not offered to the host.
    expect(host.locator('input[name="to_status"][value="withdrawn"]')).to_have_count(0)
    move(host, Status.SHORTLISTED)
    start = timezone.localdate() + datetime.timedelta(days=7)
    move(host, Status.OFFERED, start_date=start.isoformat())
    shot(host, "internships-02-offered")
    assert Position.objects.get(pk=position.pk).places_taken == 1

    # 3. The graduate accepts on the phone: the placement starts for a year.
    youth.reload()
    expect(youth.get_by_role("button", name="接受录用")).to_be_visible()
    move(youth, Status.ACCEPTED)
    placement = Placement.objects.get(youth=youth_a)
    assert (placement.start_date, placement.end_date) == (start, end_of(start, 12))
    youth.get_by_role("link", name="查看见习").click()
    youth.wait_for_url(f"**/internships/placements/{placement.pk}/")
    shot(youth, "internships-03-placement-youth")

    # 4. The host files the mid-term evaluation.
    host.goto(f"/internships/placements/{placement.pk}/")
    host.get_by_role("link", name="评价见习人员").click()
    host.wait_for_url(f"**/internships/placements/{placement.pk}/evaluate/")
    host.locator("#id_kind").select_option(EvaluationKind.MIDTERM)
    host.locator("#id_attitude").select_option("5")
    host.locator("#id_skills").select_option("4")
    host.locator("#id_teamwork").select_option("5")
    host.locator("#id_comments").fill("学习能力强，工作主动。")
    host.locator('form input[type="submit"][name="submit"]').click()
    host.wait_for_url(f"**/internships/placements/{placement.pk}/")
    expect(host.locator(".alert-success")).to_be_visible()
    expect(host.locator(".evaluation")).to_contain_text("学习能力强")
    shot(host, "internships-04-evaluated")
    evaluation = Evaluation.objects.get(placement=placement)
    assert (evaluation.kind, evaluation.attitude, evaluation.evaluated_by) == (
        EvaluationKind.MIDTERM,
        5,
        enterprise_contact,
    )

    # 5. District staff see the placement and its end date.
    host.context.clear_cookies()
    staff = host
    sign_in(staff, district_staff.email, two_factor=True)
    staff.wait_for_url("**/staff/")
    staff.goto("/staff/internships/")
    assert_chinese(staff)
    staff.get_by_role("link", name="见习人员", exact=True).first.click()
    staff.wait_for_url("**/internships/placements/")
    row = staff.locator(
        "tr", has=staff.locator(f'a[href="/internships/placements/{placement.pk}/"]')
    )
    expect(row).to_be_visible()
    with translation.override("zh-hans"):
        from django.utils.formats import date_format

        end_text = date_format(placement.end_date, "SHORT_DATE_FORMAT")
    expect(row).to_contain_text(end_text)
    row.locator("a").first.click()
    staff.wait_for_url(f"**/internships/placements/{placement.pk}/")
    expect(staff.locator("#end-date")).to_have_text(end_text)
    expect(staff.locator(".evaluation")).to_contain_text("学习能力强")
    shot(staff, "internships-05-staff-placement")
