"""End to end, in Chromium: a young person browses the catalogue signed out, signs in and
enrols, is waitlisted on a full course and promoted when someone cancels; staff take
attendance and issue the certificate; its QR page verifies, signed out.

Texts are asserted in Chinese (the browser asks for English: the portal answers in Chinese)."""

import re

import pytest

from notifications.models import Message
from training.models import Attendance, Certificate, Enrolment, EnrolmentStatus
from training.services import enrolment_cancel, enrolment_create

from ..training.conftest import add_sessions, make_course
from .test_projects import assert_chinese, assert_fits_width, expect, sign_in

pytestmark = pytest.mark.e2e


def test_enrol_waitlist_promotion_attendance_and_a_verified_certificate(
    phone_page,
    desktop_page,
    browser,
    live_server,
    shot,
    youth_a,
    youth_b,
    village_a1,
    village_staff,
):
    youth = phone_page
    skills = make_course(village_a1, capacity=5, title="茶艺技能培训", completion_percent=100)
    (session,) = add_sessions(skills, 1)
    full = make_course(skills.centre, venue=skills.venue, capacity=1, title="电商直播训练营")
    taken = enrolment_create(youth=youth_b, course=full)

    # 1. Signed out: the catalogue and the course page, then "sign in to enrol".
    youth.goto("/training/")
    assert_chinese(youth)
    expect(youth.locator("main")).to_contain_text("茶艺技能培训")
    expect(youth.locator("main")).to_contain_text("已满：可候补")
    assert_fits_width(youth)
    shot(youth, "training-01-catalogue-signed-out")
    youth.locator("main").get_by_text("茶艺技能培训").click()
    youth.wait_for_url(f"**/training/{skills.pk}/")
    youth.get_by_role("link", name="登录报名").click()
    youth.wait_for_url(re.compile(r"/accounts/login/"))

    # 2. Signs in and comes back to the course; enrols.
    youth.locator("#id_login").fill("youth.a@example.com")
    youth.locator("#id_password").fill("correct horse battery")
    youth.get_by_role("button", name="登录", exact=True).click()
    youth.wait_for_url(f"**/training/{skills.pk}/")
    youth.locator("#enrolment").get_by_role("button", name="报名").click()
    expect(youth.locator("#enrolment")).to_contain_text("报名成功：您的名额已确认。")
    assert Enrolment.objects.get(course=skills, youth=youth_a).status == EnrolmentStatus.CONFIRMED

    # 3. The full course: on the waitlist, number 1.
    youth.goto(f"/training/{full.pk}/")
    youth.locator("#enrolment").get_by_role("button", name="加入候补").click()
    expect(youth.locator("#enrolment")).to_contain_text("您在候补名单第 1 位")
    shot(youth, "training-02-waitlisted")

    # 4. The person with the seat cancels: youth_a is promoted at once and told.
    enrolment_cancel(enrolment=taken, actor=youth_b)
    youth.reload()
    expect(youth.locator("#enrolment")).to_contain_text("报名成功：您的名额已确认。")
    assert Message.objects.filter(recipient=youth_a, kind="training.promoted").exists()

    # 5. Staff take attendance for the session and issue certificates.
    staff = desktop_page
    sign_in(staff, "village@example.com", two_factor=True)
    staff.goto(f"/training/manage/{skills.pk}/")
    assert_chinese(staff)
    staff.get_by_role("link", name="考勤").first.click()
    staff.wait_for_url(f"**/training/manage/sessions/{session.pk}/attendance/")
    staff.locator("main label", has_text="A*").locator("input").check()
    staff.get_by_role("button", name="保存考勤").click()
    staff.wait_for_url(f"**/training/manage/{skills.pk}/")
    expect(staff.locator(".alert-success")).to_contain_text("考勤已保存：出勤 1 人。")
    assert Attendance.objects.filter(session=session).count() == 1
    staff.locator("#id_grade").fill("五级/初级工")
    staff.get_by_role("button", name="为所有结业学员颁发证书").click()
    expect(staff.locator(".alert-success")).to_contain_text("已颁发证书 1 张。")
    shot(staff, "training-03-staff-course")
    cert = Certificate.objects.get(enrolment__youth=youth_a)

    # 6. The young person prints the certificate; its QR code's page verifies, signed out.
    youth.goto("/training/mine/")
    youth.get_by_role("link", name=re.compile(cert.number)).click()
    youth.wait_for_url(f"**/training/certificates/{cert.pk}/")
    expect(youth.locator("img.poster-qr")).to_be_visible()
    shot(youth, "training-04-certificate")
    verify_url = youth.locator(".poster .text-break").inner_text().strip()
    assert verify_url.endswith(f"/training/verify/{cert.token}/")
    stranger = browser.new_context(base_url=live_server.url, locale="en-US")
    page = stranger.new_page()
    page.goto(f"/training/verify/{cert.token}/")
    expect(page.locator("#verdict")).to_have_text("此证书真实有效。")
    expect(page.locator("main")).to_contain_text("A****")
    expect(page.locator("main")).not_to_contain_text("Alice")
    shot(page, "training-05-verified")
    stranger.close()
