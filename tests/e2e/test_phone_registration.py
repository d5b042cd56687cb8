"""End to end, in Chromium on a phone: a young person registers with a mobile number alone,
types the code the (test) SMS gateway received, completes the profile, signs out and signs in
again with a text-message code."""

import datetime
import re

import pytest

from accounts.models import OrgUnit, User
from tests.factories import OrgUnitFactory, make_national_id
from tests.notifications import gateways

from .test_registration import assert_chinese, assert_fits_width, expect

pytestmark = pytest.mark.e2e
PHONE = "13905719876"


def last_code() -> str:
    texts = [text for number, text, _key in gateways.calls if number == PHONE]
    assert texts, gateways.calls
    return re.search(r"\b(\d{6})\b", texts[-1]).group(1)


@pytest.fixture
def sms(settings):
    settings.SMS_GATEWAY = "tests.notifications.gateways.CountingGateway"
    gateways.calls.clear()
    yield gateways.calls
    gateways.calls.clear()


def test_a_young_person_registers_with_a_mobile_number_only_and_signs_in_by_code(
    phone_page, shot, sms
):
    page = phone_page
    district = OrgUnitFactory(name="青山区", code="qs", level=OrgUnit.Level.DISTRICT)
    town = OrgUnitFactory(name="溪口镇", code="xk", level=OrgUnit.Level.TOWN, parent=district)
    village = OrgUnitFactory(name="石门村", code="sm", level=OrgUnit.Level.VILLAGE, parent=town)
    national_id = make_national_id(317, born=datetime.date(2002, 3, 9))  # odd serial: male

    # 1. From the home page to registration: the mobile number first.
    page.goto("/")
    page.locator('main a[href="/register/"]').click()
    page.wait_for_url("**/register/")
    assert_chinese(page)
    page.locator("#id_phone").fill("139 0571 9876")
    assert_fits_width(page)
    shot(page, "phone-01-number")
    page.locator('main form input[type="submit"]').click()

    # 2. The code from the text message; the resend button counts down.
    page.wait_for_url("**/register/code/")
    expect(page.locator("button[data-countdown]")).to_be_disabled()
    page.locator("#id_code").fill(last_code())
    shot(page, "phone-02-code")
    page.locator('main form input[type="submit"]').first.click()

    # 3. Name, password, consent; no e-mail address.
    page.wait_for_url("**/register/details/")
    page.locator("#id_name").fill("王小山")
    page.locator("#id_password1").fill("Shimen-village-2026")
    page.locator("#id_password2").fill("Shimen-village-2026")
    page.locator("#id_consent").check()
    assert_fits_width(page)
    shot(page, "phone-03-details")
    page.locator('main form input[type="submit"]').click()

    # 4. Signed in, completing the profile.
    page.wait_for_url("**/me/edit/")
    assert_chinese(page)
    expect(page.locator("#id_phone")).to_have_value(PHONE)
    page.locator("#id_national_id").fill(national_id)
    page.locator("#id_gender").select_option("male")
    page.locator("#id_education_level").select_option("vocational_secondary")
    page.locator("#id_employment_status").select_option("seeking")
    page.locator("#id_hukou").select_option("rural")
    page.locator("#id_home_centre").select_option(str(village.pk))
    page.locator('form input[type="submit"][name="submit"]').click()
    page.wait_for_url("**/me/")
    expect(page.locator(".alert-warning")).to_have_count(0)
    shot(page, "phone-04-profile-complete")
    user = User.objects.with_phone(PHONE).get()
    assert user.email is None and user.youth_profile.is_complete

    # 5. Signs out, and back in with a text-message code.
    page.locator(".navbar-toggler").click()
    page.locator("#nav-main .dropdown-toggle").last.click()
    page.locator('#nav-main a[href="/accounts/logout/"]').click()
    page.wait_for_url("**/accounts/logout/")
    page.locator('main form button[type="submit"]').click()
    page.goto("/accounts/login/")
    page.locator('main a[href="/signin/code/"]').click()
    page.wait_for_url("**/signin/code/")
    page.locator("#id_phone").fill(PHONE)
    page.locator('main form input[type="submit"]').click()
    page.wait_for_url("**/signin/code/enter/")
    page.locator("#id_code").fill(last_code())
    page.locator('main form input[type="submit"]').first.click()
    page.wait_for_url("**/me/")
    expect(page.locator("h1")).to_have_text("王小山")
    assert_fits_width(page)
    shot(page, "phone-05-signed-in-by-code")
