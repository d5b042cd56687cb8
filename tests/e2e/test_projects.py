"""End to end, in Chromium: a venture project from a young person's idea to a launched
business with its first quarterly figures.

The young person works on a phone, the town's coordinator at a desk. Stage names are
asserted in Chinese through the model's own labels, so a change of wording in the
catalogue does not break the test, but an English page would.
"""

import datetime
import re
import time

import pytest
from django.utils import timezone, translation

from accounts.models import StaffProfile
from core.periods import quarter_label
from notifications.models import Message
from projects.models import OutcomeReport, Stage, VentureProject
from projects.reminders import previous_quarter
from tests.conftest import PASSWORD
from tests.factories import StaffProfileFactory, make_uscc, pdf_bytes, totp_code

pytestmark = pytest.mark.e2e

PLAN = pdf_bytes(pages=2, title="商业计划书")
NAME = "溪口竹编工作室"


def expect(actual):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(actual)


def zh(stage) -> str:
    with translation.override("zh-hans"):
        return str(Stage(stage).label)


def assert_chinese(page):
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")


def assert_fits_width(page):
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the viewport"


def sign_in(page, email, *, two_factor=False):
    page.goto("/accounts/login/")
    assert_chinese(page)
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="登录", exact=True).click()
    if two_factor:
        page.wait_for_url("**/accounts/2fa/authenticate/")
        # allauth accepts only the current 30-second code (no tolerance): never type one
        # that expires before the server checks it.
        left = 30 - time.time() % 30
        if left < 3:
            time.sleep(left + 0.2)
        page.locator("#id_code").fill(totp_code())
        page.locator("main").get_by_role("button", name="登录", exact=True).click()


def move(page, to_stage, reason=""):
    """Press the move button of one stage on the project page and wait for the new page."""
    form = page.locator(f'form:has(input[name="to_stage"][value="{to_stage}"])')
    if reason:
        form.locator("textarea[name=reason]").fill(reason)
    with page.expect_navigation():
        form.get_by_role("button").click()
    expect(page.locator(".alert-success")).to_contain_text(zh(to_stage))
    expect(page.locator("h1 + .badge")).to_have_text(zh(to_stage))


