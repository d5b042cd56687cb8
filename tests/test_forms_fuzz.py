"""Property: whatever is posted to any form of the portal, the answer is never a 500.

Hypothesis generates values for every field of every form in the bad-input corpora
(tests/test_bad_input.py, tests/projects/test_bad_input.py), mixing valid values with
arbitrary text, and posts them as the person who normally uses that form. A server error
would raise here (the test client re-raises exceptions) or show as status 500.
"""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from . import test_bad_input as corpus
from .bad_input import FormSpec, log_in, post
from .projects import test_bad_input as projects_corpus

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


FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.parametrize("form", list(corpus.FORMS))
@FUZZ
@given(data=st.data())
def test_no_form_answers_with_a_server_error(client, cast, setup, form, data):
    spec = corpus.FORMS[form]
    response = post(client, cast, spec, setup, _draw(data, spec.valid(setup)))
    assert response.status_code < 500


# The project forms: the corpus's, and the two that answer with a redirect and a message
# rather than a form page (so the corpus cannot check them): moving a project to another
# stage, by its lead and by staff. The examples of one test share its database: a project
# moved, edited or reported on by one example stays so for the next.
PROJECT_FORMS = {
    **projects_corpus.FORMS,
    "project_move": FormSpec(
        url=lambda s: reverse("projects:move", args=[s["idea"].pk]),
        poster="youth_a",
        valid=lambda s: {"to_stage": "applied", "expected_stage": "idea", "reason": ""},
    ),
    "project_review": FormSpec(
        url=lambda s: reverse("projects:move", args=[s["signed"].pk]),
        poster="town_staff",
        valid=lambda s: {"to_stage": "launched", "expected_stage": "signed", "reason": "开业"},
    ),
}


@pytest.fixture
def project_objects(setup, youth_a, youth_b, village_a1):
    return projects_corpus.project_objects(setup, youth_a, youth_b, village_a1)


@pytest.mark.parametrize("form", list(PROJECT_FORMS))
@FUZZ
@given(data=st.data())
def test_no_project_form_answers_with_a_server_error(client, cast, project_objects, form, data):
    spec = PROJECT_FORMS[form]
    response = post(client, cast, spec, project_objects, _draw(data, spec.valid(project_objects)))
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
@settings(FUZZ, max_examples=30)
@given(data=st.data())
def test_no_other_form_answers_with_a_server_error(client, cast, form, data):
    url_name, role, method, valid = OTHER_FORMS[form]
    posted = _draw(data, valid)
    log_in(client, cast, role)
    response = getattr(client, method)(reverse(url_name), posted)
    assert response.status_code < 500
