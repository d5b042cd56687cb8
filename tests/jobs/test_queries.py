"""List pages run the same number of queries for one row and for fifty."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobs.models import HowFound, Placement, job_key

from ..factories import EnterpriseFactory
from .factories import make_vacancy


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("url_name", "who"),
    [
        ("jobs:vacancy_list", None),
        ("jobs:vacancy_list", "youth_a"),
        ("jobs:vacancy_manage", "town_staff"),
        ("jobs:vacancy_manage", "enterprise_contact"),
        ("jobs:placement_list", "town_staff"),
    ],
)
def test_the_same_queries_for_one_row_and_fifty(
    client, cast, partner_enterprise, village_a1, url_name, who
):
    if who:
        client.force_login(cast[who])
    url = reverse(url_name)

    def add(n, offset):
        for i in range(n):
            make_vacancy(partner_enterprise, title=f"岗位{offset + i}")
            Placement.objects.create(
                youth=cast["youth_a"],
                centre=village_a1,
                employer_name="华美",
                job_title=f"岗位{offset + i}",
                job_key=job_key("华美", f"岗位{offset + i}"),
                start_date=datetime.date(2024, 1, 1),
                how_found=HowFound.STAFF,
            )

    add(1, 0)
    client.get(url)  # warm what is kept per process
    one = _count(client, url)
    add(49, 1)
    EnterpriseFactory(centre=village_a1)
    assert _count(client, url) == one