def test_it_takes_a_project_from_idea_to_launch_and_its_first_figures(
    phone_page, desktop_page, live_server, shot, youth_a, town_a, village_a1
):
    youth = phone_page
    coordinator = StaffProfileFactory(
        user__email="coordinator.a@example.com",
        user__name="王书记",
        role=StaffProfile.Role.COORDINATOR,
        centre=town_a,
    ).user

    # 1. The young person signs in with e-mail and password and finds their projects.
    sign_in(youth, "youth.a@example.com")
    youth.wait_for_url("**/me/")
    youth.locator(".navbar-toggler").click()
    youth.locator('#nav-main a[href="/me/projects/"]').click()
    youth.wait_for_url("**/me/projects/")
    assert_chinese(youth)
    assert_fits_width(youth)
    shot(youth, "projects-01-my-projects-empty")
    youth.locator('main a[href="/me/projects/new/"]').click()

    # 2. Registers a project with a PDF business plan.
    youth.wait_for_url("**/me/projects/new/")
    expect(youth.locator("#id_centre")).to_have_value(str(village_a1.pk))  # their village
    youth.locator("#id_name").fill(NAME)
    youth.locator("#id_sector").select_option("culture")
    youth.locator("#id_description").fill("把传统竹编做成文创产品，在网上销售。")
    youth.locator("#id_plan_upload").set_input_files(
        {"name": "商业计划书.pdf", "mimeType": "application/pdf", "buffer": PLAN}
    )
    youth.locator("#id_showcase_opt_in").check()
    youth.locator("#id_story").fill("竹编非遗技艺与现代设计结合的手工品牌。")
    assert_fits_width(youth)
    shot(youth, "projects-02-register-filled")
    youth.locator('form input[type="submit"][name="submit"]').click()

    youth.wait_for_url(re.compile(r"/projects/\d+/$"))
    project = VentureProject.objects.get(name=NAME)
    detail = f"/projects/{project.pk}/"
    assert project.lead == youth_a
    assert project.stage == Stage.IDEA
    assert project.business_plan.read() == PLAN
    expect(youth.locator(".alert-success")).to_be_visible()
    expect(youth.locator("h1")).to_have_text(NAME)
    expect(youth.locator(f'a[href="/projects/{project.pk}/plan/"]')).to_be_visible()
    assert_fits_width(youth)
    shot(youth, "projects-03-registered")

    # 3. Submits it: Idea → Applied, with a button that says so and no reason asked; the page
    # then says what happens next. Staff moves are not offered to the young person.
    expect(youth.locator('input[name="to_stage"][value="under_review"]')).to_have_count(0)
    expect(youth.locator("textarea[name=reason]")).to_have_count(0)
    expect(youth.get_by_role("button", name="提交申报")).to_be_visible()
    move(youth, Stage.APPLIED)
    expect(youth.get_by_role("button", name="撤回申报")).to_be_visible()
    expect(youth.locator("main")).to_contain_text("的工作人员将开始评审")
    shot(youth, "projects-04-applied")

    # 4. The town's coordinator signs in with a second factor and finds it on the board.
    staff = desktop_page
    sign_in(staff, coordinator.email, two_factor=True)
    staff.wait_for_url("**/staff/")
    staff.locator('#nav-main a[href="/staff/projects/"]').click()
    staff.wait_for_url("**/staff/projects/")
    assert_chinese(staff)
    applied = staff.locator("section.board-column").filter(
        has=staff.locator('a[href="/staff/projects/list/?stage=applied"]')
    )
    expect(applied.locator(".badge")).to_have_text("1")
    expect(applied.locator("a.card")).to_contain_text(NAME)
    shot(staff, "projects-05-board")
    applied.locator("a.card", has_text=NAME).click()

    # The business plan downloads for staff in scope.
    staff.wait_for_url(f"**{detail}")
    download = staff.request.get(f"{live_server.url}{detail}plan/")
    assert download.status == 200
    assert download.body() == PLAN
    # The young person's moves are not offered to staff.
    expect(staff.locator('input[name="to_stage"][value="idea"]')).to_have_count(0)

    # The lead's profile is one click away for staff.
    expect(staff.locator(f'a[href="/staff/youth/{youth_a.youth_profile.pk}/"]')).to_be_visible()

    # 5. Under review → Signed (a coordinator of the town signs).
    move(staff, Stage.UNDER_REVIEW)
    move(staff, Stage.SIGNED)
    shot(staff, "projects-06-signed")
    # Launching waits for the business facts: the page asks for them instead.
    expect(staff.locator('input[name="to_stage"][value="launched"]')).to_have_count(0)
    expect(staff.locator("main")).to_contain_text("请先填写经营信息")

    # 6. Records the registered business, then the launch.
    staff.locator(f'a[href="/projects/{project.pk}/facts/"]').click()
    staff.wait_for_url(f"**{detail}facts/")
    uscc = make_uscc(8801)
    staff.locator("#id_is_registered").check()
    staff.locator("#id_business_name").fill("溪口竹编文化有限公司")
    staff.locator("#id_uscc").fill(uscc.lower())  # normalised to capitals
    staff.locator("#id_investment").fill("120000")
    staff.locator("#id_jobs_created").fill("4")
    staff.locator("#id_jobs_for_youth").fill("3")
    staff.locator("#id_in_demo_park").check()
    shot(staff, "projects-07-facts")
    staff.locator('form input[type="submit"][name="submit"]').click()
    staff.wait_for_url(f"**{detail}")
    expect(staff.locator(".alert-success")).to_be_visible()
    expect(staff.locator("main")).to_contain_text("溪口竹编文化有限公司")
    expect(staff.locator("main")).to_contain_text(uscc)
    move(staff, Stage.LAUNCHED)
    shot(staff, "projects-08-launched-staff")
    project.refresh_from_db()
    today = timezone.localdate()
    assert (project.stage, project.signed_on, project.launched_on) == (Stage.LAUNCHED, today, today)
    project.refresh_from_db()
    assert (project.is_registered, project.uscc, project.in_demo_park) == (True, uscc, True)
    assert (project.jobs_created, project.jobs_for_youth) == (4, 3)

    # The same pages on a phone-sized screen, for staff out in the villages.
    staff.set_viewport_size({"width": 390, "height": 844})
    staff.goto("/staff/projects/")
    shot(staff, "projects-09-board-phone")
    assert_fits_width(staff)
    staff.goto("/staff/projects/list/")
    shot(staff, "projects-10-list-phone")
    assert_fits_width(staff)

    # 7. The young person sees the whole history (each staff move also reached the inbox).
    youth.goto(detail)
    history = youth.locator("ol.list-unstyled > li")
    expect(history).to_have_count(5)
    for position, stage in enumerate(
        [Stage.IDEA, Stage.APPLIED, Stage.UNDER_REVIEW, Stage.SIGNED, Stage.LAUNCHED]
    ):
        expect(history.nth(position).locator("strong")).to_have_text(zh(stage))
    expect(history.nth(3)).to_contain_text("王书记")
    assert_fits_width(youth)
    shot(youth, "projects-11-history")
    assert (
        Message.objects.filter(
            recipient=youth_a, kind="projects.stage_changed", channel="inapp"
        ).count()
        == 3
    )

    # 8. Reports the previous quarter's figures. Figures are only taken for quarters that
    # ended after the launch, and the launch happened today, so the launch date is moved
    # back in the database to before the previous quarter's end (as if launched in it).
    year, quarter, ended = previous_quarter(today)
    VentureProject.objects.filter(pk=project.pk).update(
        signed_on=ended - datetime.timedelta(days=40),
        launched_on=ended - datetime.timedelta(days=20),
    )
    youth.reload()
    youth.locator(f'a[href="/projects/{project.pk}/outcomes/new/"]').click()
    youth.wait_for_url(f"**{detail}outcomes/new/")
    expect(youth.locator("#id_year")).to_have_value(str(year))
    expect(youth.locator("#id_quarter")).to_have_value(str(quarter))
    youth.locator("#id_jobs").fill("6")
    youth.locator("#id_jobs_for_youth").fill("5")
    youth.locator("#id_revenue_band").select_option("lt200k")
    assert_fits_width(youth)
    shot(youth, "projects-12-outcome-form")
    youth.locator('form input[type="submit"][name="submit"]').click()

    youth.wait_for_url(f"**{detail}")
    expect(youth.locator(".alert-success")).to_be_visible()
    row = youth.locator("table tbody tr").first
    with translation.override("zh-hans"):
        expect(row.locator("td").first).to_have_text(quarter_label(year, quarter))
    expect(row.locator("td").nth(1)).to_have_text("6")
    expect(row.locator("td").nth(2)).to_have_text("5")
    assert_fits_width(youth)
    shot(youth, "projects-13-figures-reported")
    report = OutcomeReport.objects.get(project=project)
    assert (report.year, report.quarter, report.jobs, report.jobs_for_youth) == (
        year,
        quarter,
        6,
        5,
    )
    assert report.reported_by == youth_a
    project.refresh_from_db()
    assert (project.jobs_created, project.jobs_for_youth) == (6, 5)

    # 9. Launched and opted in: on the public showcase, without the founder's name.
    youth.goto("/showcase/")
    card = youth.locator("article", has_text=NAME)
    expect(card).to_be_visible()
    expect(card).to_contain_text("竹编非遗技艺与现代设计结合的手工品牌。")
    expect(youth.locator("main")).not_to_contain_text("Alice")
    assert_fits_width(youth)
    shot(youth, "projects-14-showcase")
