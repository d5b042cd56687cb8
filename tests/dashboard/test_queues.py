"""Work queues (core.queues, dashboard.selectors): the card on the staff home, the full page,
their scope and their cost."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.queues import QUEUES, Queue, queues_for
from dashboard.refresh import refresh_figures
from dashboard.selectors import QUEUE_CARD_ITEMS, QUEUE_PAGE_SIZE, work_queues
from projects.models import Stage, VentureProject
from projects.services import project_transition

from ..factories import VentureProjectFactory

PAGE = reverse("dashboard:queues")
HOME = reverse("dashboard:index")


def _applied(centre, n=1, **extra):
    return VentureProjectFactory.create_batch(n, centre=centre, stage=Stage.APPLIED, **extra)


def _card(user) -> dict:
    return {q["key"]: q for q in work_queues(user)}


def test_the_card_shows_counts_and_the_first_items_most_urgent_first(
    town_staff, village_a1, town_a
):
    old = _applied(village_a1, changed_days_ago=20)[0]
    _applied(town_a, 6, changed_days_ago=1)

    queue = _card(town_staff)["projects.applied"]

    assert queue["count"] == 7
    assert len(queue["items"]) == QUEUE_CARD_ITEMS
    first = queue["items"][0]
    assert first["label"] == old.name
    assert first["url"] == reverse("projects:detail", args=[old.pk])
    assert first["urgent"] is True  # waited more than 10 days
    assert not any(item["urgent"] for item in queue["items"][1:])
    assert queue["url"] == reverse("projects:list") + "?stage=applied"


def test_empty_queues_are_left_off_the_card(town_staff):
    assert "projects.applied" not in _card(town_staff)


def test_a_towns_staff_never_see_another_towns_items_and_a_village_officer_only_theirs(
    town_staff, other_town_staff, village_staff, district_staff, village_a1, village_a2, village_b1
):
    mine = _applied(village_a1)[0]
    neighbour = _applied(village_a2)[0]
    other = _applied(village_b1)[0]

    def shown(user):
        queue = _card(user).get("projects.applied")
        return {item["label"] for item in queue["items"]} if queue else set()

    assert shown(town_staff) == {mine.name, neighbour.name}
    assert shown(other_town_staff) == {other.name}
    assert shown(village_staff) == {mine.name}
    assert shown(district_staff) == {mine.name, neighbour.name, other.name}


def test_only_staff_have_queues(youth_a, mentor, bank_officer, enterprise_contact, village_a1):
    _applied(village_a1)
    for person in (youth_a, mentor, bank_officer, enterprise_contact):
        assert queues_for(person) == []
        assert work_queues(person) == []


def test_an_item_leaves_the_queue_when_acted_on(town_staff, village_a1):
    project = _applied(village_a1)[0]
    assert _card(town_staff)["projects.applied"]["count"] == 1

    project_transition(project=project, to_stage=Stage.UNDER_REVIEW, actor=town_staff)

    card = _card(town_staff)
    assert "projects.applied" not in card
    assert [i["label"] for i in card["projects.under_review"]["items"]] == [project.name]


def test_the_staff_home_shows_the_card(client, town_staff, village_a1):
    project = _applied(village_a1)[0]
    client.force_login(town_staff)
    html = client.get(HOME).content.decode()
    assert 'data-queue="projects.applied"' in html
    assert reverse("projects:detail", args=[project.pk]) in html
    assert reverse("dashboard:queues") in html


def test_the_page_lists_every_queue_and_pages_one(client, town_staff, village_a1):
    projects = _applied(village_a1, QUEUE_PAGE_SIZE + 3)
    client.force_login(town_staff)

    first = client.get(PAGE)
    entries = {q["key"]: q for q in first.context["queues"]}
    assert set(entries) == {q.key for q in queues_for(town_staff)}
    assert entries["projects.applied"]["count"] == QUEUE_PAGE_SIZE + 3
    assert len(entries["projects.applied"]["items"]) == QUEUE_PAGE_SIZE
    assert entries["loans.to_review"]["count"] == 0

    second = client.get(PAGE, {"queue": "projects.applied", "page": 2})
    items = {q["key"]: q for q in second.context["queues"]}["projects.applied"]["items"]
    assert len(items) == 3
    html = second.content.decode()
    assert "?queue=projects.applied&amp;page=1" in html
    # The paged queue's last rows; nothing out of range, no error on a bad page number.
    assert {i["label"] for i in items} <= {p.name for p in projects}
    assert client.get(PAGE, {"queue": "projects.applied", "page": "x<'"}).status_code == 200
    assert client.get(PAGE, {"queue": "nope", "page": 99}).status_code == 200


def _queries(client, url) -> int:
    cache.clear()  # the card counted, not read from where it is kept
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_card_and_the_page_cost_the_same_at_1_and_20_items(client, town_staff, village_a1):
    client.force_login(town_staff)
    _applied(village_a1, 1)
    VentureProjectFactory(centre=village_a1, stage=Stage.UNDER_REVIEW)
    client.get(HOME)  # the figures are counted and kept on the first visit
    home_one, page_one = _queries(client, HOME), _queries(client, PAGE)

    _applied(village_a1, 19)
    VentureProjectFactory.create_batch(19, centre=village_a1, stage=Stage.UNDER_REVIEW)
    home_many, page_many = _queries(client, HOME), _queries(client, PAGE)

    assert home_one == home_many
    assert page_one == page_many
    # The card: one query per queue (count and first items together), whatever the rows,
    # and one to learn whether the viewer is also a bank's officer (loans' visible_to).
    with CaptureQueriesContext(connection) as card:
        work_queues(town_staff)
    sql = [q["sql"][:60] for q in card.captured_queries]
    assert len(sql) <= len(queues_for(town_staff)) + 1, sql


def test_the_card_is_kept_a_minute_and_says_when_it_was_counted(client, town_staff, village_a1):
    project = _applied(village_a1)[0]
    refresh_figures()  # the figures are read from the summary table, not counted live
    client.force_login(town_staff)
    first = client.get(HOME).content.decode()
    assert f'href="{reverse("projects:detail", args=[project.pk])}"' in first
    assert "data-queues-counted-at=" in first

    project_transition(project=project, to_stage=Stage.UNDER_REVIEW, actor=town_staff)
    with CaptureQueriesContext(connection) as captured:
        kept = client.get(HOME).content.decode()
    assert 'data-queue="projects.applied"' in kept  # within the minute: as counted
    assert not any("projects_ventureproject" in q["sql"] for q in captured.captured_queries)
    # The full page is counted when opened.
    page = {q["key"]: q for q in client.get(PAGE).context["queues"]}
    assert page["projects.applied"]["count"] == 0
    assert page["projects.under_review"]["count"] == 1

    cache.clear()  # as when the minute has passed
    fresh = client.get(HOME).content.decode()
    assert 'data-queue="projects.applied"' not in fresh
    assert 'data-queue="projects.under_review"' in fresh


def test_the_card_is_kept_per_person(client, town_staff, village_a1, town_a):
    from ..factories import StaffProfileFactory

    colleague = StaffProfileFactory(centre=village_a1).user
    _applied(town_a)
    client.force_login(town_staff)
    assert 'data-queue="projects.applied"' in client.get(HOME).content.decode()
    client.force_login(colleague)
    assert 'data-queue="projects.applied"' not in client.get(HOME).content.decode()


def test_a_queue_can_be_for_some_staff_only(town_staff, district_staff, village_a1):
    _applied(village_a1)
    queue = Queue(
        key="tests.district_only",
        label="d",
        explanation="",
        records=lambda user: VentureProject.objects.visible_to(user).order_by("pk"),
        item_label=str,
        item_url=lambda obj: "/",
        url=lambda: "/",
        visible=lambda user: user.staff_profile.centre.level == "district",
    )
    QUEUES.register(queue)
    try:
        assert "tests.district_only" in _card(district_staff)
        assert "tests.district_only" not in _card(town_staff)
    finally:
        QUEUES.unregister(queue.key)


@pytest.mark.parametrize("queue", list(QUEUES), ids=lambda q: q.key)
def test_every_queue_links_to_a_list_staff_may_open(client, queue, town_staff):
    client.force_login(town_staff)
    response = client.get(queue.url())
    assert response.status_code == 200, queue.url()
    assert str(queue.label) and str(queue.explanation)
    assert queue.records(town_staff).ordered, f"{queue.key}: most urgent first needs an order"
