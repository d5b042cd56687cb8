"""Each figure drills down to the records (or people) behind it: the count on top equals the
figure for the viewer's part of the tree, and nothing of another town shows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.figures import FIGURES
from core.periods import parse_period
from dashboard.refresh import refresh_figures
from dashboard.selectors import figures_for

from ..factories import YouthProfileFactory
from .helpers import place

# Session, user, the centre parameter, the figure's value, the list's count and its page
# of rows (in primary-key order), whatever the number of records.
DRILL_QUERIES = 6


def _url(key, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("dashboard:figure", args=[key]) + (f"?{query}" if query else "")


@pytest.fixture
def placements(village_a1, village_a2, village_b1, youth_a, youth_b):
    today = timezone.localdate()
    place(youth_a, village_a1, today, "甲")
    place(youth_a, village_a2, today, "乙")  # the same young person, another job
    place(youth_b, village_b1, today, "丙")
    place(youth_b, village_b1, today - datetime.timedelta(days=800), "丁")
    YouthProfileFactory.create_batch(2, home_centre=village_a2)


@pytest.mark.parametrize("who", ["village_staff", "town_staff", "district_staff"])
@pytest.mark.parametrize(
    "key", ["jobs.placed", "jobs.placements", "accounts.youth_registered", "accounts.centres"]
)
@pytest.mark.parametrize("period", ["this_year", "all", "last_year"])
def test_the_count_on_top_equals_the_figure(client, cast, placements, who, key, period):
    refresh_figures()
    user = cast[who]
    client.force_login(user)
    response = client.get(_url(key, period=period))
    shown = {f["key"]: f for f in figures_for(user, parse_period({"period": period}))["figures"]}
    figure = FIGURES.get(key)

    assert response.status_code == 200
    assert response.context["value"] == shown[key]["value"]
    assert response.context["page"].paginator.count == shown[key]["value"]
    p = parse_period({"period": period})
    assert shown[key]["value"] == figure.value(user, p.start, p.end)


def test_a_person_with_several_outcomes_is_listed_and_counted_once(
    client, town_staff, placements, youth_a
):
    client.force_login(town_staff)
    client.cookies["django_language"] = "en"
    response = client.get(_url("jobs.placed", period="all"))
    body = response.content.decode()

    assert response.context["value"] == 1
    assert response.context["people"] is True
    assert [row["description"] for row in response.context["rows"]] == [str(youth_a)]
    assert "Each person is counted once" in body
    profile_url = reverse("accounts:youth_detail", args=[youth_a.youth_profile.pk])
    assert response.context["rows"][0]["url"] == profile_url and profile_url in body
    placements = client.get(_url("jobs.placements", period="all"))
    assert placements.context["value"] == 2 and len(placements.context["rows"]) == 2


def test_people_helped_into_jobs_across_services_are_listed_by_name_with_their_page(
    client, town_staff, placements, youth_a
):
    client.force_login(town_staff)
    response = client.get(_url("accounts.outcome_job", period="all"))
    profile_url = reverse("accounts:youth_detail", args=[youth_a.youth_profile.pk])

    assert response.context["value"] == 1
    assert [(r["description"], r["url"]) for r in response.context["rows"]] == [
        (youth_a.name, profile_url)
    ]
    assert profile_url in response.content.decode()


def test_a_town_never_sees_another_towns_records(
    client, town_staff, other_town_staff, village_b1, placements
):
    client.force_login(town_staff)
    mine = client.get(_url("jobs.placements", period="all"))
    centres = {row["centre"] for row in mine.context["rows"]}
    assert village_b1.name not in centres and len(centres) == 2

    assert (
        client.get(_url("jobs.placements", period="all", centre=village_b1.pk)).status_code == 404
    )
    client.force_login(other_town_staff)
    theirs = client.get(_url("jobs.placements", period="all", centre=village_b1.pk))
    assert theirs.status_code == 200 and theirs.context["value"] == 2


def test_a_child_centre_narrows_the_records(client, town_staff, village_a1, placements):
    client.force_login(town_staff)
    response = client.get(_url("jobs.placements", period="all", centre=village_a1.pk))

    assert response.context["value"] == 1
    assert [row["centre"] for row in response.context["rows"]] == [village_a1.name]


@pytest.mark.parametrize("centre", ["x", "999999", "-1", "1.5", "' or 1=1"])
def test_a_bad_or_unknown_centre_is_not_found(client, town_staff, centre):
    client.force_login(town_staff)
    assert (
        client.get(
            reverse("dashboard:figure", args=["jobs.placed"]), {"centre": centre}
        ).status_code
        == 404
    )


def test_an_unknown_figure_is_not_found(client, town_staff):
    client.force_login(town_staff)
    assert client.get(_url("nope.nothing")).status_code == 404


def test_a_bad_period_gives_a_message(client, town_staff):
    client.force_login(town_staff)
    response = client.get(reverse("dashboard:figure", args=["jobs.placed"]), {"period": "2026q9"})
    assert response.status_code == 200
    assert "data-period-error" in response.content.decode()


def test_the_explanation_and_the_apps_list_are_shown(client, town_staff):
    client.force_login(town_staff)
    client.cookies["django_language"] = "en"
    response = client.get(_url("jobs.placed"))
    figure = FIGURES.get("jobs.placed")
    body = response.content.decode().replace("&#x27;", "'")

    assert str(figure.explanation) in body
    assert figure.url() in body


@pytest.mark.parametrize("key", ["jobs.placed", "jobs.placements", "accounts.youth_registered"])
def test_the_drill_down_runs_the_same_queries_for_one_record_and_many(
    client, town_staff, village_a1, youth_a, key
):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url(key, period="all", centre=village_a1.pk)).status_code == 200
        return len(queries)

    client.force_login(town_staff)
    YouthProfileFactory(home_centre=village_a1)
    place(youth_a, village_a1, title="0")
    client.get(_url(key))
    one = count()
    for i in range(1, 60):
        place(YouthProfileFactory(home_centre=village_a1).user, village_a1, title=str(i))
    assert count() == one == DRILL_QUERIES
