"""The staff home reads its figures from the summary table (counted in advance by
dashboard/refresh.py), says when they were counted, counts a custom period live, and never
mixes one centre's numbers with another's."""

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.figures import FIGURES, GROUPS
from core.periods import parse_period
from dashboard.models import FigureRefresh
from dashboard.refresh import REFRESH_MINUTES, refresh_figures
from dashboard.selectors import figures_for

from ..factories import StaffProfileFactory, YouthProfileFactory
from .helpers import place

URL = reverse("dashboard:index")
# Session, user, the recount times, the viewer's values, the centres one level down and their
# values, the trends (tests/test_kept.py checks that a kept page reads no figure at all).
PAGE_QUERIES = 7


def _shown(response) -> dict:
    return {f["key"]: f["value"] for s in response.context["sections"] for f in s["figures"]}


def test_the_page_shows_the_counted_values_and_a_change_after_a_recount(
    client, town_staff, village_a1
):
    YouthProfileFactory.create_batch(2, home_centre=village_a1)
    refresh_figures()
    client.force_login(town_staff)
    first = client.get(URL)
    YouthProfileFactory(home_centre=village_a1)
    again = client.get(URL)
    refresh_figures()
    after = client.get(URL)

    assert first.context["live"] is False
    assert _shown(first)["accounts.youth_registered"] == 2
    assert 'data-figure="accounts.youth_registered">2</div>' in first.content.decode()
    assert _shown(again)["accounts.youth_registered"] == 2  # read from the table, not counted
    assert _shown(after)["accounts.youth_registered"] == 3
    assert 'data-figure="accounts.youth_registered">3</div>' in after.content.decode()


def test_it_says_when_the_figures_were_counted_and_how_often(client, town_staff, settings):
    refresh_figures()
    client.force_login(town_staff)
    response = client.get(URL)
    counted_at = min(FigureRefresh.objects.values_list("counted_at", flat=True))
    body = response.content.decode()

    assert response.context["counted_at"] == counted_at
    assert f'data-counted-at="{timezone.localtime(counted_at).isoformat()}"' in body
    assert f"{timezone.localtime(counted_at):%H:%M}" in body
    assert f"每 {REFRESH_MINUTES} 分钟" in body or f"every {REFRESH_MINUTES} minutes" in body
    schedule = settings.CELERY_BEAT_SCHEDULE["dashboard-figures"]
    assert schedule["task"] == "dashboard.tasks.refresh_figures"
    assert schedule["schedule"] == REFRESH_MINUTES * 60


def test_a_custom_period_is_counted_live_and_says_so(
    client, town_staff, district_staff, village_a1, village_a2, village_b1, youth_a, youth_b
):
    today = timezone.localdate()
    place(youth_a, village_a1, today - datetime.timedelta(days=3), "甲")
    place(youth_a, village_a2, today - datetime.timedelta(days=2), "乙")  # same person
    place(youth_b, village_b1, today - datetime.timedelta(days=2), "丙")
    place(youth_b, village_b1, today - datetime.timedelta(days=400), "丁")  # before the period
    refresh_figures()
    start, end = today - datetime.timedelta(days=10), today
    query = {"period": "custom", "start": start.isoformat(), "end": end.isoformat()}
    period = parse_period(query)
    for who, placed in ((town_staff, 1), (district_staff, 2)):
        client.force_login(who)
        response = client.get(URL, query)
        shown = _shown(response)
        assert response.context["live"] is True
        assert "counted live" in response.content.decode() or "实时" in response.content.decode()
        assert shown["jobs.placed"] == placed
        for figure in FIGURES:
            assert shown[figure.key] == figure.value(who, start, end), figure.key
        own = who.staff_profile.centre
        for row in response.context["by_centre"]:
            for cell in row["cells"]:
                expected = FIGURES.get(cell["key"]).by_centre([row["centre"]], start, end)
                assert cell["value"] == expected[row["centre"].pk]
            assert row["centre"].parent_id == own.pk
    assert figures_for(district_staff, period)["live"] is True


def test_each_part_of_the_tree_has_its_own_figures(
    client, town_staff, other_town_staff, district_staff, village_staff, village_a1, village_b1
):
    YouthProfileFactory.create_batch(2, home_centre=village_a1)
    YouthProfileFactory.create_batch(5, home_centre=village_b1)
    refresh_figures()
    shown = {}
    for who in (town_staff, other_town_staff, district_staff, village_staff):
        client.force_login(who)
        shown[who.email] = _shown(client.get(URL))["accounts.youth_registered"]

    assert shown == {
        town_staff.email: 2,
        other_town_staff.email: 5,
        district_staff.email: 7,
        village_staff.email: 2,
    }


def test_a_superuser_sees_the_whole_programme_and_its_districts(
    client, town_a, district, village_a1, village_b1
):
    YouthProfileFactory(home_centre=village_a1)
    YouthProfileFactory(home_centre=village_b1)
    refresh_figures()
    admin = StaffProfileFactory(centre=town_a, user__is_superuser=True).user
    client.force_login(admin)
    response = client.get(URL)

    assert _shown(response)["accounts.youth_registered"] == 2
    assert [row["centre"] for row in response.context["by_centre"]] == [district]


