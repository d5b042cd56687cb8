"""Stage moves: the TRANSITIONS table is the whole truth, for every pair of stages.

Each of the 8×8 (from, to) pairs is tried: the 52 pairs outside the table are refused
whoever asks and change nothing; each of the 12 pairs inside it succeeds for the right
role (history, dates, messages, audit) and is refused for every other role. Who is the right
role: the lead submits, withdraws and revises; any staff member in scope, a village officer
too, reviews, turns down, records the launch and operation; signing and closing need a
coordinator of the project's town or of the district; launching needs the business facts.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import StaffProfile
from audit.models import Entry
from notifications.models import Message
from projects.models import (
    COORDINATOR,
    FACTS_BEFORE_LAUNCH,
    STAFF,
    TRANSITIONS,
    YOUTH,
    Stage,
    StageChange,
    VentureProject,
)
from projects.services import (
    ILLEGAL_MOVE,
    NOT_YOUR_MOVE,
    REASON_REQUIRED,
    STALE_STAGE,
    project_transition,
)

from ..factories import (
    StaffProfileFactory,
    VentureProjectFactory,
    YouthProfileFactory,
    make_uscc,
)

ALL_PAIRS = [(frm, to) for frm in Stage.values for to in Stage.values]
ALLOWED = [(str(frm), str(to)) for frm, to in TRANSITIONS]
ILLEGAL = [pair for pair in ALL_PAIRS if pair not in ALLOWED]
NEEDS_REASON = [pair for pair in ALLOWED if pair[1] in (Stage.REJECTED, Stage.CLOSED)]
LABEL = dict(Stage.choices)


def _ids(pairs):
    return [f"{frm}->{to}" for frm, to in pairs]


def test_it_covers_all_sixty_four_pairs():
    # The table itself: 12 allowed moves, so 52 refused ones, and nothing outside Stage.
    assert len(ALL_PAIRS) == 64
    assert len(ALLOWED) == 12
    assert len(ILLEGAL) == 52
    assert {s for pair in ALLOWED for s in pair} <= set(Stage.values)


@pytest.fixture
def member(village_a1):
    """A team member of youth_a's project who is not its lead."""
    return YouthProfileFactory(
        user__email="member@example.com", user__phone="13800000003", home_centre=village_a1
    ).user


@pytest.fixture
def make_project(youth_a, member, village_a1):
    def make(stage, *, facts=True):
        # With the business facts recorded (launching needs them) unless facts=False.
        business = {"is_registered": True, "uscc": make_uscc(77), "investment": 80_000}
        return VentureProjectFactory(
            name="茶园直播",
            lead=youth_a,
            centre=village_a1,
            stage=stage,
            members=[member],
            changed_days_ago=5,
            **(business if facts else {}),
        )

    return make


@pytest.fixture
def town_coordinator(town_a):
    return StaffProfileFactory(
        user__email="coordinator.a@example.com", centre=town_a, role=StaffProfile.Role.COORDINATOR
    ).user


@pytest.fixture
def village_coordinator(village_a1):
    """A coordinator, but of a village: not one who signs or closes."""
    return StaffProfileFactory(
        user__email="coordinator.a1@example.com",
        centre=village_a1,
        role=StaffProfile.Role.COORDINATOR,
    ).user


@pytest.fixture
def actors(
    youth_a,
    youth_b,
    member,
    town_staff,
    village_staff,
    district_staff,
    town_coordinator,
    village_coordinator,
):
    return {
        "lead": youth_a,
        "member": member,
        "stranger_youth": youth_b,
        "town_staff": town_staff,  # an officer of town A
        "village_staff": village_staff,  # an officer of village A1
        "district_staff": district_staff,  # the district's coordinator
        "town_coordinator": town_coordinator,
        "village_coordinator": village_coordinator,
    }


