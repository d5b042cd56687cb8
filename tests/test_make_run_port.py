"""``make run PORT=8001`` serves on port 8001, and the links the portal sends follow.

The Makefile is run for real, with a stand-in for the venv's python that records what it is
asked to do and with which SITE_URL; then the portal, set up as ``make run PORT=8001`` sets it
up, is signed up to: the confirmation e-mail and the in-app welcome point to port 8001, and the
e-mail names the portal, not a host and port.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.sites.models import Site
from django.core import mail
from django.urls import reverse

from accounts.models import User
from accounts.signals import sync_site_domain
from notifications.models import Message

ROOT = Path(__file__).resolve().parents[1]
PORT_URL = "http://127.0.0.1:8001"


def _make_run(tmp_path, **env) -> list[str]:
    if shutil.which("make") is None:
        pytest.skip("no make")
    venv = tmp_path / "venv"
    venv.mkdir()
    (venv / ".installed").touch()  # newer than the requirements: nothing to install
    log = tmp_path / "calls"
    python = tmp_path / "python"
    python.write_text(f'#!/bin/sh\necho "SITE_URL=$SITE_URL $*" >> {log}\n')
    python.chmod(0o755)
    environ = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "MAKEFLAGS")}
    subprocess.run(
        ["make", "-s", "run", "PORT=8001", f"VENV={venv}", f"PY={python}"],
        cwd=ROOT,
        env={**environ, **env},
        check=True,
        capture_output=True,
        timeout=60,
    )
    return log.read_text().splitlines()


def test_make_run_serves_on_the_port_and_every_step_gets_its_site_url(tmp_path):
    calls = _make_run(tmp_path)

    assert calls == [
        f"SITE_URL={PORT_URL} manage.py migrate --noinput",
        f"SITE_URL={PORT_URL} manage.py createcachetable",
        f"SITE_URL={PORT_URL} manage.py seed_demo",
        f"SITE_URL={PORT_URL} manage.py runserver 127.0.0.1:8001",
    ]


def test_a_site_url_that_is_set_is_kept(tmp_path):
    calls = _make_run(tmp_path, SITE_URL="https://qc.example.gov.cn")

    assert {call.split()[0] for call in calls} == {"SITE_URL=https://qc.example.gov.cn"}
    assert calls[-1].endswith("runserver 127.0.0.1:8001")


def test_on_port_8001_the_sign_up_e_mail_and_the_inbox_link_there(
    client, db, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = PORT_URL
    sync_site_domain(sender=None)  # what `manage.py migrate` does under `make run PORT=8001`
    assert Site.objects.get_current().domain == "127.0.0.1:8001"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {
                "name": "张三",
                "email": "new.person@example.com",
                "phone": "13900001111",
                "password1": "Xy7!kq-longpass",
                "password2": "Xy7!kq-longpass",
                "consent": "on",
            },
            HTTP_HOST="127.0.0.1:8001",
        )
    assert response.status_code == 302

    email = mail.outbox[-1]
    links = re.findall(r"https?://\S+", email.body)
    assert links and all(link.startswith(f"{PORT_URL}/") for link in links)
    text_without_links = re.sub(r"https?://\S+", "", email.body + email.subject)
    assert "青春创业" in text_without_links  # the portal, by name
    assert "127.0.0.1" not in text_without_links and "8000" not in text_without_links
    assert "Hello" not in email.body

    user = User.objects.get(email="new.person@example.com")
    welcome = Message.objects.get(recipient=user, channel="inapp")
    assert welcome.url.startswith(f"{PORT_URL}/")
    client.force_login(user)
    inbox = client.get(reverse("notifications:inbox"), HTTP_HOST="127.0.0.1:8001")
    path = welcome.url.removeprefix(PORT_URL)
    assert f'href="{path}"' in inbox.content.decode()  # "open", wherever the portal runs
    assert welcome.url not in inbox.content.decode()  # no raw address in the text
