"""End to end, in Chromium: the district's coordinator opens the staff home, sees the figures
counted in advance and a trend chart drawn on its canvas with its table, changes the period
(a quarter, then custom dates counted live), and follows a figure to the records behind it;
on a phone the page fits the screen."""

import datetime
import re

import pytest
from django.utils import timezone

from dashboard.refresh import refresh_figures
from tests.dashboard.helpers import place
from tests.factories import YouthProfileFactory

from .test_projects import assert_chinese, assert_fits_width, expect, sign_in

pytestmark = pytest.mark.e2e


def test_the_staff_home_from_period_to_drill_down(
    desktop_page, shot, district_staff, village_a1, village_b1
):
    today = timezone.localdate()
    for i in range(3):
        youth = YouthProfileFactory(home_centre=village_a1 if i < 2 else village_b1).user
        place(youth, youth.youth_profile.home_centre, today, f"岗位{i}")
    place(youth, village_b1, today, "第二份工作")  # the same person twice: counted once
    earlier = YouthProfileFactory(home_centre=village_b1).user
    place(earlier, village_b1, today - datetime.timedelta(days=400), "往年")
    refresh_figures()

    page = desktop_page
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    sign_in(page, district_staff.email, two_factor=True)
    page.goto("/staff/")
    assert_chinese(page)
    expect(page.locator('[data-figure="jobs.placed"]')).to_have_text("3")
    expect(page.locator("[data-counted-at]")).to_contain_text("分钟重新统计")
    canvas = page.locator('canvas[data-chart="jobs.placed"]')
    expect(canvas).to_be_visible()
    # Chart.js drew on it (a canvas it has not touched has no size of its own set).
    page.wait_for_function(
        """() => { const c = document.querySelector('canvas[data-chart="jobs.placed"]');
                   return c && c.width > 0 && Chart.getChart(c) !== undefined; }"""
    )
    table = page.locator('[data-chart-table="jobs.placed"]')
    table.locator("xpath=ancestor::details").locator("summary").click()
    expect(table.locator("tbody tr")).to_have_count(12)
    expect(table.locator("tbody tr").last).to_contain_text("3")
    shot(page, "dashboard-01-desktop")

    # A quarter from the chooser, then custom dates (counted live, and the page says so).
    quarter = f"{today.year}q{(today.month - 1) // 3 + 1}"
    page.locator("#id_period").select_option(quarter)
    page.get_by_role("button", name="查看").click()
    page.wait_for_url(re.compile(rf"period={quarter}"))
    expect(page.locator('[data-figure="jobs.placed"]')).to_have_text("3")
    page.locator("#id_period").select_option("custom")
    page.locator("#id_start").fill(today.isoformat())
    page.locator("#id_end").fill(today.isoformat())
    page.get_by_role("button", name="查看").click()
    page.wait_for_url(re.compile(r"period=custom"))
    expect(page.locator("[data-counted-at]")).to_contain_text("实时统计")
    expect(page.locator('[data-figure="jobs.placed"]')).to_have_text("3")

    # The figure's drill-down: the people behind it, their number equal to the figure.
    page.locator('a[href^="/staff/figures/jobs.placed/"]').first.click()
    page.wait_for_url(re.compile(r"/staff/figures/jobs\.placed/\?period=custom"))
    expect(page.locator("[data-figure-value]")).to_have_text("3")
    expect(page.locator("[data-drill-rows] tbody tr")).to_have_count(3)
    expect(page.locator("main")).to_contain_text("每人只计一次")
    shot(page, "dashboard-02-drill-down")
    assert not [e for e in errors if "Content Security Policy" in e or "Refused" in e], errors

    # The same page on a phone-sized screen (a second sign-in would reuse the same
    # 30-second code, which allauth refuses).
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/staff/")
    expect(page.locator('canvas[data-chart="jobs.placed"]')).to_be_visible()
    assert_fits_width(page)
    shot(page, "dashboard-03-phone")
