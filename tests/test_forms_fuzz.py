"""Property: whatever is posted to any form of the portal, the answer is never a 500.

Hypothesis generates values for every field of every form in the bad-input corpus
(tests/test_bad_input.py), mixing valid values with arbitrary text, and posts them
as the person who normally uses that form. A server error would raise here (the
test client re-raises exceptions) or show as status 500.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .test_bad_input import FORMS, _login, _post

TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=120)
HOSTILE = st.sampled_from(
    ["", " ", "\x00", "0", "-1", "9" * 40, "NaN", "1e999", "<script>", "{{ x }}", "😀", "名" * 5000]
)


def _draw(data, valid: dict) -> dict:
    """Each field valid, arbitrary text, a hostile value, or left out."""
    posted = {}
    for field, value in valid.items():
        choice = data.draw(st.sampled_from(["valid", "text", "hostile", "missing"]), label=field)
        if choice == "valid":
            posted[field] = value
        elif choice == "text":
            posted[field] = data.draw(TEXT, label=field)
        elif choice == "hostile":
            posted[field] = data.draw(HOSTILE, label=field)
    return posted


@pytest.mark.parametrize("form", list(FORMS))
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_form_answers_with_a_server_error(client, cast, setup, form, data):
    valid = FORMS[form][2](setup)
    posted = _draw(data, valid)
    _login(client, cast, form)
    response = _post(client, setup, form, posted)
    assert response.status_code < 500


# Forms outside the corpus: sign-in, reminder settings, and the filter forms of list pages
# (GET). (url name, who, method, valid data)
OTHER_FORMS = {
    "sign-in": ("account_login", "anonymous", "post", {"login": "a@b.cn", "password": "x"}),
    "reminders": (
        "notifications:preferences",
        "youth_a",
        "post",
        {"enabled": "accounts.profile_incomplete"},
    ),
    "youth-filter": (
        "accounts:youth_list",
        "district_staff",
        "get",
        {"q": "Alice", "centre": "1", "education_level": "bachelor", "page": "2"},
    ),
    "enterprise-filter": (
        "partners:enterprise_list",
        "town_staff",
        "get",
        {"q": "x", "role": "is_employer", "is_active": "true", "page": "1"},
    ),
    "message-filter": (
        "notifications:message_list",
        "town_staff",
        "get",
        {"status": "failed", "channel": "sms", "kind": "accounts.welcome", "page": "1"},
    ),
    "audit-filter": (
        "audit:entry_list",
        "district_staff",
        "get",
        {"action": "auth.signed_in", "actor": "a@b.cn", "since": "2026-01-01", "page": "1"},
    ),
}


@pytest.mark.parametrize("form", list(OTHER_FORMS))
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_other_form_answers_with_a_server_error(client, cast, form, data):
    from django.urls import reverse

    url_name, role, method, valid = OTHER_FORMS[form]
    posted = _draw(data, valid)
    if cast[role] is not None:
        client.force_login(cast[role])
    response = getattr(client, method)(reverse(url_name), posted)
    assert response.status_code < 500
