"""The invitations work queue: pending invitations whose link expires within two days."""

import datetime

from django.urls import reverse
from django.utils import timezone

from accounts import invitations
from accounts.models import Invitation

from ..queues import held


def _invite(by, centre, email, expires_in_hours):
    invitation = invitations.staff_invite(
        invited_by=by, kind="mentor", name="王导师", email=email, phone="", centre=centre
    )
    expires = timezone.now() + datetime.timedelta(hours=expires_in_hours)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=expires)
    return invitation


def test_invitations_about_to_expire_until_resent_or_withdrawn(
    client, town_staff, other_town_staff, village_staff, town_a, town_b
):
    soon = _invite(town_staff, town_a, "a@example.com", 10)
    sooner = _invite(town_staff, town_a, "b@example.com", 2)
    _invite(town_staff, town_a, "c@example.com", 24 * 5)  # not yet
    _invite(town_staff, town_a, "d@example.com", -1)  # expired already
    theirs = _invite(other_town_staff, town_b, "e@example.com", 5)

    assert held("accounts.invitations_expiring", town_staff) == [sooner.pk, soon.pk]
    assert held("accounts.invitations_expiring", other_town_staff) == [theirs.pk]
    assert held("accounts.invitations_expiring", village_staff) == []
    client.force_login(town_staff)
    listed = client.get(reverse("accounts:invitation_list"), {"state": "expiring"})
    assert [i.pk for i in listed.context["page"]] == [sooner.pk, soon.pk]

    invitations.invitation_resend(invitation=sooner, actor=town_staff)
    invitations.invitation_withdraw(invitation=soon, actor=town_staff)
    assert held("accounts.invitations_expiring", town_staff) == []
