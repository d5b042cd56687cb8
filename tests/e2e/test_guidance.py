"""End to end, in Chromium: a young person asks the rights-protection desk for help with
unpaid wages on a phone; the town's coordinator assigns the case to a mediator of the legal
service centre; the mediator (signing in with a second factor) takes it through mediation and
records the recovery; the young person sees their case resolved, without the internal notes.

Statuses are asserted in Chinese through the model's own labels."""

import re
from decimal import Decimal

import pytest
from django.utils import translation

from accounts.models import StaffProfile
from guidance.models import Case, Mediator, Office, Status
from notifications.models import Message
from tests.factories import StaffProfileFactory, UserFactory, with_two_factor

from .test_projects import assert_chinese, assert_fits_width, expect, sign_in

pytestmark = pytest.mark.e2e

SECRET = "雇主律师私下表示可以先付九成"


def zh(status) -> str:
    with translation.override("zh-hans"):
        return str(Status(status).label)


def move(page, to_status, *, note="", recovered=None):
    form = page.locator(f'form:has(input[name="to_status"][value="{to_status}"])')
    if recovered is not None:
        form.locator("input[name=amount_recovered]").fill(recovered)
    if note:
        form.locator("textarea[name=note]").fill(note)
    with page.expect_navigation():
        form.get_by_role("button").click()
    expect(page.locator(".alert-success")).to_contain_text(zh(to_status))
    expect(page.locator("#case-status")).to_have_text(zh(to_status))


def test_a_wage_case_from_a_phone_to_its_recovery(
    phone_page, desktop_page, browser, live_server, shot, youth_a, town_a, district
):
    coordinator = StaffProfileFactory(
        user__email="coordinator.a@example.com",
        user__name="王书记",
        role=StaffProfile.Role.COORDINATOR,
        centre=town_a,
    ).user
    office = Office.objects.create(name="青山区法律援助中心", kind="legal_service", centre=district)
    mediator = UserFactory(email="mediator@example.com", name="吴调解员")
    Mediator.objects.create(user=mediator, office=office)
    with_two_factor(mediator)

    # 1. The young person, on a phone, finds the desk in the menu and opens a wage case.
    youth = phone_page
    sign_in(youth, "youth.a@example.com")
    youth.wait_for_url("**/me/")
    youth.locator(".navbar-toggler").click()
    youth.locator('#nav-main a[href="/me/cases/"]').click()
    youth.wait_for_url("**/me/cases/")
    assert_chinese(youth)
    assert_fits_width(youth)
    youth.locator('main a[href="/me/cases/new/"]').click()
    youth.wait_for_url("**/me/cases/new/")
    youth.locator("#id_kind").select_option("wages")
    youth.locator("#id_other_party").fill("青山建筑工程有限公司")
    youth.locator("#id_description").fill("工地结算后老板拖欠三个月工资。")
    youth.locator("#id_amount_claimed").fill("18000")
    assert_fits_width(youth)
    shot(youth, "guidance-01-open-case-phone")
    youth.locator('form input[type="submit"][name="submit"]').click()
    youth.wait_for_url(re.compile(r"/cases/\d+/$"))
    case = Case.objects.get(youth=youth_a)
    detail = f"/cases/{case.pk}/"
    assert (case.kind, case.amount_claimed, case.status) == ("wages", Decimal("18000"), "open")
    expect(youth.locator("#case-status")).to_have_text(zh(Status.OPEN))
    # No case worker's move is offered to the young person.
    expect(youth.locator('input[name="to_status"][value="mediation"]')).to_have_count(0)
    assert_fits_width(youth)
    shot(youth, "guidance-02-case-opened-phone")

    # 2. The town's coordinator finds it in the work queue and assigns the mediator.
    staff = desktop_page
    sign_in(staff, coordinator.email, two_factor=True)
    staff.wait_for_url("**/staff/")
    staff.goto("/staff/guidance/queue/")
    assert_chinese(staff)
    staff.locator(f'main a[href="{detail}"]').first.click()
    staff.wait_for_url(f"**{detail}")
    staff.locator("#id_mediator").select_option(str(mediator.pk))
    with staff.expect_navigation():
        staff.locator(f'form[action="{detail}assign/"] button').click()
    expect(staff.locator(".alert-success")).to_be_visible()
    expect(staff.locator("main")).to_contain_text("吴调解员")
    shot(staff, "guidance-03-assigned")
    case.refresh_from_db()
    assert case.mediator == mediator
    assert Message.objects.filter(kind="guidance.case_assigned", recipient=mediator).exists()

    # 3. The mediator signs in (second factor), finds the case, writes an internal note, takes
    # it into mediation and records the recovery.
    context = browser.new_context(base_url=live_server.url, locale="en-US", reduced_motion="reduce")
    try:
        med = context.new_page()
        sign_in(med, mediator.email, two_factor=True)
        med.wait_for_url("**/mediator/cases/")
        assert_chinese(med)
        med.locator(f'main a[href="{detail}"]').click()
        med.wait_for_url(f"**{detail}")
        med.locator("#id_text").fill(SECRET)
        with med.expect_navigation():
            med.locator(f'form[action="{detail}notes/"] button').click()
        expect(med.locator("#case-notes")).to_contain_text(SECRET)
        move(med, Status.MEDIATION, note="已约双方本周五在司法所调解。")
        move(med, Status.RESOLVED, note="调解成功，工资已全部追回。", recovered="18000")
        shot(med, "guidance-04-resolved-by-mediator")
    finally:
        context.close()
    case.refresh_from_db()
    assert (case.status, case.amount_recovered) == (Status.RESOLVED, Decimal("18000"))

    # 4. The young person sees the case resolved, its progress and the amount, never the note.
    youth.goto(detail)
    expect(youth.locator("#case-status")).to_have_text(zh(Status.RESOLVED))
    expect(youth.locator("#case-recovered")).to_contain_text("18,000")
    progress = youth.locator("#case-progress > li")
    expect(progress).to_have_count(3)
    for position, status in enumerate([Status.OPEN, Status.MEDIATION, Status.RESOLVED]):
        expect(progress.nth(position).locator("strong")).to_have_text(zh(status))
    expect(youth.locator("main")).to_contain_text("调解成功，工资已全部追回。")
    expect(youth.locator("main")).not_to_contain_text(SECRET)
    expect(youth.locator("#case-notes")).to_have_count(0)
    assert_fits_width(youth)
    shot(youth, "guidance-05-resolved-phone")
    assert (
        Message.objects.filter(
            recipient=youth_a, kind="guidance.case_progress", channel="inapp"
        ).count()
        == 2
    )
