"""The staff pages (board, list with filters), the public showcase, project photos and the
dashboard figure: scoped, free of personal data where public, and a fixed number of queries."""

import io
import itertools

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from projects.models import ProjectPhoto, Stage

from ..factories import VentureProjectFactory

BOARD = reverse("projects:board")
LIST = reverse("projects:list")
SHOWCASE = reverse("projects:showcase")


def jpeg() -> ContentFile:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 80, 20)).save(out, format="JPEG")
    return ContentFile(out.getvalue(), name="p.jpg")


def _names(response) -> set[str]:
    return {p.name for p in response.context["page"]}


def _board_names(response) -> set[str]:
    return {p.name for column in response.context["columns"] for p in column["cards"]}


# --- a fixed number of queries ------------------------------------------------------------


def _make_projects(n, lead, centres):
    stages = itertools.cycle(Stage.values)
    places = itertools.cycle(centres)
    for i in range(n):
        project = VentureProjectFactory(
            name=f"项目{i:03d}",
            lead=lead,
            centre=next(places),
            stage=next(stages),
            showcase_opt_in=True,
            in_demo_park=i % 3 == 0,
        )
        ProjectPhoto.objects.create(project=project, image=jpeg())


def _queries(client, url) -> int:
    client.get(url)  # warm up: session, two-factor flag, caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


# The exact numbers: a change that adds a query per project fails here, and so does one that
# adds a query per page (then pin the new number after looking at why).
# board: session, the user with roles, centre and unread messages, counts per stage, the
# latest cards; list: session, user, count, centre options, the page;
# showcase (anonymous): count, the page, the first photos.
PINNED = {"board": 4, "list": 5, "showcase": 3}
URLS = {"board": BOARD, "list": LIST, "showcase": SHOWCASE}
VIEWER = {"board": "town_staff", "list": "town_staff", "showcase": None}


@pytest.mark.parametrize("page", list(PINNED))
def test_it_uses_the_same_number_of_queries_for_5_and_100_projects(
    client, cast, village_a1, village_a2, town_a, page
):
    viewer = cast[VIEWER[page]] if VIEWER[page] else None
    if viewer is not None:
        client.force_login(viewer)
    lead = cast["youth_a"]
    centres = [village_a1, village_a2, town_a]

    _make_projects(5, lead, centres)
    few = _queries(client, URLS[page])
    _make_projects(95, lead, centres)
    many = _queries(client, URLS[page])

    assert few == many == PINNED[page], (few, many)


def test_it_caps_the_cards_per_column_but_counts_them_all(client, town_staff, youth_a, village_a1):
    for i in range(35):
        VentureProjectFactory(name=f"申请{i}", lead=youth_a, centre=village_a1, stage=Stage.APPLIED)
    client.force_login(town_staff)

    columns = {c["stage"]: c for c in client.get(BOARD).context["columns"]}

    assert columns[Stage.APPLIED]["count"] == 35
    assert len(columns[Stage.APPLIED]["cards"]) == 30
    assert columns[Stage.IDEA]["count"] == 0


# --- filters ------------------------------------------------------------------------------


@pytest.fixture
def spread(youth_a, youth_b, village_a1, village_a2, town_a, town_b, village_b1):
    """Projects across the tree, stages, sectors and the park."""

    def make(name, centre, lead=youth_a, **kw):
        return VentureProjectFactory(name=name, centre=centre, lead=lead, **kw)

    make("A1茶园", village_a1, stage=Stage.SIGNED, sector="agriculture", in_demo_park=True)
    make("A1民宿", village_a1, stage=Stage.APPLIED, sector="tourism")
    make("A2烘焙", village_a2, stage=Stage.LAUNCHED, sector="food", in_demo_park=True)
    make("镇A物流", town_a, stage=Stage.IDEA, sector="logistics")
    make("B1竹编", village_b1, lead=youth_b, stage=Stage.SIGNED, sector="culture")
    make("镇B直播", town_b, lead=youth_b, stage=Stage.LAUNCHED, sector="ecommerce",
         in_demo_park=True)  # fmt: skip