def _state(project):
    """Everything a refused move must leave alone."""
    fresh = VentureProject.objects.get(pk=project.pk)
    return {
        "project": (fresh.stage, fresh.stage_changed_at, fresh.signed_on, fresh.launched_on),
        "history": StageChange.objects.filter(project=project).count(),
        "outbox": Message.objects.count(),
        "audit": Entry.objects.filter(action="project.stage_changed").count(),
    }


def _only_message(excinfo) -> str:
    messages = excinfo.value.messages
    assert len(messages) == 1, messages
    return messages[0]


# --- moves outside the table -------------------------------------------------------------


@pytest.mark.parametrize("actor_name", ["lead", "town_staff", "district_staff", "member"])
@pytest.mark.parametrize(("frm", "to"), ILLEGAL, ids=_ids(ILLEGAL))
def test_it_refuses_a_move_outside_the_table_and_changes_nothing(
    make_project, actors, frm, to, actor_name
):
    project = make_project(frm)
    before = _state(project)

    with pytest.raises(ValidationError) as excinfo:
        project_transition(
            project=project,
            to_stage=to,
            actor=actors[actor_name],
            reason="请按此变更",
            expected_stage=frm,
        )

    assert _only_message(excinfo) == str(ILLEGAL_MOVE) % {"from": LABEL[frm], "to": LABEL[to]}
    assert _state(project) == before


def test_it_refuses_a_stage_that_does_not_exist(make_project, town_staff):
    project = make_project(Stage.APPLIED)
    before = _state(project)

    with pytest.raises(ValidationError) as excinfo:
        project_transition(project=project, to_stage="funded", actor=town_staff, reason="x")

    assert _only_message(excinfo) == str(ILLEGAL_MOVE) % {
        "from": LABEL[Stage.APPLIED],
        "to": "funded",
    }
    assert _state(project) == before


# --- moves in the table, by the right role ------------------------------------------------


RIGHT_ACTOR = {YOUTH: "lead", STAFF: "village_staff", COORDINATOR: "town_coordinator"}


def _right_actor(actors, pair):
    return actors[RIGHT_ACTOR[TRANSITIONS[pair]]]


def test_the_table_says_who_makes_each_move():
    assert {pair for pair, who in TRANSITIONS.items() if who == COORDINATOR} == {
        (Stage.UNDER_REVIEW, Stage.SIGNED),
        (Stage.SIGNED, Stage.CLOSED),
        (Stage.LAUNCHED, Stage.CLOSED),
        (Stage.OPERATING, Stage.CLOSED),
    }
    assert TRANSITIONS[(Stage.APPLIED, Stage.UNDER_REVIEW)] == STAFF
    assert TRANSITIONS[(Stage.SIGNED, Stage.LAUNCHED)] == STAFF


@pytest.mark.parametrize(("frm", "to"), ALLOWED, ids=_ids(ALLOWED))
def test_it_lets_the_right_role_make_each_allowed_move(make_project, actors, member, frm, to):
    project = make_project(frm)
    actor = _right_actor(actors, (frm, to))
    before = _state(project)
    old = VentureProject.objects.get(pk=project.pk)
    today = timezone.localdate()

    moved = project_transition(
        project=project, to_stage=to, actor=actor, reason="  评审意见：可以  ", expected_stage=frm
    )

    fresh = VentureProject.objects.get(pk=project.pk)
    assert moved.stage == fresh.stage == to
    assert fresh.stage_changed_at > old.stage_changed_at
    assert fresh.signed_on == (today if to == Stage.SIGNED else old.signed_on)
    assert fresh.launched_on == (today if to == Stage.LAUNCHED else old.launched_on)

    # Exactly one history row, with who and why (the reason trimmed).
    changes = list(StageChange.objects.filter(project=project).order_by("pk"))
    assert len(changes) == before["history"] + 1
    change = changes[-1]
    assert (change.from_stage, change.to_stage) == (frm, to)
    assert change.actor == actor
    assert change.reason == "评审意见：可以"

    # The audit log knows, without copying anything personal.
    entry = Entry.objects.filter(action="project.stage_changed").latest("pk")
    assert entry.actor == actor
    assert entry.target_id == str(project.pk)
    assert entry.data == {"from": frm, "to": to}

    # Lead and members are told, except whoever made the move: the lead by every channel,
    # members (put on the team by the lead) only in their inbox.
    expected = set()
    if project.lead.pk != actor.pk:
        expected |= {(project.lead.pk, c) for c in ("email", "sms", "inapp")}
    if member.pk != actor.pk:
        expected |= {(member.pk, "inapp")}
    new = Message.objects.all()
    assert new.count() == before["outbox"] + len(expected)
    assert set(new.values_list("kind", flat=True)) == {"projects.stage_changed"}
    assert set(new.values_list("recipient_id", "channel")) == expected
    assert all(m.url.endswith(reverse("projects:detail", args=[project.pk])) for m in new)


