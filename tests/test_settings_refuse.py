"""Settings refuse wrong values, not only wrong types, and say which variable and what is expected.

Each refusal loads the settings module in a fresh process with a controlled environment (what a
production host would have, minus or plus one thing), as the process manager would start it.
"""

import os
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from youthventure.env import env_fernet_keys, env_int, env_str, env_url

FERNET_KEY = Fernet.generate_key().decode()
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "k" * 20 + "-production-like-secret-key-with-entropy-8f3a9c2e71b4",
    "ALLOWED_HOSTS": "qc.example.gov.cn",
    "SITE_URL": "https://qc.example.gov.cn",
    "FIELD_ENCRYPTION_KEYS": FERNET_KEY,
    "FIELD_HASH_KEY": "h" * 64,
    "EMAIL_HOST": "smtp.example.gov.cn",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}
PRINT_SETTINGS = (
    "from django.conf import settings as s; "
    "print(s.SITE_URL, s.CELERY_TASK_ALWAYS_EAGER, s.STAFF_IDLE_MINUTES, s.DEBUG)"
)


def _run(args: list[str], env: dict) -> subprocess.CompletedProcess:
    # Only the given variables: nothing of the test run (DEBUG=true, DATABASE_URL) leaks in.
    base = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/")}
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env={**base, "DJANGO_SETTINGS_MODULE": "youthventure.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def load_settings(remove: tuple[str, ...] = (), **changes: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in PRODUCTION_ENV.items() if k not in remove} | changes
    return _run(["-c", PRINT_SETTINGS], env)


def refusal(result: subprocess.CompletedProcess) -> str:
    """The ImproperlyConfigured message the process died with."""
    assert result.returncode != 0, result.stdout
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("django.core.exceptions.ImproperlyConfigured: "), result.stderr
    return last.removeprefix("django.core.exceptions.ImproperlyConfigured: ")


def test_a_full_production_environment_is_accepted():
    result = load_settings()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["https://qc.example.gov.cn", "False", "30", "False"]


def test_production_refuses_to_start_without_site_url():
    message = refusal(load_settings(remove=("SITE_URL",)))
    assert message.startswith("SITE_URL must be set when DEBUG is off: the absolute address")


@pytest.mark.parametrize(
    "value",
    [
        "qc.example.gov.cn",  # relative: no scheme
        "/portal",
        "ftp://qc.example.gov.cn",
        "https://qc.example.gov.cn/portal",  # a path would be doubled in every link
        "https://qc.example.gov.cn/?a=1",
        "https://",
        "https://qc.example.gov.cn:port",
    ],
)
def test_site_url_must_be_an_absolute_http_address_without_a_path(value):
    message = refusal(load_settings(SITE_URL=value))
    assert message == (
        f"SITE_URL={value!r}: expected an absolute http:// or https:// address without a path, "
        "query or fragment, e.g. https://qc.example.gov.cn"
    )


def test_site_url_loses_its_trailing_slash_so_links_have_one():
    result = load_settings(SITE_URL="https://qc.example.gov.cn/")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "https://qc.example.gov.cn"


def test_site_url_must_be_a_host_the_site_answers_to():
    message = refusal(load_settings(SITE_URL="https://elsewhere.example.com"))
    assert message.startswith("SITE_URL='https://elsewhere.example.com': its host is not in")


def test_production_refuses_to_start_without_allowed_hosts():
    message = refusal(load_settings(remove=("ALLOWED_HOSTS",)))
    assert message == (
        "ALLOWED_HOSTS must be set when DEBUG is off: comma-separated host names, "
        "e.g. qc.example.gov.cn"
    )


def test_an_invalid_fernet_key_is_refused_at_start_without_repeating_it():
    secret = "not-a-fernet-key-but-a-secret-all-the-same"
    message = refusal(load_settings(FIELD_ENCRYPTION_KEYS=f"{FERNET_KEY},{secret}"))
    assert message.startswith(
        "FIELD_ENCRYPTION_KEYS: key 2 of 2 is not a valid Fernet key "
        "(expected 32 url-safe base64-encoded bytes"
    )
    assert secret not in message


def test_production_refuses_to_start_without_field_hash_key():
    message = refusal(load_settings(remove=("FIELD_HASH_KEY",)))
    assert message.startswith("FIELD_HASH_KEY must be set when DEBUG is off")


def test_a_short_hash_key_is_refused_without_repeating_it():
    message = refusal(load_settings(FIELD_HASH_KEY="s3cr3t-but-short"))
    assert message == "FIELD_HASH_KEY is 16 characters long: expected at least 32"


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("STAFF_IDLE_MINUTES", "-5", "an integer of at least 1"),
        ("STAFF_IDLE_MINUTES", "0", "an integer of at least 1"),
        ("CONN_MAX_AGE", "-1", "an integer of at least 0"),
        ("NOTIFICATIONS_CLAIM_SECONDS", "-300", "an integer of at least 1"),
        ("NOTIFICATIONS_MAX_ATTEMPTS", "0", "an integer of at least 1"),
        ("NOTIFICATIONS_RETRY_BASE_SECONDS", "-60", "an integer of at least 1"),
        ("SECURE_HSTS_SECONDS", "-1", "an integer of at least 0"),
        ("TRUSTED_PROXY_COUNT", "-1", "an integer of at least 0"),
        ("EMAIL_PORT", "70000", "an integer from 1 to 65535"),
    ],
)
def test_a_negative_duration_or_count_is_refused(name, value, expected):
    message = refusal(load_settings(**{name: value}))
    assert message == f"{name}={value}: expected {expected}"


