"""The staff lists read their rows from an index in their order (PostgreSQL only).

With a few thousand rows and fresh statistics, the query each list page runs for its rows
(captured from the page itself) must be planned as an index scan on the list's index with no
sort: a lost index, or a DISTINCT that makes PostgreSQL sort every visible row, fails here
(bench/pages.py shows the same plans at 100,000 rows)."""

import datetime
import json

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User, YouthProfile
from projects.models import Stage, VentureProject

pytestmark = pytest.mark.postgres

ROWS = 3000


def _nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


def _rows_plan(client, url: str, table: str) -> list[dict]:
    """The plan of the page's query for its rows (the one cut to a page with LIMIT)."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    rows = [
        q["sql"]
        for q in queries.captured_queries
        if f'FROM "{table}"' in q["sql"] and "LIMIT 25" in q["sql"]
    ]
    assert len(rows) == 1, rows
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("EXPLAIN (FORMAT JSON) " + rows[0])
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return list(_nodes(plan[0]["Plan"]))


def _users(n: int) -> list[User]:
    return User.objects.bulk_create(
        [User(email=f"plan{i}@example.com", name=f"青年{i}") for i in range(n)]
    )


def test_the_youth_list_reads_its_index_in_order(client, district_staff, village_a1):
    now = timezone.now()
    profiles = [
        YouthProfile(
            user=user,
            home_centre=village_a1,
            consent_policy_version=settings.PRIVACY_POLICY_VERSION,
            consent_given_at=now,
        )
        for user in _users(ROWS)
    ]
    YouthProfile.objects.bulk_create(profiles)
    # Registered over two years, as a real list is.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE accounts_youthprofile SET created_at = now() - (id % 700) * interval '1 day'"
        )
    client.force_login(district_staff)

    nodes = _rows_plan(client, reverse("accounts:youth_list"), "accounts_youthprofile")

    assert any(n.get("Index Name") == "youth_newest_idx" for n in nodes), nodes
    assert not any(n["Node Type"] in ("Sort", "Incremental Sort") for n in nodes), nodes


def test_the_project_list_reads_its_index_in_order(client, district_staff, village_a1):
    lead = _users(1)[0]
    now = timezone.now()
    VentureProject.objects.bulk_create(
        [
            VentureProject(
                name=f"项目{i}",
                lead=lead,
                centre=village_a1,
                sector="food",
                description="一个青年创业项目。",
                stage=Stage.IDEA,
                stage_changed_at=now - datetime.timedelta(hours=i),
            )
            for i in range(ROWS)
        ]
    )
    client.force_login(district_staff)

    nodes = _rows_plan(client, reverse("projects:list"), "projects_ventureproject")

    assert any(n.get("Index Name") == "project_recent_idx" for n in nodes), nodes
    assert not any(n["Node Type"] in ("Sort", "Incremental Sort", "Unique") for n in nodes), nodes
