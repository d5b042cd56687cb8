"""End to end, in Chromium: a young wealth-leader applies for a microloan referral on a
phone, the town's staff refer it to the bank, the bank's officer approves it at the
discounted rate and records the disbursement, and the young person sees the loan with
the discounted rate beside the base rate."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from accounts.models import StaffProfile
from loans.models import LoanProduct, Referral, Status, WealthLeader
from tests.factories import PartnerMemberFactory, StaffProfileFactory, pdf_bytes

from .test_projects import assert_chinese, assert_fits_width, expect, sign_in

pytestmark = pytest.mark.e2e


def zh(status) -> str:
    with translation.override("zh-hans"):
        return str(Status(status).label)


def test_a_wealth_leader_gets_a_loan_at_the_discounted_rate(
    phone_page, desktop_page, browser, live_server, shot, youth_a, town_a, partner_bank
):
    today = timezone.localdate()
    LoanProduct.objects.create(
        bank=partner_bank,
        name="青年创业贷",
        base_rate=Decimal("4.35"),
        max_amount=Decimal("200000"),
        min_term_months=6,
        max_term_months=36,
        valid_from=today - datetime.timedelta(days=30),
    )
    coordinator = StaffProfileFactory(
        user__email="coordinator.a@example.com",
        user__name="王书记",
        role=StaffProfile.Role.COORDINATOR,
        centre=town_a,
    ).user
    WealthLeader.objects.create(
        person=youth_a,
        centre=youth_a.youth_profile.home_centre,
        evidence="带动二十户增收",
        granted_by=coordinator,
        granted_on=today - datetime.timedelta(days=10),
        expires_on=today + datetime.timedelta(days=300),
    )
    officer = PartnerMemberFactory(
        user__email="officer@bank.example.com", user__name="周信贷员", bank=partner_bank,
        role="officer",
    ).user  # fmt: skip

    # 1. The young person applies on a phone, with a PDF and the consent to share.
    youth = phone_page
    sign_in(youth, "youth.a@example.com")
    youth.wait_for_url("**/me/")
    youth.goto("/me/loans/")
    assert_chinese(youth)
    youth.locator('main a[href="/me/loans/apply/"]').click()
    youth.wait_for_url("**/me/loans/apply/")
    youth.locator("#id_bank").select_option(str(partner_bank.pk))
    youth.locator("#id_amount").fill("100000")
    youth.locator("#id_term_months").fill("36")
    youth.locator("#id_purpose").fill("购买冷链运输车。")
    youth.locator("#id_documents").set_input_files(
        {"name": "流水.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes(pages=1)}
    )
    youth.locator("#id_consent_to_share").check()
    assert_fits_width(youth)
    shot(youth, "loans-01-apply")
    youth.locator('main button[type="submit"]').click()
    youth.wait_for_url(re.compile(r"/loans/\d+/$"))
    referral = Referral.objects.get()
    detail = f"/loans/{referral.pk}/"
    expect(youth.locator("#status")).to_have_text(zh(Status.SUBMITTED))
    expect(youth.locator("#discounted-rate")).to_contain_text("3.92%")
    assert referral.documents.count() == 1 and referral.consent_to_share

    # 2. The town's coordinator sees the eligibility checks and refers it to the bank.
    staff = desktop_page
    sign_in(staff, coordinator.email, two_factor=True)
    staff.wait_for_url("**/staff/")
    staff.goto("/staff/loans/")
    expect(staff.locator(f'main a[href="{detail}"]')).to_be_visible()
    staff.locator(f'main a[href="{detail}"]').click()
    staff.wait_for_url(f"**{detail}")
    expect(staff.locator("main")).to_contain_text("符合")
    form = staff.locator('form:has(input[name="to_status"][value="referred"])')
    with staff.expect_navigation():
        form.get_by_role("button").click()
    expect(staff.locator("#status")).to_have_text(zh(Status.REFERRED))
    shot(staff, "loans-02-referred")

    # 3. The bank's officer finds it among their bank's referrals, approves it at the
    # discounted rate the page proposes, and records the disbursement.
    context = browser.new_context(base_url=live_server.url, locale="en-US", reduced_motion="reduce")
    bank = context.new_page()
    try:
        sign_in(bank, officer.email, two_factor=True)
        bank.wait_for_load_state()
        bank.goto("/partner/loans/")
        assert_chinese(bank)
        bank.locator(f'main a[href="{detail}"]').click()
        bank.wait_for_url(f"**{detail}")
        expect(bank.locator("#base-rate")).to_contain_text("4.35%")
        expect(bank.locator("#discounted-rate")).to_contain_text("3.92%")
        expect(bank.locator("#id_rate")).to_have_value("3.92")
        with bank.expect_navigation():
            bank.locator('form[action$="/decide/"] button[type="submit"]').click()
        expect(bank.locator("#status")).to_have_text(zh(Status.APPROVED))
        with bank.expect_navigation():
            bank.locator('form[action$="/disburse/"] button[type="submit"]').click()
        expect(bank.locator("#status")).to_have_text(zh(Status.DISBURSED))
        shot(bank, "loans-03-disbursed")
    finally:
        context.close()

    referral.refresh_from_db()
    assert referral.status == Status.DISBURSED
    assert referral.approved_rate == Decimal("3.92") and referral.wealth_leader
    assert referral.disbursed_on == today
    assert referral.discount_yuan == Decimal("1290.00")

    # 4. The young person sees the disbursed loan with the discounted rate beside the base.
    youth.goto(detail)
    expect(youth.locator("#status")).to_have_text(zh(Status.DISBURSED))
    expect(youth.locator("#decision")).to_contain_text("100,000.00元")
    expect(youth.locator("#decision")).to_contain_text("3.92%")
    expect(youth.locator("#base-rate")).to_contain_text("4.35%")
    expect(youth.locator("#discounted-rate")).to_contain_text("3.92%")
    expect(youth.locator("#disbursed")).to_be_visible()
    assert_fits_width(youth)
    shot(youth, "loans-04-young-person-sees-it")
