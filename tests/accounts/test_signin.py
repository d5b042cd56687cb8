"""Sign-in: by e-mail or mobile number, and the lockout after repeated failures."""

import time

from django.urls import reverse

from ..conftest import PASSWORD

WRONG = "not the password"


def _sign_in(client, login, password):
    return client.post(reverse("account_login"), {"login": login, "password": password})


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_it_signs_in_with_a_mobile_number_typed_any_way(client, youth_a):
    response = _sign_in(client, "+86 138-0000-0001", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(youth_a.pk)


def test_a_new_account_can_sign_in_with_the_mobile_number_it_registered(client, db):
    signup = {
        "name": "陈明",
        "email": "chen@example.com",
        "phone": "139 1234 5678",
        "password1": "Xy7!kq-longpass",
        "password2": "Xy7!kq-longpass",
        "consent": "on",
    }
    client.post(reverse("account_signup"), signup)
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(email="chen@example.com").update(verified=True)
    client.logout()
    assert _sign_in(client, "13912345678", "Xy7!kq-longpass").status_code == 302
    assert _signed_in(client)


def test_five_failures_lock_the_account_even_against_the_right_password(client, youth_a):
    for _ in range(5):
        response = _sign_in(client, youth_a.email, WRONG)
        assert response.status_code == 200
    response = _sign_in(client, youth_a.email, PASSWORD)
    assert response.status_code == 200
    assert not _signed_in(client)
    assert "登录失败次数过多，请稍后重试。" in response.content.decode()


def test_failures_by_phone_and_by_email_add_up_for_the_same_account(client, youth_a):
    for login in ["13800000001", youth_a.email, "+8613800000001", youth_a.email, "138 0000 0001"]:
        _sign_in(client, login, WRONG)
    response = _sign_in(client, youth_a.email, PASSWORD)
    assert not _signed_in(client)
    assert "登录失败次数过多，请稍后重试。" in response.content.decode()


def test_a_locked_account_does_not_lock_out_other_people(client, youth_a, youth_b):
    for _ in range(5):
        _sign_in(client, youth_a.email, WRONG)
    # Same address, other account, by phone and by e-mail: both still work.
    assert _sign_in(client, "13800000002", PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(youth_b.pk)


def test_phone_failures_of_one_person_do_not_lock_another_persons_phone(client, youth_a, youth_b):
    for _ in range(5):
        _sign_in(client, "13800000001", WRONG)
    assert _sign_in(client, "13800000002", PASSWORD).status_code == 302


def test_the_lock_ends_after_the_cool_off(client, youth_a, monkeypatch):
    for _ in range(5):
        _sign_in(client, youth_a.email, WRONG)
    later = time.time() + 15 * 60 + 1
    monkeypatch.setattr("allauth.core.internal.ratelimit.time.time", lambda: later)
    assert _sign_in(client, youth_a.email, PASSWORD).status_code == 302
    assert _signed_in(client)


def test_the_session_key_changes_at_sign_in(client, youth_a):
    client.get(reverse("account_login"))
    client.session["probe"] = 1
    before = client.session.session_key
    _sign_in(client, youth_a.email, PASSWORD)
    assert client.session.session_key != before


def test_a_sign_up_that_fails_half_way_leaves_nothing_behind(client, db, monkeypatch):
    from django.db import OperationalError

    from accounts import forms
    from accounts.models import User

    def database_gone(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(forms, "youth_register", database_gone)
    client.raise_request_exception = False
    response = client.post(
        reverse("account_signup"),
        {
            "name": "陈明",
            "email": "half@example.com",
            "phone": "13912340000",
            "password1": "Xy7!kq-longpass",
            "password2": "Xy7!kq-longpass",
            "consent": "on",
        },
    )
    assert response.status_code == 503
    assert not User.objects.filter(email="half@example.com").exists()
