"""The permission matrix's shared parts: the cast's roles and the row helper.

Each app's test package holds its own rows in ``tests/<app>/matrix.py``:

- ``ROWS``: url name → (function building ``reverse()`` args from the objects or None,
  ``row(...)`` of expected statuses[, "post"]);
- optionally ``objects(cast, **fixtures)`` returning the objects its rows need.

tests/test_permission_matrix.py gathers every such module; its meta-test fails when a URL of
the portal has no row in any of them.
"""

import importlib
import inspect
import pkgutil
from pathlib import Path

ROLES = [
    "anonymous",
    "youth_a",
    "youth_b",
    "village_staff",
    "town_staff",
    "other_town_staff",
    "district_staff",
    "mentor",
    "bank_officer",
    "enterprise_contact",
    "other_enterprise_contact",
]


def row(*statuses: int) -> dict:
    """Statuses in ROLES order: anonymous, youth A, youth B, village, town A, town B and
    district staff, a mentor, a bank officer, a contact of the enterprise the rows use and a
    contact of another enterprise."""
    return dict(zip(ROLES, statuses, strict=True))


def matrix_modules() -> list:
    tests_dir = Path(__file__).parent
    modules = []
    for info in sorted(pkgutil.iter_modules([str(tests_dir)]), key=lambda i: i.name):
        if info.ispkg and (tests_dir / info.name / "matrix.py").exists():
            modules.append(importlib.import_module(f"tests.{info.name}.matrix"))
    return modules


def build_objects(request, cast) -> dict:
    """The cast and what every app's ``objects()`` builds (its fixtures by parameter name);
    two apps may not use the same name."""
    found = dict(cast)
    for module in matrix_modules():
        build = getattr(module, "objects", None)
        if build is None:
            continue
        wanted = [p for p in inspect.signature(build).parameters if p not in ("cast", "_")]
        built = build(cast, **{name: request.getfixturevalue(name) for name in wanted})
        overlap = set(built) & set(found)
        assert not overlap, f"{module.__name__} reuses the names {sorted(overlap)}"
        found.update(built)
    return found


def gather() -> dict:
    rows: dict = {}
    for module in matrix_modules():
        overlap = set(rows) & set(module.ROWS)
        assert not overlap, f"{module.__name__} repeats rows {sorted(overlap)}"
        rows.update(module.ROWS)
    return rows
