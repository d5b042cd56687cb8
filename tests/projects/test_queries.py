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
