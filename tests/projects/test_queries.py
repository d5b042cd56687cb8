"""How project reads are asked of the database: no DISTINCT where no join multiplies rows
(a DISTINCT over every column sorts each visible row before the page is cut), and nobody
sees a project twice for being on its team."""

from projects.models import VentureProject

from ..factories import VentureProjectFactory


def test_staff_lists_ask_for_no_distinct(town_staff, village_a1):
    VentureProjectFactory(centre=village_a1)

    visible = VentureProject.objects.visible_to(town_staff)

    assert not visible.query.distinct
    assert "DISTINCT" not in str(visible.query)


def test_a_team_member_sees_the_project_once_and_no_distinct_is_needed(
    youth_a, youth_b, village_a1
):
    project = VentureProjectFactory(centre=village_a1)
    project.members.add(youth_a, youth_b)
    led = VentureProjectFactory(centre=village_a1, lead=youth_a)
    led.members.add(youth_b)

    mine = VentureProject.objects.visible_to(youth_a)
    theirs = VentureProject.objects.visible_to(youth_b)

    assert not mine.query.distinct
    assert sorted(p.pk for p in mine) == sorted([project.pk, led.pk])
    assert sorted(p.pk for p in theirs) == sorted([project.pk, led.pk])
    assert mine.count() == 2


def test_anonymous_visitors_see_no_project(client, village_a1):
    from django.contrib.auth.models import AnonymousUser

    VentureProjectFactory(centre=village_a1)

    assert not VentureProject.objects.visible_to(AnonymousUser()).exists()


def test_the_project_page_reads_the_team_once(client, youth_a, youth_b, village_a1, town_staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from projects.models import Stage

    project = VentureProjectFactory(centre=village_a1, stage=Stage.LAUNCHED)
    project.members.add(youth_a, youth_b)
    url = reverse("projects:detail", args=[project.pk])
    for viewer in (youth_a, town_staff):
        client.force_login(viewer)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        team = [
            q["sql"]
            for q in queries.captured_queries
            if 'INNER JOIN "projects_ventureproject_members"' in q["sql"]
        ]
        assert response.status_code == 200
        assert response.context["can_report"]
        assert response.context["is_member"] == (viewer == youth_a)
        assert len(team) == 1, team
        assert not any("DISTINCT" in q["sql"] for q in queries.captured_queries)


def _detail_queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm up: the session's first save, statements prepared on PostgreSQL
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


# session, the user with roles and unread count, the project, its team, history, outcomes,
# photos, the lead's profile (the link staff follow): 8, whatever the history's length.
DETAIL_QUERIES = 8


def test_the_project_page_asks_the_same_queries_for_1_and_30_history_entries(
    client, town_staff, youth_a, village_a1
):
    from django.urls import reverse

    from projects.models import Stage, StageChange

    project = VentureProjectFactory(centre=village_a1, lead=youth_a, stage=Stage.LAUNCHED)
    project.members.add(youth_a)
    url = reverse("projects:detail", args=[project.pk])
    client.force_login(town_staff)
    StageChange.objects.create(project=project, from_stage="", to_stage=Stage.IDEA, actor=youth_a)
    few = _detail_queries(client, url)
    for _ in range(29):
        StageChange.objects.create(
            project=project, from_stage=Stage.IDEA, to_stage=Stage.APPLIED, actor=town_staff
        )
    many = _detail_queries(client, url)
    assert few == many == DETAIL_QUERIES, (few, many)
