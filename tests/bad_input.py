"""The bad-input harness every app's corpus calls (tests/test_bad_input.py,
tests/projects/test_bad_input.py); the form fuzz (tests/test_forms_fuzz.py) posts the
same forms.

An app describes each of its forms as a ``FormSpec``: the URL, who posts it, valid data
and, per field, the hostile values to try. Its test module then asks for

- ``cases(FORMS)``: one test case per form × field × value, and
- per form, ``assert_the_valid_baseline_writes``: the valid data is accepted and does
  change the database, so that the corpus cannot pass by accident (a form that refuses
  everything, a URL that writes nowhere, a snapshot that misses the form's table);
- per case, ``assert_refused_and_nothing_written``: the form with that one field replaced
  answers with the page and a form error, not a 500 and not a redirect, and the database
  is as it was.

Both take the app's ``snapshot``: a function returning everything its forms could write
(``rows(Model.objects, ...)``).
"""

import dataclasses
from collections.abc import Callable

import pytest

# --- The hostile values ---------------------------------------------------------------

LONG = "名" * 10_000
INJECTION = ["<script>alert(1)</script>", "{{ 7|add:7 }}{% debug %}", "${7*7}"]
NULL = "abc\x00def"
EMOJI = "😀🎉"
COMMON = [LONG, *INJECTION, NULL, EMOJI]

NATIONAL_IDS = [
    "11010519491231002",  # 17 characters
    "110105194912310021X",  # 19 characters
    "110105194912310021",  # wrong check digit
    "110105194902300011",  # 30 February
    "110105299912310016",  # born in the future
    "990105194912310021",  # no such region
    "11010519491231002Y",
    *COMMON,
]
PHONES = ["12345678901", "1381234567", "138123456789", "+1 415 555 0100", *COMMON]
USCCS = ["91350100M000100Y44", "91350100M000100Y4", "91350100M000I00Y43", *COMMON]
DATES = ["2024-02-30", "0000-00-00", "99999-01-01", LONG, NULL]
ORG_NAMES = [LONG, *INJECTION, NULL, EMOJI, "<b>Bob</b>"]
NAMES = [*ORG_NAMES, "Alice 2"]  # people's names have no digits; organisations' may
EMAILS = ["not-an-email", "a@", "@b.cn", LONG + "@example.com", NULL + "@example.com", "<a>@x.cn"]
CHOICES = ["nonexistent", LONG, NULL, "-1"]
CENTRES = ["999999", "-1", "abc", LONG, NULL]
INTEGERS = ["-1", "abc", "1.5", "1e309", "NaN", "99999999999999999999", "", LONG, NULL]


# --- The forms ------------------------------------------------------------------------


def _as_is(value: str, s: dict, data: dict) -> str:
    return value


@dataclasses.dataclass(frozen=True)
class FormSpec:
    """One form of a corpus. ``s`` is the corpus's dict of objects (centres, projects)."""

    url: Callable[[dict], str]
    #: A key of the ``cast`` fixture; "anonymous" posts signed out.
    poster: str
    #: s → data the form accepts (a fresh dict each call).
    valid: Callable[[dict], dict]
    #: field → hostile values; each replaces the field's valid value in one case.
    bad: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    #: (value, s, data) → the value to post, for placeholders that only mean something once
    #: the fixtures have run or on today's date; it may adjust other fields of ``data``.
    resolve: Callable[[str, dict, dict], str] = _as_is


def cases(forms: dict[str, FormSpec]) -> list:
    """One ``pytest.param(form, field, index)`` per hostile value, with ids like
    ``profile-phone-3``."""
    return [
        pytest.param(name, fld, index, id=f"{name}-{fld}-{index}")
        for name, spec in forms.items()
        for fld, values in spec.bad.items()
        for index in range(len(values))
    ]


def rows(*querysets) -> tuple:
    """A comparable snapshot of the given querysets' rows."""
    return tuple(list(qs.order_by("pk").values()) for qs in querysets)


def log_in(client, cast: dict, role: str) -> None:
    if cast[role] is not None:
        client.force_login(cast[role])


def post(client, cast: dict, spec: FormSpec, s: dict, data: dict):
    """Post ``data`` to the form as the person who normally uses it."""
    log_in(client, cast, spec.poster)
    return client.post(spec.url(s), data)


def _errors(response):
    context = getattr(response, "context", None)
    return context and context.get("form") is not None and context["form"].errors


def assert_the_valid_baseline_writes(client, cast, spec: FormSpec, s: dict, snapshot) -> None:
    log_in(client, cast, spec.poster)  # before the snapshot: signing in writes last_login
    before = snapshot()
    response = client.post(spec.url(s), spec.valid(s))
    assert response.status_code == 302, _errors(response) or response.status_code
    assert snapshot() != before, "the valid data wrote nothing: the corpus proves nothing"


def assert_refused_and_nothing_written(
    client, cast, spec: FormSpec, s: dict, snapshot, *, name: str, field: str, index: int
) -> None:
    data = spec.valid(s)
    value = spec.resolve(spec.bad[field][index], s, data)
    data[field] = [value] if isinstance(data.get(field), list) else value
    log_in(client, cast, spec.poster)
    before = snapshot()
    response = client.post(spec.url(s), data)
    shown = f"{name}.{field}={value[:40]!r}"
    assert response.status_code == 200, f"{shown} → {response.status_code}"
    assert response.context["form"].errors, f"{shown} was accepted"
    assert snapshot() == before, f"{shown} wrote something"
