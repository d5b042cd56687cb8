"""The staff's match list reads its rows from ``match_recent_idx`` in order, no sort
(PostgreSQL only; the pattern of tests/test_query_plans.py)."""

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accounts.models import User, YouthProfile
from mentors.models import Match

from ..test_query_plans import _rows_plan
from .helpers import make_mentor

pytestmark = pytest.mark.postgres

ROWS = 3000


def test_the_match_list_reads_its_index_in_order(client, district_staff, town_a, village_a1):
    users = User.objects.bulk_create(
        [User(email=f"match{i}@example.com", name=f"青年{i}") for i in range(ROWS)]
    )
    now = timezone.now()
    YouthProfile.objects.bulk_create(
        [
            YouthProfile(
                user=user,
                home_centre=village_a1,
                consent_policy_version=settings.PRIVACY_POLICY_VERSION,
                consent_given_at=now,
            )
            for user in users
        ]
    )
    mentor = make_mentor(centre=town_a)
    Match.objects.bulk_create(
        [Match(youth=u, mentor=mentor, centre=village_a1, status="ended") for u in users]
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE mentors_match SET status_changed_at = now() - (id % 700) * interval '1 day'"
        )
    client.force_login(district_staff)

    nodes = _rows_plan(client, reverse("mentors:matches"), "mentors_match")

    assert any(n.get("Index Name") == "match_recent_idx" for n in nodes), nodes
    assert not any(n["Node Type"] in ("Sort", "Incremental Sort") for n in nodes), nodes