def test_zero_is_a_valid_conn_max_age_and_hsts_seconds():
    result = load_settings(CONN_MAX_AGE="0", SECURE_HSTS_SECONDS="0")
    assert result.returncode == 0, result.stderr


def test_production_refuses_to_run_tasks_inline_unless_asked():
    message = refusal(load_settings(remove=("REDIS_URL",)))
    assert message == (
        "REDIS_URL must be set when DEBUG is off: Celery's broker, e.g. "
        "redis://127.0.0.1:6379/0; or set TASKS_INLINE=true to run tasks inside the request, "
        "with no worker"
    )


def test_production_runs_tasks_inline_when_asked_explicitly():
    result = load_settings(remove=("REDIS_URL",), TASKS_INLINE="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[1] == "True"


def test_development_without_redis_still_runs_tasks_inline():
    result = _run(["-c", PRINT_SETTINGS], {"DEBUG": "true"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["http://127.0.0.1:8000", "True", "30", "True"]


# --- manage.py: when it assumes a development machine ---


def test_manage_py_with_a_database_but_no_secret_key_refuses_instead_of_debug_mode(tmp_path):
    result = _run(["manage.py", "check"], {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"})
    assert result.returncode != 0
    assert refusal(result).startswith(
        "SECRET_KEY must be set when DEBUG is off: Django's signing key"
    )


def test_manage_py_on_a_bare_development_machine_assumes_debug(tmp_path):
    result = _run(["manage.py", "check"], {"SQLITE_PATH": str(tmp_path / "db.sqlite3")})
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


# --- the helpers themselves ---


def test_env_int_names_the_variable_and_its_bounds(monkeypatch):
    monkeypatch.setenv("SOME_SECONDS", "-3")
    with pytest.raises(ImproperlyConfigured, match=r"^SOME_SECONDS=-3: expected an integer of"):
        env_int("SOME_SECONDS", 10, minimum=0)
    monkeypatch.setenv("SOME_SECONDS", "soon")
    with pytest.raises(ImproperlyConfigured, match="'soon' is not an integer"):
        env_int("SOME_SECONDS", 10, minimum=0)
    monkeypatch.delenv("SOME_SECONDS")
    assert env_int("SOME_SECONDS", 10, minimum=0) == 10


def test_env_url_accepts_ports_and_drops_the_trailing_slash(monkeypatch):
    monkeypatch.setenv("SOME_URL", "http://127.0.0.1:8000/")
    assert env_url("SOME_URL") == "http://127.0.0.1:8000"
    monkeypatch.delenv("SOME_URL")
    assert env_url("SOME_URL") == ""


def test_env_str_and_fernet_keys_accept_good_values(monkeypatch):
    monkeypatch.setenv("SOME_KEY", "x" * 32)
    assert env_str("SOME_KEY", min_length=32) == "x" * 32
    other = Fernet.generate_key().decode()
    monkeypatch.setenv("SOME_KEYS", f" {FERNET_KEY} , {other} ")
    assert env_fernet_keys("SOME_KEYS") == [FERNET_KEY, other]