def test_it_tells_nobody_when_the_lead_without_team_submits(youth_a, village_a1):
    project = VentureProjectFactory(lead=youth_a, centre=village_a1, stage=Stage.IDEA)

    project_transition(project=project, to_stage=Stage.APPLIED, actor=youth_a)

    assert not Message.objects.exists()


def test_it_puts_the_reason_into_the_message(make_project, member, town_staff):
    project = make_project(Stage.APPLIED)

    project_transition(
        project=project, to_stage=Stage.REJECTED, actor=town_staff, reason="缺少选址和成本测算"
    )

    email = Message.objects.get(recipient=project.lead, channel="email")
    assert "缺少选址和成本测算" in email.body
    assert "茶园直播" in email.body
    inbox = Message.objects.get(recipient=member, channel="inapp")
    assert "缺少选址和成本测算" in inbox.body


# --- moves in the table, by the wrong role ------------------------------------------------


def _wrong_actors(pair):
    # A member who is not the lead never moves; a stranger youth cannot either;
    # staff cannot act for the youth; the youth cannot sign, launch, reject...; officers,
    # and coordinators of a village, cannot sign or close.
    wrong = {
        YOUTH: ["town_staff", "town_coordinator"],
        STAFF: ["lead"],
        COORDINATOR: ["lead", "village_staff", "town_staff", "village_coordinator"],
    }[TRANSITIONS[pair]]
    return ["member", "stranger_youth", *wrong]


WRONG = [(frm, to, who) for frm, to in ALLOWED for who in _wrong_actors((frm, to))]


@pytest.mark.parametrize(
    ("frm", "to", "actor_name"), WRONG, ids=[f"{f}->{t}-by-{w}" for f, t, w in WRONG]
)
def test_it_refuses_an_allowed_move_to_the_wrong_role(make_project, actors, frm, to, actor_name):
    project = make_project(frm)
    before = _state(project)

    with pytest.raises(ValidationError) as excinfo:
        project_transition(
            project=project,
            to_stage=to,
            actor=actors[actor_name],
            reason="理由",
            expected_stage=frm,
        )

    assert _only_message(excinfo) == str(NOT_YOUR_MOVE) % {"to": LABEL[to]}
    assert _state(project) == before


# --- reasons and stale pages --------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "   \n\t "], ids=["empty", "blank"])
@pytest.mark.parametrize(("frm", "to"), NEEDS_REASON, ids=_ids(NEEDS_REASON))
def test_it_refuses_to_reject_or_close_without_a_reason(make_project, actors, frm, to, reason):
    project = make_project(frm)
    before = _state(project)

    with pytest.raises(ValidationError) as excinfo:
        project_transition(
            project=project, to_stage=to, actor=_right_actor(actors, (frm, to)), reason=reason
        )

    assert excinfo.value.message_dict == {"reason": [str(REASON_REQUIRED)]}
    assert _state(project) == before


