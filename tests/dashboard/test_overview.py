"""The staff home's figures are counted at most every few minutes per part of the tree, say
when they were counted, and never mix one centre's numbers with another's."""

import datetime

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dashboard.selectors import FIGURES_MAX_AGE

from ..factories import YouthProfileFactory

URL = reverse("dashboard:index")


def _shown(response) -> dict:
    return {f["key"]: f["value"] for f in response.context["figures"]}


def test_figures_are_kept_for_a_few_minutes_and_say_when_they_were_counted(
    client, town_staff, village_a1
):
    YouthProfileFactory.create_batch(2, home_centre=village_a1)
    client.force_login(town_staff)
    first = client.get(URL)
    YouthProfileFactory(home_centre=village_a1)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(URL)

    assert _shown(first)["accounts.youth_registered"] == 2
    assert _shown(again)["accounts.youth_registered"] == 2  # kept
    counts = [
        q["sql"]
        for q in queries.captured_queries
        if "COUNT(" in q["sql"] and not q["sql"].startswith('SELECT "accounts_user"')
    ]
    assert not any("accounts_youthprofile" in sql for sql in counts), counts
    counted_at = again.context["counted_at"]
    assert timezone.now() - counted_at < datetime.timedelta(minutes=1)
    assert (
        f'data-counted-at="{timezone.localtime(counted_at).isoformat()}"' in again.content.decode()
    )
    assert again.context["max_age_minutes"] == FIGURES_MAX_AGE.total_seconds() // 60

    cache.clear()  # as when FIGURES_MAX_AGE has passed
    assert _shown(client.get(URL))["accounts.youth_registered"] == 3


def test_each_part_of_the_tree_has_its_own_figures(
    client, town_staff, other_town_staff, district_staff, village_a1, village_b1
):
    YouthProfileFactory.create_batch(2, home_centre=village_a1)
    YouthProfileFactory.create_batch(5, home_centre=village_b1)
    shown = {}
    for who in (town_staff, other_town_staff, district_staff, town_staff):
        client.force_login(who)
        shown.setdefault(who.email, []).append(_shown(client.get(URL))["accounts.youth_registered"])

    assert shown == {
        town_staff.email: [2, 2],
        other_town_staff.email: [5],
        district_staff.email: [7],
    }


def test_a_superuser_with_a_centre_sees_everything_not_their_centres_figures(
    client, town_staff, village_a1, village_b1, town_a
):
    from ..factories import StaffProfileFactory

    YouthProfileFactory(home_centre=village_a1)
    YouthProfileFactory(home_centre=village_b1)
    client.force_login(town_staff)
    assert _shown(client.get(URL))["accounts.youth_registered"] == 1
    admin = StaffProfileFactory(centre=town_a, user__is_superuser=True).user
    client.force_login(admin)

    assert _shown(client.get(URL))["accounts.youth_registered"] == 2
