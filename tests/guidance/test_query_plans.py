"""The staff case list reads its rows from its index in its order, no sort (PostgreSQL only;
the pattern of tests/test_query_plans.py)."""

import pytest
from django.db import connection
from django.urls import reverse

from guidance.models import Case

from ..test_query_plans import _rows_plan

pytestmark = pytest.mark.postgres

ROWS = 3000


def test_the_case_list_reads_its_index_in_order(client, district_staff, youth_a, village_a1):
    Case.objects.bulk_create(
        [
            Case(youth=youth_a, centre=village_a1, kind="wages", other_party="X", description="Y")
            for _ in range(ROWS)
        ]
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE guidance_case SET last_activity_at = now() - (id % 700) * interval '1 hour'"
        )
    client.force_login(district_staff)

    nodes = _rows_plan(client, reverse("guidance:cases"), "guidance_case")

    assert any(n.get("Index Name") == "case_recent_idx" for n in nodes), nodes
    assert not any(n["Node Type"] in ("Sort", "Incremental Sort") for n in nodes), nodes