def test_it_refuses_a_move_made_from_a_stale_page(make_project, town_staff, district_staff):
    # Both saw "applied"; the town moved it on first; the district's rejection is stale
    # although under_review → rejected would itself be allowed.
    project = make_project(Stage.APPLIED)
    project_transition(
        project=project,
        to_stage=Stage.UNDER_REVIEW,
        actor=town_staff,
        expected_stage=Stage.APPLIED,
    )
    before = _state(project)

    with pytest.raises(ValidationError) as excinfo:
        project_transition(
            project=project,
            to_stage=Stage.REJECTED,
            actor=district_staff,
            reason="不符合条件",
            expected_stage=Stage.APPLIED,
        )

    assert _only_message(excinfo) == str(STALE_STAGE)
    assert _state(project) == before
    assert VentureProject.objects.get(pk=project.pk).stage == Stage.UNDER_REVIEW


def test_it_refuses_a_stale_expected_stage_even_for_a_move_the_table_allows(make_project, youth_a):
    project = make_project(Stage.IDEA)
    before = _state(project)

    with pytest.raises(ValidationError) as excinfo:
        project_transition(
            project=project,
            to_stage=Stage.APPLIED,
            actor=youth_a,
            expected_stage=Stage.REJECTED,
        )

    assert _only_message(excinfo) == str(STALE_STAGE)
    assert _state(project) == before


# --- through the page ---------------------------------------------------------------------


def _move(client, project, to, expected, reason=""):
    return client.post(
        reverse("projects:move", args=[project.pk]),
        {"to_stage": to, "expected_stage": expected, "reason": reason},
        follow=True,
    )


def _messages(response):
    return [str(m) for m in response.context["messages"]]


@pytest.mark.parametrize(
    ("who", "frm", "to"),
    [
        ("town_staff", Stage.IDEA, Stage.SIGNED),
        ("town_staff", Stage.APPLIED, Stage.LAUNCHED),
        ("lead", Stage.IDEA, Stage.SIGNED),
        ("lead", Stage.CLOSED, Stage.OPERATING),
        ("district_staff", Stage.REJECTED, Stage.APPLIED),
    ],
)
def test_it_shows_the_illegal_move_message_on_the_page_and_changes_nothing(
    client, make_project, actors, who, frm, to
):
    project = make_project(frm)
    before = _state(project)
    client.force_login(actors[who])

    response = _move(client, project, to, frm, reason="直接跳过")

    assert response.redirect_chain == [(reverse("projects:detail", args=[project.pk]), 302)]
    assert response.status_code == 200
    expected = f"项目不能从“{LABEL[frm]}”变更为“{LABEL[to]}”。"
    assert _messages(response) == [expected]
    assert expected in response.content.decode()
    assert _state(project) == before


@pytest.mark.parametrize(
    ("who", "frm", "to"),
    [
        ("town_staff", Stage.IDEA, Stage.APPLIED),  # staff submitting for the young person
        ("village_staff", Stage.UNDER_REVIEW, Stage.SIGNED),  # an officer signing
        ("village_coordinator", Stage.UNDER_REVIEW, Stage.SIGNED),
        ("town_staff", Stage.LAUNCHED, Stage.CLOSED),  # an officer closing
        ("lead", Stage.APPLIED, Stage.UNDER_REVIEW),
    ],
)
def test_it_refuses_with_403_a_move_of_the_table_this_role_may_not_make(
    client, make_project, actors, who, frm, to
):
    project = make_project(frm)
    before = _state(project)
    client.force_login(actors[who])

    response = client.post(
        reverse("projects:move", args=[project.pk]),
        {"to_stage": to, "expected_stage": frm, "reason": "理由", "confirmed": "1"},
    )

    assert response.status_code == 403
    assert _state(project) == before


# --- launching needs the business facts ---------------------------------------------------


def test_it_refuses_to_launch_before_the_business_facts_are_recorded(make_project, village_staff):
    project = make_project(Stage.SIGNED, facts=False)
    before = _state(project)

    with pytest.raises(ValidationError) as excinfo:
        project_transition(project=project, to_stage=Stage.LAUNCHED, actor=village_staff)

    assert _only_message(excinfo) == str(FACTS_BEFORE_LAUNCH)
    assert _state(project) == before


