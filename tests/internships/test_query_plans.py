"""The station's staff lists read their rows from their index in order, with no sort
(PostgreSQL only; the pattern of tests/test_query_plans.py)."""

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accounts.models import User, YouthProfile
from internships.models import Application, Placement, Status

from ..test_query_plans import _rows_plan
from .helpers import position_at, station_for

pytestmark = pytest.mark.postgres

ROWS = 3000


@pytest.fixture
def many(enterprise_contact, village_a1):
    station = station_for(enterprise_contact.partner_membership.enterprise)
    position = position_at(station, places=ROWS)
    users = User.objects.bulk_create(
        [User(email=f"intern{i}@example.com", name=f"见习{i}") for i in range(ROWS)]
    )
    now = timezone.now()
    YouthProfile.objects.bulk_create(
        [
            YouthProfile(
                user=u,
                home_centre=village_a1,
                consent_policy_version=settings.PRIVACY_POLICY_VERSION,
                consent_given_at=now,
            )
            for u in users
        ]
    )
    applications = Application.objects.bulk_create(
        [
            Application(
                position=position,
                station=station,
                youth=u,
                centre=village_a1,
                graduation_year=2024,
                status=Status.ACCEPTED,
                start_date=datetime.date(2022, 1, 1) + datetime.timedelta(days=i % 1000),
            )
            for i, u in enumerate(users)
        ]
    )
    Placement.objects.bulk_create(
        [
            Placement(
                application=a,
                position=position,
                station=station,
                youth_id=a.youth_id,
                centre=village_a1,
                start_date=a.start_date,
                end_date=a.start_date + datetime.timedelta(days=364),
                midterm_due=a.start_date + datetime.timedelta(days=182),
                status="completed",
            )
            for a in applications
        ]
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE internships_application "
            "SET status_changed_at = now() - (id % 700) * interval '1 day'"
        )


@pytest.mark.parametrize(
    ("url_name", "table", "index"),
    [
        ("internships:applications", "internships_application", "application_recent_idx"),
        ("internships:placements", "internships_placement", "placement_recent_idx"),
    ],
)
def test_the_staff_lists_read_their_index_in_order(
    client, district_staff, many, url_name, table, index
):
    client.force_login(district_staff)
    nodes = _rows_plan(client, reverse(url_name), table)
    assert any(n.get("Index Name") == index for n in nodes), nodes
    assert not any(n["Node Type"] in ("Sort", "Incremental Sort") for n in nodes), nodes
