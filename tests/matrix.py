"""The permission matrix's shared parts: the cast's roles and the row helper.

Each app's test package holds its own rows in ``tests/<app>/matrix.py``:

- ``ROWS``: url name → (function building ``reverse()`` args from the objects or None,
  ``row(...)`` of expected statuses[, "post"]);
- optionally ``objects(cast, **fixtures)`` returning the objects its rows need.

tests/test_permission_matrix.py gathers every such module; its meta-test fails when a URL of
the portal has no row in any of them.
"""

import importlib
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
]


def row(anonymous, youth_a, youth_b, village, town, other_town, district):
    return dict(
        zip(ROLES, [anonymous, youth_a, youth_b, village, town, other_town, district], strict=True)
    )


def matrix_modules() -> list:
    tests_dir = Path(__file__).parent
    modules = []
    for info in sorted(pkgutil.iter_modules([str(tests_dir)]), key=lambda i: i.name):
        if info.ispkg and (tests_dir / info.name / "matrix.py").exists():
            modules.append(importlib.import_module(f"tests.{info.name}.matrix"))
    return modules


def gather() -> dict:
    rows: dict = {}
    for module in matrix_modules():
        overlap = set(rows) & set(module.ROWS)
        assert not overlap, f"{module.__name__} repeats rows {sorted(overlap)}"
        rows.update(module.ROWS)
    return rows