def test_the_page_asks_for_the_business_facts_instead_of_offering_the_launch(
    client, make_project, village_staff
):
    project = make_project(Stage.SIGNED, facts=False)
    client.force_login(village_staff)

    page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()

    assert 'name="to_stage" value="launched"' not in page
    assert "先填写经营信息" in page
    assert reverse("projects:facts", args=[project.pk]) in page

    VentureProject.objects.filter(pk=project.pk).update(uscc=make_uscc(5), investment=30_000)
    page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert 'name="to_stage" value="launched"' in page
    assert "先填写经营信息" not in page


# --- closing is confirmed on a page of its own --------------------------------------------


def test_closing_asks_for_confirmation_on_a_page_that_says_what_will_happen(
    client, make_project, town_coordinator, member
):
    project = make_project(Stage.LAUNCHED)
    before = _state(project)
    client.force_login(town_coordinator)
    detail = reverse("projects:detail", args=[project.pk])
    close = reverse("projects:close", args=[project.pk])

    # The project page links to the confirmation page instead of closing at once.
    page = client.get(detail).content.decode()
    assert f'href="{close}"' in page
    assert 'name="to_stage" value="closed"' not in page
    # A post from an old page without the confirmation only leads to the page.
    response = _move(client, project, Stage.CLOSED, Stage.LAUNCHED, reason="停业")
    assert response.redirect_chain == [(close, 302)]
    assert _state(project) == before

    confirm = client.get(close).content.decode()
    assert "关闭后无法撤销" in confirm
    assert "公开展示" in confirm

    response = client.post(
        reverse("projects:move", args=[project.pk]),
        {
            "to_stage": Stage.CLOSED,
            "expected_stage": Stage.LAUNCHED,
            "reason": "负责人外出务工，停止经营",
            "confirmed": "1",
        },
        follow=True,
    )
    assert response.redirect_chain == [(detail, 302)]
    project.refresh_from_db()
    assert project.stage == Stage.CLOSED
    assert project.history.latest("pk").reason == "负责人外出务工，停止经营"


def test_it_shows_the_stale_message_on_the_page(client, make_project, town_staff):
    project = make_project(Stage.UNDER_REVIEW)
    before = _state(project)
    client.force_login(town_staff)

    response = _move(client, project, Stage.SIGNED, Stage.APPLIED)

    assert _messages(response) == ["项目刚刚被他人修改，请刷新后再操作。"]
    assert _state(project) == before


def test_it_moves_the_project_through_the_page_for_the_right_role(
    client, make_project, youth_a, member
):
    project = make_project(Stage.IDEA)
    client.force_login(youth_a)

    response = _move(client, project, Stage.APPLIED, Stage.IDEA, reason="请审核")

    assert _messages(response) == [f"项目已变更为“{LABEL[Stage.APPLIED]}”。"]
    project.refresh_from_db()
    assert project.stage == Stage.APPLIED
    change = project.history.latest("pk")
    assert (change.actor, change.reason) == (youth_a, "请审核")
    assert set(Message.objects.values_list("recipient_id", flat=True)) == {member.pk}


def test_it_refuses_garbage_posted_to_the_move_page(client, make_project, town_staff):
    project = make_project(Stage.APPLIED)
    before = _state(project)
    client.force_login(town_staff)

    response = _move(client, project, "<script>", Stage.APPLIED)

    assert response.status_code == 200
    assert _messages(response) == ["无法进行此操作。"]
    assert _state(project) == before


def test_it_does_not_let_staff_of_another_town_move_a_project(
    client, make_project, other_town_staff
):
    project = make_project(Stage.APPLIED)
    before = _state(project)
    client.force_login(other_town_staff)

    response = client.post(
        reverse("projects:move", args=[project.pk]),
        {"to_stage": Stage.UNDER_REVIEW, "expected_stage": Stage.APPLIED, "reason": ""},
    )

    assert response.status_code == 404
    assert _state(project) == before
