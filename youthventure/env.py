"""Read settings from the environment, refusing values that do not parse.

A typo such as ``DEBUG=yes`` must stop the process, not silently become False
(the approach of healthchecks' ``envbool``); so must a value of the right type that
cannot be right (a negative duration, a relative site address, a key that is no key).
Every message names the variable and says what is expected; none repeats a secret.
"""

import json
import os
import re
from urllib.parse import urlsplit

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "on"}
_FALSE = {"0", "false", "off", ""}


def missing(name: str, expected: str, when: str = "DEBUG is off") -> ImproperlyConfigured:
    """The error for a variable production must set: ``raise missing("SITE_URL", "...")``."""
    return ImproperlyConfigured(f"{name} must be set when {when}: {expected}")


def env_str(name: str, default: str = "", *, min_length: int = 0) -> str:
    value = os.environ.get(name, default)
    if value and len(value) < min_length:
        # The length only: the value may be a key.
        raise ImproperlyConfigured(
            f"{name} is {len(value)} characters long: expected at least {min_length}"
        )
    return value


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r}: use one of 1, true, on, 0, false, off")


def env_int(
    name: str, default: int, *, minimum: int | None = None, maximum: int | None = None
) -> int:
    """An integer within [minimum, maximum]: durations, limits and counts say their bounds."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        value = default
    else:
        try:
            value = int(raw)
        except ValueError:
            raise ImproperlyConfigured(f"{name}={raw!r} is not an integer") from None
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        if maximum is None:
            expected = f"an integer of at least {minimum}"
        elif minimum is None:
            expected = f"an integer of at most {maximum}"
        else:
            expected = f"an integer from {minimum} to {maximum}"
        raise ImproperlyConfigured(f"{name}={value}: expected {expected}")
    return value


def env_list(name: str, default: str = "") -> list[str]:
    raw = os.environ.get(name, default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_url(name: str, default: str = "") -> str:
    """The absolute http(s) address of a site, without a path: ``https://qc.example.gov.cn``.

    Returned without a trailing slash, so ``SITE_URL + reverse(...)`` is one link.
    Empty when unset and no default.
    """
    raw = os.environ.get(name, default).strip()
    if not raw:
        return ""
    expected = (
        f"{name}={raw!r}: expected an absolute http:// or https:// address without a path, "
        "query or fragment, e.g. https://qc.example.gov.cn"
    )
    try:
        parts = urlsplit(raw)
        parts.port  # noqa: B018 -- raises ValueError on a port that is not a number
    except ValueError:
        raise ImproperlyConfigured(expected) from None
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.username is not None
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or raw.endswith(("?", "#"))
    ):
        raise ImproperlyConfigured(expected)
    return f"{parts.scheme}://{parts.netloc}"


def env_fernet_keys(name: str) -> list[str]:
    """Comma-separated Fernet keys, each checked now rather than at the first encryption."""
    keys = env_list(name)
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except ValueError:
            # Its position, never the key itself.
            raise ImproperlyConfigured(
                f"{name}: key {position} of {len(keys)} is not a valid Fernet key (expected 32 "
                'url-safe base64-encoded bytes; generate one with python -c "from '
                'cryptography.fernet import Fernet; print(Fernet.generate_key().decode())")'
            ) from None
    return keys


def env_json(name: str, default=None):
    """A JSON value; ``default`` when unset or blank. Bad JSON stops the process with where it
    went wrong (line and column), never the value itself."""
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ImproperlyConfigured(
            f"{name} is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None


_SMS_VARIABLE = re.compile(r"\$\{([^}]*)\}")
_SMS_VARIABLE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def env_sms_templates(name: str) -> dict[str, list[dict[str, str]]]:
    """The SMS templates approved at the provider, per kind of message: a JSON object whose
    values are one ``{"code": "SMS_123", "text": "...${name}..."}`` or a list of them (one per
    language, say). Returned with every value a list; empty when unset."""
    example = (
        'e.g. {"accounts.welcome": [{"code": "SMS_123", "text": "${name}，欢迎…"}, '
        '{"code": "SMS_124", "text": "${name}, welcome…"}]}'
    )
    value = env_json(name, {})
    if not isinstance(value, dict):
        raise ImproperlyConfigured(
            f"{name}: expected a JSON object of kinds of message and their templates, {example}"
        )
    templates: dict[str, list[dict[str, str]]] = {}
    for kind, entries in value.items():
        entries = [entries] if isinstance(entries, dict) else entries
        where = f"{name}[{kind!r}]"
        if not isinstance(entries, list) or not entries:
            raise ImproperlyConfigured(f"{where}: expected a template or a list of them, {example}")
        for entry in entries:
            if (
                not isinstance(entry, dict)
                or set(entry) != {"code", "text"}
                or not all(isinstance(v, str) and v.strip() for v in entry.values())
            ):
                raise ImproperlyConfigured(
                    f'{where}: each template is {{"code": "...", "text": "..."}} with the '
                    "template code and its approved text, both non-empty"
                )
            for variable in _SMS_VARIABLE.findall(entry["text"]):
                if not _SMS_VARIABLE_NAME.fullmatch(variable):
                    raise ImproperlyConfigured(
                        f"{where}: template {entry['code']} has a variable ${{{variable}}}: "
                        "expected a name of letters, digits and _ starting with a letter"
                    )
            if "}${" in entry["text"]:
                raise ImproperlyConfigured(
                    f"{where}: template {entry['code']} has two variables side by side: "
                    "they could not be told apart in a text"
                )
        templates[kind] = [{"code": e["code"].strip(), "text": e["text"]} for e in entries]
    return templates
