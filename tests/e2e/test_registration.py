"""End to end, in Chromium: a young person registers on a phone; a staff member signs in.

Chinese is asserted with ``html[lang=zh-hans]`` and allauth's own Chinese strings
(注册, 确认, 登录) so these tests do not depend on the project's message catalogue.
"""

import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail

from accounts.models import OrgUnit, User, YouthProfile
from tests.conftest import PASSWORD
from tests.factories import OrgUnitFactory, make_national_id, totp_code

pytestmark = pytest.mark.e2e

CONFIRM_LINK = re.compile(r"https?://[^\s\"'<>]+/accounts/confirm-email/[^\s\"'<>]+")


def expect(actual):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(actual)


def assert_chinese(page):
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")


def assert_fits_width(page):
    """Nothing sticks out sideways: no horizontal scrolling on a phone."""
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the viewport"


def test_young_person_registers_confirms_and_completes_profile_on_a_phone(
    phone_page, live_server, shot
):
    page = phone_page
    district = OrgUnitFactory(name="青山区", code="qs", level=OrgUnit.Level.DISTRICT)
    town = OrgUnitFactory(name="溪口镇", code="xk", level=OrgUnit.Level.TOWN, parent=district)
    village = OrgUnitFactory(name="石门村", code="sm", level=OrgUnit.Level.VILLAGE, parent=town)
    born = datetime.date(2001, 5, 17)
    national_id = make_national_id(218, born=born)  # even serial: female
    email = "xiaoyu.lin@example.com"

    # 1. Home page, in Chinese although the browser asks for English.
    page.goto("/")
    assert_chinese(page)
    assert_fits_width(page)
    shot(page, "registration-01-home")

    # The navigation is collapsed behind the menu button on a phone.
    signup_link = page.locator('#nav-main a[href="/register/"]')
    expect(signup_link).to_be_hidden()
    page.locator(".navbar-toggler").click()
    expect(page.locator("#nav-main")).to_have_class(re.compile(r"\bshow\b"))
    expect(signup_link).to_be_visible()
    shot(page, "registration-02-menu-open")
    signup_link.click()

    # 2. Sign up: registration starts with a mobile number; this person chooses e-mail.
    page.wait_for_url("**/register/")
    page.locator('main a[href="/accounts/signup/"]').click()
    page.wait_for_url("**/accounts/signup/")
    assert_chinese(page)
    expect(page.get_by_role("heading", name="注册", exact=True)).to_be_visible()
    assert_fits_width(page)
    page.locator("#id_name").fill("林小雨")
    page.locator("#id_email").fill(email)
    page.locator("#id_phone").fill("+86 139-0571-2345")
    page.locator("#id_password1").fill("Qingshan-hills-2026")
    page.locator("#id_password2").fill("Qingshan-hills-2026")
    page.locator("#id_consent").check()
    shot(page, "registration-03-signup-filled")
    page.get_by_role("button", name="注册", exact=True).click()

    # 3. The verification e-mail.
    page.wait_for_url("**/accounts/confirm-email/")
    assert_chinese(page)
    shot(page, "registration-04-verification-sent")
    messages = [m for m in mail.outbox if email in m.to]
    assert len(messages) == 1, [m.subject for m in mail.outbox]
    links = CONFIRM_LINK.findall(messages[0].body)
    assert links, messages[0].body
    page.goto(links[0])
    assert_chinese(page)
    expect(page.get_by_role("heading", name="确认电子邮箱")).to_be_visible()
    assert_fits_width(page)
    shot(page, "registration-05-confirm-email")
    page.get_by_role("button", name="确认", exact=True).click()

    # 4. Signed in, on their own profile, which is not complete yet.
    page.wait_for_url("**/me/")
    assert_chinese(page)
    incomplete = page.locator(".alert-warning")
    expect(incomplete).to_be_visible()
    expect(page.locator("h1")).to_have_text("林小雨")
    assert_fits_width(page)
    shot(page, "registration-06-profile-incomplete")
    incomplete.locator('a[href="/me/edit/"]').click()

    page.wait_for_url("**/me/edit/")
    assert_chinese(page)
    expect(page.locator("#id_name")).to_have_value("林小雨")
    expect(page.locator("#id_phone")).to_have_value("13905712345")
    page.locator("#id_national_id").fill(national_id)
    page.locator("#id_gender").select_option("female")
    page.locator("#id_education_level").select_option("junior_college")
    page.locator("#id_employment_status").select_option("seeking")
    page.locator("#id_hukou").select_option("rural")
    page.locator("#id_home_centre").select_option(str(village.pk))
    page.locator("#id_skills").fill("直播带货、茶叶种植")
    assert_fits_width(page)
    shot(page, "registration-07-profile-form-filled")
    page.locator('form input[type="submit"][name="submit"]').click()

    # Back on the profile: saved, and complete.
    page.wait_for_url("**/me/")
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator(".alert-warning")).to_have_count(0)
    expect(page.locator("main")).to_contain_text(national_id)
    expect(page.locator("main")).to_contain_text("石门村")
    expect(page.locator("main")).to_contain_text("13905712345")
    assert_fits_width(page)
    shot(page, "registration-08-profile-saved")

    # 5. And in the database.
    user = User.objects.get(email=email)
    assert user.name == "林小雨"
    assert user.phone == "13905712345"
    assert user.check_password("Qingshan-hills-2026")
    address = EmailAddress.objects.get(user=user)
    assert address.email == email
    assert address.verified
    assert address.primary
    profile = YouthProfile.objects.get(user=user)
    assert profile.consent_policy_version == settings.PRIVACY_POLICY_VERSION
    assert profile.consent_given_at is not None
    assert profile.national_id == national_id
    assert profile.date_of_birth == born
    assert profile.gender == "female"
    assert profile.education_level == "junior_college"
    assert profile.employment_status == "seeking"
    assert profile.hukou == "rural"
    assert profile.home_centre == village
    assert profile.is_complete


def test_staff_member_signs_in_and_sees_masked_phone_numbers(
    desktop_page, live_server, shot, town_staff, youth_a, youth_b
):
    page = desktop_page

    page.goto("/accounts/login/")
    assert_chinese(page)
    expect(page.get_by_role("heading", name="登录", exact=True)).to_be_visible()
    page.locator("#id_login").fill("town.a@example.com")
    page.locator("#id_password").fill(PASSWORD)
    shot(page, "staff-01-login")
    page.get_by_role("button", name="登录", exact=True).click()

    # Staff sign in with a second factor: the code of their authenticator app.
    page.wait_for_url("**/accounts/2fa/authenticate/")
    assert_chinese(page)
    page.locator("#id_code").fill(totp_code())
    shot(page, "staff-01b-two-factor")
    page.locator("main").get_by_role("button", name="登录", exact=True).click()

    # Staff land on the dashboard; the navigation leads to the young people.
    page.wait_for_url("**/staff/")
    assert_chinese(page)
    shot(page, "staff-02-dashboard")
    page.locator('#nav-main a[href="/staff/youth/"]').click()

    page.wait_for_url("**/staff/youth/")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(1)  # youth_b lives in the other town
    expect(rows.first).to_contain_text("Alice")
    expect(rows.first.locator("td").nth(1)).to_have_text("138****0001")
    expect(page.locator("main")).not_to_contain_text("13800000001")
    expect(page.locator("main")).not_to_contain_text("Bob")
    assert_fits_width(page)
    shot(page, "staff-03-youth-list")
