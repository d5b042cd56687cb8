"""The summary table: refresh_figures writes every figure for every centre and standard
period exactly as the live count would, is idempotent, and a failing figure keeps its old
values while the others are recounted."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import OrgUnit
from core import seeding
from core.figures import FIGURES
from core.periods import standard_periods
from dashboard import refresh
from dashboard.models import FigureRefresh, FigureValue
from dashboard.refresh import (
    STOCK,
    TREND_KEYS,
    month_key,
    refresh_figures,
    stored_key,
    trend_months,
)

from ..factories import YouthProfileFactory
from .helpers import place


@pytest.fixture
def records(village_a1, village_a2, village_b1, youth_a, youth_b):
    today = timezone.localdate()
    place(youth_a, village_a1, today, "甲")
    place(youth_a, village_a2, today - datetime.timedelta(days=1), "乙")
    place(youth_b, village_b1, today.replace(month=1, day=1), "丙")
    place(youth_b, village_b1, today - datetime.timedelta(days=400), "丁")
    YouthProfileFactory.create_batch(3, home_centre=village_a2)
    YouthProfileFactory(home_centre=village_b1)


def _stored(key, period):
    return dict(
        FigureValue.objects.filter(key=key, period=period).values_list("centre_id", "value")
    )


def test_every_figure_equals_the_live_count_for_every_centre_and_period(records, cast):
    refresh_figures()
    centres = list(OrgUnit.objects.all())
    admin = cast["district_staff"]
    admin.is_superuser = True
    for figure in FIGURES:
        periods = standard_periods()
        for period in periods:
            name = STOCK if figure.is_stock else stored_key(period)
            stored = _stored(figure.key, name)
            live = figure.by_centre(centres, period.start, period.end)
            for centre in centres:
                assert stored.get(centre.pk, 0) == live[centre.pk], (figure.key, name, centre)
            assert stored.get(None, 0) == figure.value(admin, period.start, period.end)


def test_trend_months_equal_the_live_count(records, village_a1):
    refresh_figures()
    for key in TREND_KEYS:
        figure = FIGURES.get(key)
        for month in trend_months()[-14:]:
            end = (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
            live = figure.by_centre([village_a1], month, end)[village_a1.pk]
            assert _stored(key, month_key(month)).get(village_a1.pk, 0) == live


def test_a_recount_is_idempotent(records):
    first = refresh_figures()
    table = set(FigureValue.objects.values_list("key", "centre_id", "period", "value"))
    second = refresh_figures()

    assert first["failed"] == [] and first["rows"] > 0
    assert second["rows"] == 0
    assert set(FigureValue.objects.values_list("key", "centre_id", "period", "value")) == table
    assert not FigureValue.objects.filter(value=0).exists()  # zeros are left out


def test_a_failing_figure_keeps_its_values_and_the_others_move(records, village_a1, monkeypatch):
    refresh_figures()
    before = _stored("jobs.placements", "all")
    counted = FigureRefresh.objects.get(key="jobs.placements").counted_at
    place(YouthProfileFactory(home_centre=village_a1).user, village_a1, title="新")
    YouthProfileFactory(home_centre=village_a1)
    real = refresh.count_figure

    def failing(figure, centres, today):
        if figure.key == "jobs.placements":
            raise RuntimeError("database went away")
        return real(figure, centres, today)

    monkeypatch.setattr(refresh, "count_figure", failing)
    result = refresh_figures()

    assert result["failed"] == ["jobs.placements"]
    assert _stored("jobs.placements", "all") == before
    assert FigureRefresh.objects.get(key="jobs.placements").counted_at == counted
    assert _stored("jobs.placed", "all")[village_a1.pk] == 2
    assert _stored("accounts.youth_registered", str(timezone.localdate().year))[village_a1.pk] == 3


def test_a_write_that_fails_half_way_leaves_the_previous_values(records, village_a1, monkeypatch):
    refresh_figures()
    table = set(FigureValue.objects.values_list("key", "centre_id", "period", "value"))
    YouthProfileFactory.create_batch(2, home_centre=village_a1)
    YouthProfileFactory.create_batch(2, home_centre=None)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(FigureValue.objects, "bulk_create", broken)
    monkeypatch.setattr(FigureValue.objects, "bulk_update", broken)
    result = refresh_figures(keys={"accounts.youth_registered"})

    assert result["failed"] == ["accounts.youth_registered"]
    assert set(FigureValue.objects.values_list("key", "centre_id", "period", "value")) == table


def test_the_command_recounts_and_reports(records):
    out = io.StringIO()
    call_command("refresh_figures", stdout=out)

    assert out.getvalue().startswith(f"figures={len(FIGURES)} rows=")
    assert FigureRefresh.objects.count() == len(FIGURES)


def test_the_task_runs_inline_without_a_broker(records):
    from dashboard.tasks import refresh_figures as task

    task.delay()
    assert FigureRefresh.objects.count() == len(FIGURES)


def test_the_demo_data_ends_with_counted_figures():
    seed = seeding.SEEDS.get("dashboard")
    others = {s.name for s in seeding.SEEDS.all()} - {"dashboard"}

    assert set(seed.after) == others
    assert seeding.in_order()[-1].name == "dashboard"
