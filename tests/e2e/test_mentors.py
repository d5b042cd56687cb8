"""End to end, in Chromium: staff invite a mentor; the mentor accepts on a phone, completes
their profile, accepts a young person's request, plans and logs a coaching session; the young
person sees it (without the mentor's private notes) and confirms it."""

import datetime
import re

import pytest
from django.utils import timezone

from accounts.models import Invitation, MentorRole, StaffProfile
from mentors.models import CoachingSession, Match, MentorProfile, SessionStatus, Status

from ..factories import StaffProfileFactory
from .conftest import PHONE, TIMEOUT_MS
from .test_invitations import _current_code, _link_path
from .test_projects import assert_chinese, assert_fits_width, expect, sign_in

pytestmark = pytest.mark.e2e


def test_a_mentor_is_invited_accepts_a_request_and_logs_a_session(
    desktop_page, phone_page, browser, live_server, shot, youth_a, town_a, village_a1
):
    StaffProfileFactory(
        user__email="coordinator.a@example.com", role=StaffProfile.Role.COORDINATOR, centre=town_a
    )

    # 1. Town A's coordinator invites a mentor.
    staff = desktop_page
    sign_in(staff, "coordinator.a@example.com", two_factor=True)
    staff.goto("/staff/team/new/")
    staff.locator("#id_kind").select_option("mentor")
    staff.locator("#id_name").fill("陈导师")
    staff.locator("#id_email").fill("chen.mentor@example.com")
    staff.locator("#id_centre").select_option(str(town_a.pk))
    shot(staff, "mentors-01-invite")
    staff.locator('form input[type="submit"]').click()
    staff.wait_for_url("**/staff/invitations/")
    invitation = Invitation.objects.get(email="chen.mentor@example.com")
    assert not MentorRole.objects.exists()

    # 2. The mentor accepts on a phone, chooses a password and sets up two-factor sign-in.
    mentor = phone_page
    mentor.goto(_link_path(invitation))
    assert_chinese(mentor)
    mentor.locator("#id_password1").fill("Mentor-2026-pass")
    mentor.locator("#id_password2").fill("Mentor-2026-pass")
    mentor.locator('form input[type="submit"]').click()
    mentor.wait_for_url("**/accounts/2fa/totp/activate/")
    secret = mentor.locator("#authenticator_secret").input_value()
    mentor.locator("#id_code").fill(_current_code(secret))
    mentor.locator('main form button[type="submit"]').click()
    mentor.wait_for_url(lambda url: "/totp/activate/" not in url)
    assert MentorRole.objects.get().centre == town_a

    # 3. The mentor pages ask for the profile first.
    mentor.goto("/mentor/")
    mentor.wait_for_url("**/mentor/profile/")
    mentor.locator("#id_title").fill("总经理")
    mentor.locator("#id_organisation").fill("青山农业发展有限公司")
    mentor.locator('input[name="sectors"][value="agriculture"]').check()
    mentor.locator("#id_skills").fill("种植技术、直播带货")
    mentor.locator(f'input[name="service_centres"][value="{town_a.pk}"]').check()
    mentor.locator("#id_capacity").fill("2")
    assert_fits_width(mentor)
    shot(mentor, "mentors-02-profile")
    mentor.locator('form input[type="submit"][name="submit"]').click()
    mentor.wait_for_url(re.compile(r"/mentor/$"))
    profile = MentorProfile.objects.get()
    assert (profile.capacity, profile.sectors) == (2, ["agriculture"])

    # 4. A young person asks this mentor from the directory (on their own phone).
    context = browser.new_context(base_url=live_server.url, locale="en-US", **PHONE)
    context.set_default_timeout(TIMEOUT_MS)
    youth = context.new_page()
    sign_in(youth, "youth.a@example.com")
    youth.wait_for_url("**/me/")
    youth.goto("/me/mentors/")
    expect(youth.locator("main")).to_contain_text("青山农业发展有限公司")
    expect(youth.locator("main")).not_to_contain_text("chen.mentor@example.com")
    assert_fits_width(youth)
    youth.locator(f'a[href="/me/mentors/{profile.pk}/ask/"]').click()
    youth.locator("#id_message").fill("我想种植有机蔬菜，请您指导。")
    youth.locator('form input[type="submit"][name="submit"]').click()
    youth.wait_for_url(re.compile(r"/mentoring/\d+/$"))
    match = Match.objects.get()
    assert (match.youth, match.status) == (youth_a, Status.REQUESTED)

    # 5. The mentor sees the request on their home page and accepts it.
    mentor.goto("/mentor/")
    expect(mentor.locator("main")).to_contain_text(youth_a.name)
    shot(mentor, "mentors-03-home-request")
    mentor.locator(f'main a[href="/mentoring/{match.pk}/"]').first.click()
    mentor.wait_for_url(f"**/mentoring/{match.pk}/")
    expect(mentor.locator("main")).to_contain_text("我想种植有机蔬菜")
    expect(mentor.locator("main")).not_to_contain_text(youth_a.phone)
    mentor.get_by_role("button", name="接受").click()
    expect(mentor.locator(".alert-success")).to_be_visible()
    match.refresh_from_db()
    assert match.status == Status.ACTIVE
    assert MentorProfile.objects.get().active_count == 1

    # 6. Plans a phone session for tomorrow morning...
    mentor.locator(f'a[href="/mentoring/{match.pk}/sessions/new/"]').click()
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    mentor.locator("#id_starts_at").fill(tomorrow.strftime("%Y-%m-%dT10:00"))
    mentor.locator("#id_mode").select_option("phone")
    assert_fits_width(mentor)
    mentor.locator('form input[type="submit"][name="submit"]').click()
    mentor.wait_for_url(f"**/mentoring/{match.pk}/")
    session = CoachingSession.objects.get()
    # ... the day passes and the session takes place ...
    CoachingSession.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=2)
    )

    # 7. ... and the mentor logs it afterwards.
    mentor.reload()
    mentor.locator(f'a[href="/mentoring/sessions/{session.pk}/log/"]').click()
    mentor.locator("#id_minutes").fill("50")
    mentor.locator("#id_topics").fill("选址与成本")
    mentor.locator("#id_notes").fill("讨论了大棚选址和投入成本。")
    mentor.locator("#id_next_steps").fill("下周带来成本测算表。")
    mentor.locator("#id_private_notes").fill("财务基础薄弱，需要多加指导。")
    assert_fits_width(mentor)
    shot(mentor, "mentors-04-log")
    mentor.locator('form input[type="submit"][name="submit"]').click()
    mentor.wait_for_url(f"**/mentoring/{match.pk}/")
    session.refresh_from_db()
    assert (session.status, session.minutes) == (SessionStatus.LOGGED, 50)

    # 8. The young person sees the session, not the private notes, and confirms it.
    youth.goto(f"/mentoring/{match.pk}/")
    expect(youth.locator("main")).to_contain_text("讨论了大棚选址和投入成本。")
    expect(youth.locator("main")).to_contain_text("下周带来成本测算表。")
    expect(youth.locator("main")).not_to_contain_text("财务基础薄弱")
    youth.locator(f"#rating-{session.pk}").select_option("5")
    assert_fits_width(youth)
    shot(youth, "mentors-05-confirm")
    youth.get_by_role("button", name="确认辅导").click()
    expect(youth.locator(".alert-success")).to_be_visible()
    session.refresh_from_db()
    assert (session.status, session.rating) == (SessionStatus.CONFIRMED, 5)
    context.close()