TOWN_A_NAMES = {"A1茶园", "A1民宿", "A2烘焙", "镇A物流"}
TOWN_B_NAMES = {"B1竹编", "镇B直播"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, TOWN_A_NAMES | TOWN_B_NAMES),
        ({"stage": "signed"}, {"A1茶园", "B1竹编"}),
        ({"stage": "launched"}, {"A2烘焙", "镇B直播"}),
        ({"sector": "food"}, {"A2烘焙"}),
        ({"sector": "tourism", "stage": "applied"}, {"A1民宿"}),
        ({"sector": "tourism", "stage": "signed"}, set()),
        ({"centre": "town_a"}, TOWN_A_NAMES),  # the town and every village below it
        ({"centre": "village_a1"}, {"A1茶园", "A1民宿"}),
        ({"centre": "town_b"}, TOWN_B_NAMES),
        ({"in_demo_park": "true"}, {"A1茶园", "A2烘焙", "镇B直播"}),
        ({"in_demo_park": "false"}, {"A1民宿", "镇A物流", "B1竹编"}),
        ({"in_demo_park": "true", "centre": "town_a"}, {"A1茶园", "A2烘焙"}),
        ({"q": "茶园"}, {"A1茶园"}),
        ({"q": "直播", "stage": "launched"}, {"镇B直播"}),
    ],
)
def test_it_filters_the_list(client, district_staff, spread, setup, village_a2, query, expected):
    setup = {**setup, "village_a2": village_a2}
    params = {k: str(setup[v].pk) if k == "centre" else v for k, v in query.items()}
    client.force_login(district_staff)

    response = client.get(LIST, params)

    assert response.status_code == 200
    assert _names(response) == expected


def test_it_does_not_let_the_centre_filter_reach_outside_the_viewers_town(
    client, other_town_staff, spread, town_a
):
    client.force_login(other_town_staff)

    response = client.get(LIST, {"centre": town_a.pk})

    assert response.status_code == 200
    assert _names(response) <= TOWN_B_NAMES
    assert "centre" in response.context["filter"].form.errors


# --- scope: another town never sees town A's projects ------------------------------------


def test_it_hides_town_a_projects_from_other_town_staff_everywhere(
    client, other_town_staff, spread
):
    client.force_login(other_town_staff)

    board = client.get(BOARD)
    listing = client.get(LIST)
    assert _board_names(board) == TOWN_B_NAMES
    assert _names(listing) == TOWN_B_NAMES
    by_stage = {c["stage"]: c["count"] for c in board.context["columns"]}
    assert by_stage[Stage.SIGNED] == by_stage[Stage.LAUNCHED] == 1
    assert sum(by_stage.values()) == 2
    for query in ({"q": "A1"}, {"q": "茶园"}, {"q": "镇A"}, {"stage": "signed", "q": "茶"}):
        found = client.get(LIST, query)
        assert _names(found) == set(), query
    for name in TOWN_A_NAMES:
        assert name not in board.content.decode()
        assert name not in listing.content.decode()


def test_it_shows_a_village_officer_only_their_village(client, village_staff, spread):
    client.force_login(village_staff)

    assert _board_names(client.get(BOARD)) == {"A1茶园", "A1民宿"}
    assert _names(client.get(LIST)) == {"A1茶园", "A1民宿"}


def test_it_shows_a_town_officer_the_town_and_its_villages(client, town_staff, spread):
    client.force_login(town_staff)

    assert _board_names(client.get(BOARD)) == TOWN_A_NAMES
    assert _names(client.get(LIST)) == TOWN_A_NAMES


# --- the public showcase ------------------------------------------------------------------


@pytest.fixture
def showcase_projects(youth_a, village_a1):
    def make(name, stage, opt_in, story="", **kw):
        project = VentureProjectFactory(
            name=name,
            lead=youth_a,
            centre=village_a1,
            stage=stage,
            showcase_opt_in=opt_in,
            story=story,
            **kw,
        )
        return project, ProjectPhoto.objects.create(project=project, image=jpeg())

    return {
        "launched": make("青山烘焙坊", Stage.LAUNCHED, True, "三位女青年创办的烘焙店"),
        "operating": make("柳林民宿", Stage.OPERATING, True, "老宅改造的民宿"),
        "not_opted_in": make("河口汽修", Stage.LAUNCHED, False),
        "signed": make("梅岭药材", Stage.SIGNED, True, "还没开业"),
        "idea": make("桃源蜂蜜", Stage.IDEA, True, "只是一个想法"),
        "closed": make("石桥砖瓦", Stage.CLOSED, True, "已停业", launched_on="2025-02-01"),
        "rejected": make("城关网吧", Stage.REJECTED, True, "被拒"),
    }


