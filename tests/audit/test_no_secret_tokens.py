"""No secret token of a link reaches the audit table or a log line (core/redaction.py).

A sign-up, its e-mail confirmation, a password reset and an invitation are each gone through
end to end, with the wrong turns people take (a link opened twice, by someone else, altered):
every audit row written and every line the configured log handlers print is searched for the
tokens those links carried. The request lines of runserver and of gunicorn's access log are
checked through their own formatting code.
"""

import io
import logging
import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.invitations import invitation_create
from audit.models import Entry
from core.redaction import REDACTED, SecretsFilter, scrub_path, scrub_text
from notifications.models import Message

from ..conftest import PASSWORD
from ..factories import UserFactory

NEW_PASSWORD = "Qm7!vv-another-long-one"


@pytest.fixture
def log_output():
    """What the handlers of settings.LOGGING print, as text (their streams swapped for one
    buffer); the records pass their filters exactly as in production."""
    buffer = io.StringIO()
    handlers = {
        handler
        for name in ("", "django", "django.request", "django.server", "audit", "youthventure")
        for handler in logging.getLogger(name).handlers
        if any(isinstance(f, SecretsFilter) for f in handler.filters)
    }
    assert handlers, "settings.LOGGING has no handler with the SecretsFilter"
    old = {handler: handler.setStream(buffer) for handler in handlers}
    yield buffer
    for handler, stream in old.items():
        handler.setStream(stream)


def _link(pattern: str, text: str) -> str:
    found = re.search(pattern, text)
    assert found, f"no link matching {pattern} in {text!r}"
    return found.group(0)


def _assert_nowhere(tokens, log_output):
    tokens = [t for t in tokens if t]
    assert tokens
    rows = list(Entry.objects.values_list("path", "data"))
    assert rows, "nothing was audited: the test would prove nothing"
    for token in tokens:
        assert not [row for row in rows if token in row[0] or token in str(row[1])], token
        assert token not in log_output.getvalue(), f"{token} in the log"


def test_a_sign_up_and_its_e_mail_confirmation_leave_no_key_behind(client, db, log_output):
    response = client.post(
        reverse("account_signup"),
        {
            "name": "张三",
            "email": "new.person@example.com",
            "phone": "",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "consent": "on",
        },
    )
    assert response.status_code == 302
    link = _link(r"/accounts/confirm-email/[^/\s]+/", mail.outbox[-1].body)
    key = link.split("/")[-2]

    assert client.get(link).status_code == 200
    altered = link.replace(key, key[:-3] + "xyz")
    client.get(altered)  # an altered key
    response = client.post(link)
    assert response.status_code == 302  # confirmed, and signed in
    client.post(link)  # the link used a second time
    client.get(f"/accounts/login/?next={link}")

    assert Entry.objects.filter(path__contains="/accounts/confirm-email/").exists()
    assert Entry.objects.filter(path__contains=REDACTED).exists()
    _assert_nowhere([key, key[:-3] + "xyz"], log_output)


def test_a_password_reset_leaves_no_key_behind(client, db, log_output):
    user = UserFactory(email="forgetful@example.com")
    client.post(reverse("account_reset_password"), {"email": user.email})
    link = _link(r"/accounts/password/reset/key/[^/\s]+/", mail.outbox[-1].body)
    uid_and_key = link.split("/")[-2]

    response = client.get(link)  # allauth keeps the key in the session and redirects
    assert response.status_code == 302
    form_url = response["Location"]
    assert client.get(form_url).status_code == 200
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    client.get(link)  # the link used a second time: refused
    client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}
    )  # the old password: a failed sign-in, audited

    assert Entry.objects.exists()
    _assert_nowhere([uid_and_key, uid_and_key.split("-", 1)[1]], log_output)


