"""The timeline's one UNION ALL query (core/timeline.py, PostgreSQL) gives what each app's
parts give when asked one by one, for every viewer, and one person's compiled statement
never shows another's records."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import timeline as timeline_module
from core.timeline import timeline
from projects.models import Stage, StageChange

from .factories import VentureProjectFactory

pytestmark = pytest.mark.postgres


def _shown(entries):
    return [(e.when, str(e.what), e.url, e.app) for e in entries]


def _one_by_one(monkeypatch, person, viewer):
    with monkeypatch.context() as m:
        m.setattr(type(connection.features), "supports_slicing_ordering_in_compound", False)
        return _shown(timeline(person, viewer))


def test_one_query_gives_what_the_parts_give(monkeypatch, cast, village_a1):
    youth_a, youth_b = cast["youth_a"], cast["youth_b"]
    for person, name in ((youth_a, "茶园直播"), (youth_b, "竹编工坊")):
        project = VentureProjectFactory(
            lead=person, centre=person.youth_profile.home_centre, name=name
        )
        StageChange.objects.create(project=project, from_stage="", to_stage=Stage.IDEA)
        StageChange.objects.create(project=project, from_stage=Stage.IDEA, to_stage=Stage.APPLIED)
    viewers = [v for v in cast.values() if v is not None]
    for viewer in viewers:
        for person in (youth_a, youth_b):  # the second reuses the statement compiled for the first
            with CaptureQueriesContext(connection) as queries:
                together = _shown(timeline(person, viewer))
            assert together == _one_by_one(monkeypatch, person, viewer), viewer.email
            # The viewer's roles may be loaded here (a request has them already); the records
            # of every app come in one statement.
            asked = [
                q["sql"]
                for q in queries
                if not q["sql"].startswith("PREPARE")
                and any(t in q["sql"] for t in ("EXECUTE", "change", "attendance", "session"))
            ]
            assert len(asked) == 1, asked
    mine = _shown(timeline(youth_a, youth_a))
    assert any("茶园直播" in what for _, what, _, _ in mine)
    assert not any("竹编工坊" in what for _, what, _, _ in mine)
    assert not any("茶园直播" in what for _, what, _, _ in _shown(timeline(youth_b, youth_b)))
    assert timeline_module._KEPT.generic


def test_the_youth_pages_ask_the_same_queries_for_one_record_or_many(
    client, cast, village_a1, django_assert_num_queries
):
    from django.urls import reverse

    youth_a, staff = cast["youth_a"], cast["district_staff"]
    project = VentureProjectFactory(lead=youth_a, centre=village_a1, name="茶园直播")
    StageChange.objects.create(project=project, from_stage="", to_stage=Stage.IDEA)
    pages = [(staff, reverse("accounts:youth_detail", args=[youth_a.youth_profile.pk]))]
    pages.append((youth_a, reverse("accounts:my_profile")))
    counts = {}
    for viewer, url in pages:
        client.force_login(viewer)
        client.get(url)  # statements compiled and prepared
        with CaptureQueriesContext(connection) as one:
            assert client.get(url).status_code == 200
        counts[url] = len(one)
    for n in range(12):
        other = VentureProjectFactory(lead=youth_a, centre=village_a1, name=f"项目{n}")
        StageChange.objects.create(project=other, from_stage="", to_stage=Stage.IDEA)
    for viewer, url in pages:
        client.force_login(viewer)
        client.get(url)
        with django_assert_num_queries(counts[url]):
            response = client.get(url)
        assert "项目11" in response.content.decode()