def test_the_breakdown_is_one_level_down_and_each_cell_drills_down(
    client, district_staff, town_staff, town_a, town_b, village_a1, village_b1, youth_a, youth_b
):
    place(youth_a, village_a1, title="甲")
    place(youth_b, village_b1, title="乙")
    place(youth_b, village_b1, title="丙")
    refresh_figures()
    client.force_login(district_staff)
    response = client.get(URL)
    rows = {row["centre"]: row for row in response.context["by_centre"]}
    body = response.content.decode()

    assert set(rows) == {town_a, town_b}
    # Young people helped into jobs: counted once per person, by their home centre.
    assert rows[town_a]["values"]["accounts.outcome_job"] == 1
    assert rows[town_b]["values"]["accounts.outcome_job"] == 1  # one person, two jobs
    cell = next(c for c in rows[town_b]["cells"] if c["key"] == "accounts.outcome_job")
    assert f"centre={town_b.pk}" in cell["drill"] and cell["drill"] in body.replace("&amp;", "&")
    drilled = client.get(cell["drill"])
    assert drilled.context["value"] == 1

    client.force_login(town_staff)
    towns = [row["centre"] for row in client.get(URL).context["by_centre"]]
    assert towns == [village_a1, *[c for c in towns if c != village_a1]]
    assert all(c.parent_id == town_a.pk for c in towns)


def test_figures_are_grouped_with_units_explanations_and_drill_downs(client, town_staff):
    refresh_figures()
    client.force_login(town_staff)
    client.cookies["django_language"] = "en"
    response = client.get(URL + "?period=last_year")
    body = response.content.decode()
    figures = [f for s in response.context["sections"] for f in s["figures"]]

    assert {f["key"] for f in figures} == {f.key for f in FIGURES}
    assert [s["key"] for s in response.context["sections"]] == [
        k for k, _ in GROUPS if any(f.group == k for f in FIGURES)
    ]
    for figure in figures:
        assert str(figure["explanation"]) in body.replace("&#x27;", "'").replace("&quot;", '"')
        assert figure["drill"].endswith("?period=last_year")
        assert figure["drill"] in body
    assert 'data-figure="guidance.yuan_recovered">¥0</div>' in body
    assert re.search(r'data-figure="mentors.hours">0 hours</div>', body)


def test_before_the_first_recount_the_figures_are_counted_live(client, town_staff, village_a1):
    YouthProfileFactory(home_centre=village_a1)
    client.force_login(town_staff)
    response = client.get(URL)

    assert response.context["live"] is True
    assert _shown(response)["accounts.youth_registered"] == 1


def test_the_trends_have_a_chart_and_a_table_fallback(client, town_staff, village_a1):
    YouthProfileFactory.create_batch(3, home_centre=village_a1)
    refresh_figures()
    client.force_login(town_staff)
    response = client.get(URL)
    body = response.content.decode()
    chart = next(c for c in response.context["charts"] if c["key"] == "accounts.youth_registered")

    assert len(chart["months"]) == 12 and chart["months"][-1]["value"] == 3
    assert 'canvas data-chart="accounts.youth_registered"' in body
    assert 'data-chart-table="accounts.youth_registered"' in body
    assert 'id="dashboard-chart-data" type="application/json"' in body
    assert "vendor/chartjs/chart.umd" in body and "js/dashboard-charts" in body
    assert "<script>" not in body  # CSP: no inline script


def test_bad_period_parameters_give_a_message_and_this_year(client, town_staff):
    refresh_figures()
    client.force_login(town_staff)
    client.cookies["django_language"] = "en"
    for query in (
        {"period": "bogus"},
        {"period": "1999q1"},
        {"period": "2026q5"},
        {"period": "custom"},
        {"period": "custom", "start": "2026-05-01", "end": "2026-01-01"},
        {"period": "custom", "start": "x", "end": "2026-13-45"},
        {"period": "custom", "start": "1900-01-01", "end": "2026-01-01"},
        {"period": "\x00" + "a" * 5000},
        {"period": "<script>alert(1)</script>"},
    ):
        response = client.get(URL, query)
        assert response.status_code == 200, query
        assert "data-period-error" in response.content.decode(), query
        assert response.context["period"].key == "this_year"
        assert "<script>alert" not in response.content.decode()


def test_the_staff_home_runs_the_same_queries_for_one_record_and_many(
    client, town_staff, village_a1, youth_a
):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    YouthProfileFactory(home_centre=village_a1)
    place(youth_a, village_a1, title="0")
    refresh_figures()
    client.force_login(town_staff)
    client.get(URL)
    one = count()
    YouthProfileFactory.create_batch(30, home_centre=village_a1)
    for i in range(1, 30):
        place(youth_a, village_a1, title=str(i))
    refresh_figures()

    # Session and user, the recount times, the viewer's values, the centres one level down
    # and their values, the trends: a fixed number whatever the number of records.
    assert count() == one
    assert one == PAGE_QUERIES