def test_an_invitation_leaves_no_token_behind(client, db, log_output, town_a, town_staff, youth_b):
    invitation_create(
        invited_by=town_staff,
        kind="mentor",
        name="梅导师",
        email="mentor@example.com",
        centre=town_a,
    )
    url = Message.objects.filter(kind="accounts.invitation").latest("pk").url
    link = _link(r"/invitation/[^/\s]+/", url)
    token = link.split("/")[-2]

    client.force_login(youth_b)
    assert client.get(link).status_code == 403  # someone else's link: refused, audited, logged
    client.logout()
    client.get(link.replace(token, token[:-2] + "zz"))  # altered
    invitee = UserFactory(email="mentor@example.com")
    client.force_login(invitee)
    assert client.get(link).status_code == 200
    assert client.post(link).status_code == 302  # accepted
    client.get(link)  # used: refused as used

    assert "Forbidden" in log_output.getvalue()  # the refusals were logged...
    assert Entry.objects.filter(path__contains=REDACTED).exists()  # ...and audited
    _assert_nowhere([token, token[:-2] + "zz"], log_output)


def test_a_refused_request_is_one_log_line(client, db, log_output, village_staff, partner_bank):
    client.force_login(village_staff)

    assert client.get(reverse("partners:bank_update", args=[partner_bank.pk])).status_code == 403
    assert client.get("/staff/youth/999999/").status_code == 404

    lines = [line for line in log_output.getvalue().splitlines() if line.strip()]
    assert lines == [
        f"Forbidden (Permission denied): {reverse('partners:bank_update', args=[partner_bank.pk])}",
        "Not Found: /staff/youth/999999/",
    ]


def test_runserver_and_gunicorn_request_lines_are_scrubbed():
    from django.utils.log import ServerFormatter

    key = "MQ:1vQ2xR:secretsecretsecret"
    record = logging.LogRecord(
        "django.server", logging.INFO, __file__, 1, '"%s" %s %s',
        (f"GET /accounts/confirm-email/{key}/ HTTP/1.1", "200", "1234"), None,
    )  # fmt: skip
    assert SecretsFilter().filter(record)
    line = ServerFormatter("{message}", style="{").format(record)
    assert key not in line
    assert f"/accounts/confirm-email/{REDACTED}/" in line

    from types import SimpleNamespace

    from gunicorn.config import Config

    from core.gunicorn_logging import ScrubbingLogger

    token = "aZ09-secret-invitation-token"
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/invitation/{token}/?next=/invitation/{token}/",
        "PATH_INFO": f"/invitation/{token}/",
        "QUERY_STRING": f"next=/invitation/{token}/",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"https://qc.example.gov.cn/invitation/{token}/",
        "REMOTE_ADDR": "127.0.0.1",
    }
    request = SimpleNamespace(headers=[], method="GET", path=environ["PATH_INFO"])
    response = SimpleNamespace(status="200 OK", headers=[], sent=10, response_length=10)
    atoms = ScrubbingLogger(Config()).atoms(response, request, environ, _delta())
    assert not [value for value in atoms.values() if isinstance(value, str) and token in value]
    assert f"/invitation/{REDACTED}/" in atoms["r"]


def _delta():
    import datetime

    return datetime.timedelta(milliseconds=5)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/accounts/confirm-email/abc:def/", f"/accounts/confirm-email/{REDACTED}/"),
        (
            "/accounts/password/reset/key/2-abc-def/",
            f"/accounts/password/reset/key/{REDACTED}-{REDACTED}/",
        ),
        ("/invitation/tok3n/", f"/invitation/{REDACTED}/"),
        ("/staff/youth/12/", "/staff/youth/12/"),
        (
            "/accounts/login/?next=/invitation/tok3n/",
            f"/accounts/login/?next=/invitation/{REDACTED}/",
        ),
        ("/not/a/page/", "/not/a/page/"),
    ],
)
def test_it_scrubs_the_secret_parameters_of_a_path(path, expected):
    assert scrub_path(path) == expected
    assert scrub_text(f'"GET {path} HTTP/1.1" 200') == f'"GET {expected} HTTP/1.1" 200'
