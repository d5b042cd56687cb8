"""End to end, in Chromium: invitations. Staff invite a bank officer, who accepts, chooses a
password, sets up two-factor sign-in and then sees only their bank; a project lead invites a
team member, who is on the team only once they accept."""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from accounts.models import Invitation, StaffProfile
from notifications.models import Message
from partners.models import PartnerMember

from ..factories import BankFactory, StaffProfileFactory, VentureProjectFactory
from .test_projects import assert_chinese, assert_fits_width, expect, sign_in

pytestmark = pytest.mark.e2e


def _link_path(invitation: Invitation) -> str:
    body = Message.objects.filter(key__startswith=f"invitation-{invitation.pk}-").latest("pk").body
    return re.search(r"(/invitation/[^/\s]+/)", body).group(1)


def _current_code(secret: str) -> str:
    if 30 - time.time() % 30 < 3:
        time.sleep(30 - time.time() % 30 + 0.2)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_staff_invite_a_bank_officer_who_then_sees_only_their_bank(
    desktop_page, phone_page, shot, district
):
    bank = BankFactory(centre=district, name="青山农村商业银行", branch="营业部")
    other = BankFactory(centre=district, name="邻县信用社", branch="城南支行")
    StaffProfileFactory(
        user__email="coordinator@example.com", role=StaffProfile.Role.COORDINATOR, centre=district
    )

    # 1. The coordinator invites the bank's loan officer from the bank list.
    staff = desktop_page
    sign_in(staff, "coordinator@example.com", two_factor=True)
    staff.goto("/staff/partners/banks/")
    staff.locator(f'a[href="/staff/partners/banks/{bank.pk}/invite/"]').click()
    staff.locator("#id_name").fill("周信贷员")
    staff.locator("#id_email").fill("zhou@bank.example.com")
    staff.locator("#id_role").select_option(PartnerMember.Role.OFFICER)
    shot(staff, "invite-01-bank-officer-form")
    staff.locator('form input[type="submit"]').click()
    staff.wait_for_url("**/staff/partners/banks/")
    expect(staff.locator(".alert-success")).to_be_visible()
    invitation = Invitation.objects.get(email="zhou@bank.example.com")
    assert not PartnerMember.objects.exists()  # nothing is held before accepting

    # 2. The officer opens the link on a phone, chooses a password and accepts.
    officer = phone_page
    officer.goto(_link_path(invitation))
    assert_chinese(officer)
    expect(officer.locator("main")).to_contain_text("青山农村商业银行")
    expect(officer.locator("#id_email")).to_have_value("zhou@bank.example.com")
    officer.locator("#id_password1").fill("Officer-2026-pass")
    officer.locator("#id_password2").fill("Officer-2026-pass")
    assert_fits_width(officer)
    shot(officer, "invite-02-accept")
    officer.locator('form input[type="submit"]').click()

    # 3. Two-factor sign-in is set up before anything else.
    officer.wait_for_url("**/accounts/2fa/totp/activate/")
    secret = officer.locator("#authenticator_secret").input_value()
    officer.locator("#id_code").fill(_current_code(secret))
    officer.locator('main form button[type="submit"]').click()
    officer.wait_for_url(lambda url: "/totp/activate/" not in url)

    # 4. Their page shows their bank, and nothing of another organisation's.
    officer.goto("/partner/")
    expect(officer.locator("h1")).to_contain_text("青山农村商业银行")
    expect(officer.locator("main")).not_to_contain_text(other.name)
    assert_fits_width(officer)
    shot(officer, "invite-03-partner-home")
    response = officer.goto("/staff/partners/banks/")
    assert response.status == 404  # staff pages do not exist for partners
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED
    assert PartnerMember.objects.get().bank == bank


def test_a_team_member_joins_only_after_accepting(
    phone_page, desktop_page, shot, youth_a, youth_b, village_a1
):
    project = VentureProjectFactory(lead=youth_a, centre=village_a1, name="溪口竹编工作室")

    lead = phone_page
    sign_in(lead, "youth.a@example.com")
    lead.goto(f"/projects/{project.pk}/edit/")
    lead.locator("#id_members_text").fill("youth.b@example.com")
    lead.locator('form input[type="submit"][name="submit"]').click()
    lead.wait_for_url(re.compile(rf"/projects/{project.pk}/$"))
    expect(lead.locator(".alert-info")).to_be_visible()
    assert not project.members.exists()

    member = desktop_page
    sign_in(member, "youth.b@example.com")
    member.goto(_link_path(Invitation.objects.get(email="youth.b@example.com")))
    expect(member.locator("main")).to_contain_text("溪口竹编工作室")
    shot(member, "invite-04-team-member")
    member.locator('main form button[type="submit"]').click()
    member.wait_for_url("**/me/")
    assert list(project.members.all()) == [youth_b]

    lead.reload()
    expect(lead.locator("main")).to_contain_text(youth_b.name)