SHOWN = {"青山烘焙坊", "柳林民宿"}


@pytest.mark.parametrize("role", ["anonymous", "youth_b", "other_town_staff", "youth_a"])
def test_it_shows_only_launched_opted_in_projects_without_personal_data(
    client, cast, showcase_projects, role
):
    if cast[role] is not None:
        client.force_login(cast[role])

    response = client.get(SHOWCASE)

    assert response.status_code == 200
    assert _names(response) == SHOWN
    main = response.content.decode().split("<main", 1)[-1]
    for name in SHOWN:
        assert name in main
    for key in ("not_opted_in", "signed", "idea", "closed", "rejected"):
        assert showcase_projects[key][0].name not in main
    assert "三位女青年创办的烘焙店" in main
    youth_a = cast["youth_a"]
    profile = youth_a.youth_profile
    for personal in (
        youth_a.name,
        youth_a.email,
        youth_a.phone,
        "138****0001",
        profile.national_id,
    ):
        assert personal not in main, personal


def test_it_serves_the_showcase_to_anonymous_visitors(client, showcase_projects):
    response = client.get(SHOWCASE)

    assert response.status_code == 200
    assert response.templates[0].name == "projects/showcase.html"


@pytest.mark.parametrize("key", ["launched", "operating"])
def test_it_serves_photos_of_showcased_projects_to_anyone(client, showcase_projects, key):
    photo = showcase_projects[key][1]

    response = client.get(reverse("projects:photo", args=[photo.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


@pytest.mark.parametrize("key", ["not_opted_in", "signed", "idea", "closed", "rejected"])
@pytest.mark.parametrize("role", ["anonymous", "youth_b", "other_town_staff"])
def test_it_hides_photos_of_other_projects_from_strangers(
    client, cast, showcase_projects, key, role
):
    photo = showcase_projects[key][1]
    if cast[role] is not None:
        client.force_login(cast[role])

    assert client.get(reverse("projects:photo", args=[photo.pk])).status_code == 404


@pytest.mark.parametrize("role", ["youth_a", "village_staff", "town_staff", "district_staff"])
def test_it_serves_photos_of_other_projects_to_the_team_and_staff_in_scope(
    client, cast, showcase_projects, role
):
    photo = showcase_projects["idea"][1]
    client.force_login(cast[role])

    assert client.get(reverse("projects:photo", args=[photo.pk])).status_code == 200


def test_it_answers_404_for_a_photo_that_does_not_exist(client, db):
    assert client.get(reverse("projects:photo", args=[999_999])).status_code == 404


# --- the dashboard's headline figure ------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        # spread: signed/launched A1茶园, A2烘焙 in town A; B1竹编, 镇B直播 in town B.
        ("village_staff", 1),
        ("town_staff", 2),
        ("other_town_staff", 2),
        ("district_staff", 4),
    ],
)
def test_it_counts_signed_or_launched_projects_on_the_dashboard(
    client, cast, spread, youth_a, village_a1, role, expected
):
    # Operating counts; closed, rejected and still-under-review do not.
    VentureProjectFactory(name="运营中", lead=youth_a, centre=village_a1, stage=Stage.OPERATING)
    VentureProjectFactory(name="已关闭", lead=youth_a, centre=village_a1, stage=Stage.CLOSED)
    VentureProjectFactory(name="审核中", lead=youth_a, centre=village_a1, stage=Stage.UNDER_REVIEW)
    in_a1 = role in ("village_staff", "town_staff", "district_staff")
    client.force_login(cast[role])

    response = client.get(reverse("dashboard:index"))

    assert response.status_code == 200
    figure = expected + (1 if in_a1 else 0)
    shown = {f["key"]: f["value"] for f in response.context["figures"]}
    assert shown["projects.signed_or_launched"] == figure
    html = response.content.decode()
    assert f'data-figure="projects.signed_or_launched">{figure}</div>' in html
