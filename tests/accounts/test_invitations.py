"""Invitations: a role is held only after the invitee accepts through a single-use link."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import invitations
from accounts.models import Invitation, MentorRole, StaffProfile, User
from notifications.models import Message
from partners.models import PartnerMember
from projects.models import VentureProject

from ..factories import BankFactory, VentureProjectFactory


def _link(invitation: Invitation) -> str:
    """The link the invitee received (the token is stored only hashed)."""
    body = (
        Message.objects.filter(key__startswith=f"invitation-{invitation.pk}-")
        .order_by("-pk")
        .values_list("body", flat=True)
        .first()
    )
    return re.search(r"(/invitation/[^/\s]+/)", body).group(1)


def _invite_mentor(town_staff, town_a, email="new.mentor@example.com"):
    return invitations.staff_invite(
        invited_by=town_staff, kind="mentor", name="王导师", email=email, phone="",
        centre=town_a,
    )  # fmt: skip


def _accept_as_new(client, link, **extra):
    data = {"name": "王导师", "email": "ignored@example.com", "password1": "Mentor-2026-pass",
            "password2": "Mentor-2026-pass", **extra}  # fmt: skip
    return client.post(link, data)


def test_the_token_is_stored_only_as_a_hash(town_staff, town_a):
    invitation = _invite_mentor(town_staff, town_a)
    token = _link(invitation).rstrip("/").split("/")[-1]
    assert token not in str(Invitation.objects.filter(pk=invitation.pk).values().get())
    assert invitation.token_hash == invitations._hash(token)


def test_a_new_mentor_accepts_and_only_then_holds_the_role(client, town_staff, town_a):
    invitation = _invite_mentor(town_staff, town_a)
    assert not MentorRole.objects.exists()
    link = _link(invitation)
    assert client.get(link).status_code == 200

    response = _accept_as_new(client, link)

    assert response.status_code == 302
    user = User.objects.get(email="new.mentor@example.com")  # the address the link went to
    assert MentorRole.objects.get(user=user).centre == town_a
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED and invitation.accepted_by == user
    # Mentors see others' data: the next page asks for two-factor sign-in.
    assert client.get(reverse("notifications:inbox")).url == reverse("mfa_activate_totp")


@pytest.mark.parametrize("case", ["expired", "used", "withdrawn", "tampered"])
def test_a_link_that_cannot_be_used_is_refused_with_a_clear_page(client, town_staff, town_a, case):
    invitation = _invite_mentor(town_staff, town_a)
    link = _link(invitation)
    if case == "expired":
        Invitation.objects.filter(pk=invitation.pk).update(
            expires_at=timezone.now() - datetime.timedelta(minutes=1)
        )
    elif case == "used":
        _accept_as_new(client, link)
        client.logout()
    elif case == "withdrawn":
        invitations.invitation_withdraw(invitation=invitation, actor=town_staff)
    else:
        link = link[:-3] + ("A" if link[-3] != "A" else "B") + link[-2:]
    users, roles = User.objects.count(), MentorRole.objects.count()

    page = client.get(link)
    response = _accept_as_new(client, link, email="x@example.com")

    assert page.status_code == response.status_code == 410
    expected = {
        "expired": invitations.INVITATION_EXPIRED,
        "used": invitations.INVITATION_USED,
        "withdrawn": invitations.INVITATION_WITHDRAWN,
        "tampered": invitations.INVITATION_UNKNOWN,
    }[case]
    assert str(expected) in page.content.decode()
    assert (User.objects.count(), MentorRole.objects.count()) == (users, roles)


def test_an_invitation_for_another_person_is_refused(client, town_staff, town_a, youth_b):
    invitation = _invite_mentor(town_staff, town_a)
    client.force_login(youth_b)

    response = client.post(_link(invitation))

    assert response.status_code == 403
    assert str(invitations.INVITATION_OTHER_PERSON) in response.content.decode()
    assert not MentorRole.objects.exists()
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.PENDING


def test_a_resent_invitation_has_a_fresh_link_and_the_old_one_dies(client, town_staff, town_a):
    invitation = _invite_mentor(town_staff, town_a)
    old = _link(invitation)

    invitations.invitation_resend(invitation=invitation, actor=town_staff)
    new = _link(invitation)

    assert new != old
    assert client.get(old).status_code == 410
    assert client.get(new).status_code == 200


def test_only_coordinators_invite_staff(town_staff, district_staff, town_a):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        invitations.staff_invite(invited_by=town_staff, kind="staff", name="新", email="s@x.cn",
                                 phone="", centre=town_a)  # fmt: skip
    invitation = invitations.staff_invite(
        invited_by=district_staff, kind="staff", name="新干事", email="s@x.cn", phone="",
        centre=town_a, role=StaffProfile.Role.COORDINATOR,
    )  # fmt: skip
    assert not StaffProfile.objects.filter(user__email="s@x.cn").exists()
    invitation_user = User.objects.create_user("s@x.cn", "pw-long-enough-1")
    invitations.invitation_accept(
        token=_link(invitation).rstrip("/").split("/")[-1], user=invitation_user
    )
    profile = StaffProfile.objects.get(user=invitation_user)
    assert profile.centre == town_a and profile.role == StaffProfile.Role.COORDINATOR


def test_a_bank_officer_sees_only_their_bank(client, district_staff, district):
    from partners.invitations import partner_member_invite

    bank, other_bank = BankFactory(centre=district), BankFactory(centre=district)
    invitation = partner_member_invite(
        invited_by=district_staff, organisation=bank, name="周信贷员", email="zhou@bank.cn",
        phone="", role=PartnerMember.Role.OFFICER,
    )  # fmt: skip
    _accept_as_new(client, _link(invitation))
    officer = User.objects.get(email="zhou@bank.cn")

    assert officer.partner_membership.bank == bank
    from partners.models import Bank

    assert list(Bank.objects.visible_to(officer)) == [bank]
    assert other_bank not in Bank.objects.visible_to(officer)


def test_the_lead_hears_the_same_whether_or_not_a_member_is_registered(
    client, youth_a, youth_b, village_a1
):
    project = VentureProjectFactory(lead=youth_a, centre=village_a1)
    client.force_login(youth_a)
    url = reverse("projects:edit", args=[project.pk])
    form = {"name": project.name, "sector": project.sector, "centre": village_a1.pk,
            "description": project.description}  # fmt: skip

    registered = client.post(url, {**form, "members_text": youth_b.email}, follow=True)
    unknown = client.post(url, {**form, "members_text": "nobody@example.com"}, follow=True)

    def said(response):
        return [str(m) for m in response.context["messages"]]

    assert said(registered) == said(unknown)
    assert not project.members.exists()  # nobody is on the team before accepting
    invitation = Invitation.objects.get(email=youth_b.email)
    client.force_login(youth_b)
    client.post(_link(invitation))
    assert list(VentureProject.objects.get(pk=project.pk).members.all()) == [youth_b]


def test_a_project_invitation_is_not_accepted_by_someone_who_is_not_young(
    client, youth_a, village_a1, village_staff
):
    from projects.invitations import project_members_invite

    project = VentureProjectFactory(lead=youth_a, centre=village_a1)
    project_members_invite(
        project=project, lead=youth_a, addresses=[("email", village_staff.email)]
    )
    client.force_login(village_staff)

    response = client.post(_link(Invitation.objects.get()))

    assert response.status_code == 410
    assert not project.members.exists()


def test_invitations_list_shows_status_in_scope(client, town_staff, other_town_staff, town_a):
    _invite_mentor(town_staff, town_a)
    client.force_login(town_staff)
    assert (
        "new.mentor@example.com" in client.get(reverse("accounts:invitation_list")).content.decode()
    )
    client.force_login(other_town_staff)
    assert (
        "new.mentor@example.com"
        not in client.get(reverse("accounts:invitation_list")).content.decode()
    )


def test_a_person_with_two_roles_can_switch(client, town_staff, town_a):
    from ..factories import MentorRoleFactory

    MentorRoleFactory(user=town_staff, centre=town_a, two_factor=False)
    client.force_login(town_staff)
    assert client.get(reverse("home")).url == reverse("dashboard:index")

    client.post(reverse("accounts:role_switch"), {"role": "mentor"})

    assert client.get(reverse("home")).url == reverse("mentors:home")
    client.post(reverse("accounts:role_switch"), {"role": "partner"})  # not held: no change
    assert client.get(reverse("home")).url == reverse("mentors:home")
