"""Production settings: `check --deploy` has nothing to say, headers are in place."""

import os
import subprocess
import sys

from cryptography.fernet import Fernet
from django.conf import settings
from django.urls import reverse

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "k" * 20 + "-production-like-secret-key-with-entropy-8f3a9c2e71b4",
    "ALLOWED_HOSTS": "youthventure.example.gov.cn",
    "SITE_URL": "https://youthventure.example.gov.cn",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
    "FIELD_HASH_KEY": "h" * 64,
    "EMAIL_HOST": "smtp.example.gov.cn",
}


def _production_env() -> dict:
    # Only what a production host would have: no test-run variables leak in.
    return {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/"), **PRODUCTION_ENV}


def test_check_deploy_reports_nothing_with_production_settings():
    env = _production_env()
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


def test_production_refuses_to_start_without_its_keys():
    env = _production_env()
    del env["FIELD_ENCRYPTION_KEYS"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEYS" in result.stderr


def test_pages_carry_a_content_security_policy_without_inline_scripts(client, db):
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_signed_in_pages_are_not_stored_by_browsers_or_proxies(client, youth_a):
    client.force_login(youth_a)
    response = client.get(reverse("accounts:my_profile"))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
