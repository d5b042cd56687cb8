"""Staff accounts: two-factor sign-in is required, and idle sessions end."""

import time

from allauth.mfa.models import Authenticator
from django.urls import reverse

from ..conftest import PASSWORD
from ..factories import StaffProfileFactory, totp_code


def test_staff_without_an_authenticator_are_sent_to_set_one_up(client, town_a):
    staff = StaffProfileFactory(centre=town_a, two_factor=False).user
    client.force_login(staff)
    response = client.get(reverse("accounts:youth_list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    # The set-up page itself is reachable (after confirming the password, as allauth asks
    # for a recent sign-in before security changes): no redirect loop.
    response = client.get(reverse("mfa_activate_totp"), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))


def test_young_people_are_not_asked_for_a_second_factor(client, youth_a):
    client.force_login(youth_a)
    assert client.get(reverse("accounts:my_profile")).status_code == 200


def test_sign_in_asks_staff_for_the_code_and_refuses_a_wrong_one(client, town_staff):
    response = client.post(
        reverse("account_login"), {"login": town_staff.email, "password": PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(town_staff.pk)


def test_removing_the_authenticator_sends_staff_back_to_set_up(client, town_staff):
    client.force_login(town_staff)
    assert client.get(reverse("accounts:youth_list")).status_code == 200
    Authenticator.objects.filter(user=town_staff).delete()
    session = client.session
    session.pop("staff_has_totp", None)  # what the authenticator_removed signal does
    session.save()
    assert client.get(reverse("accounts:youth_list"))["Location"] == reverse("mfa_activate_totp")


def test_an_idle_staff_session_ends(client, town_staff, monkeypatch):
    client.force_login(town_staff)
    assert client.get(reverse("dashboard:index")).status_code == 200
    later = time.time() + 31 * 60
    monkeypatch.setattr("accounts.middleware.time.time", lambda: later)
    response = client.get(reverse("dashboard:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def test_an_active_staff_session_goes_on(client, town_staff, monkeypatch):
    client.force_login(town_staff)
    start = time.time()
    for minutes in (0, 20, 40, 60):
        monkeypatch.setattr("accounts.middleware.time.time", lambda m=minutes: start + m * 60)
        assert client.get(reverse("dashboard:index")).status_code == 200


def test_a_password_change_ends_the_session(client, youth_a):
    client.force_login(youth_a)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "Brand-new-pass-9", "password2": "Brand-new-pass-9"},
    )
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
