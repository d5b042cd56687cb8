"""Case moves: the TRANSITIONS table is the whole truth, for every pair of statuses and every
role (the young person, staff in scope, the assigned mediator, and those who may not)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from audit.models import Entry
from guidance.models import MEDIATOR, STAFF, TRANSITIONS, YOUTH, Case, CaseChange, Status
from guidance.services import (
    ILLEGAL_MOVE,
    MEDIATOR_FIRST,
    NOT_YOUR_MOVE,
    NOTE_REQUIRED,
    STALE_STATUS,
    case_transition,
)
from notifications.models import Message

from .conftest import make_case

ALL_PAIRS = [(frm, to) for frm in Status.values for to in Status.values]
ALLOWED = [(str(frm), str(to)) for frm, to in TRANSITIONS]
ILLEGAL = [pair for pair in ALL_PAIRS if pair not in ALLOWED]
ROLES = (YOUTH, STAFF, MEDIATOR)


def _ids(pairs):
    return [f"{a}->{b}" for a, b in pairs]


def test_the_table_has_eight_moves_and_seventeen_refusals():
    assert len(ALL_PAIRS) == 25
    assert len(ALLOWED) == 8
    assert len(ILLEGAL) == 17


@pytest.fixture
def actors(youth_a, village_staff, mediator_a):
    return {YOUTH: youth_a, STAFF: village_staff, MEDIATOR: mediator_a}


def _data(to):
    return {
        "note": "Agreed at the office" if to == Status.CLOSED else "",
        "amount_recovered": Decimal("12000") if to == Status.RESOLVED else None,
    }


@pytest.mark.parametrize(("frm", "to"), ILLEGAL, ids=_ids(ILLEGAL))
def test_it_refuses_moves_outside_the_table_whoever_asks(frm, to, actors, youth_a, mediator_a):
    case = make_case(youth_a, status=frm, mediator=mediator_a)
    for actor in actors.values():
        with pytest.raises(ValidationError) as error:
            case_transition(case=case, to_status=to, actor=actor, **_data(to))
        assert error.value.messages[0] == ILLEGAL_MOVE % {
            "from": Status(frm).label,
            "to": Status(to).label,
        }
    case.refresh_from_db()
    assert case.status == frm
    assert CaseChange.objects.filter(case=case).count() == 1


CASES = [(frm, to, role) for (frm, to) in ALLOWED for role in ROLES]


@pytest.mark.parametrize(("frm", "to", "role"), CASES, ids=[f"{a}->{b}-{r}" for a, b, r in CASES])
def test_each_move_is_made_by_its_roles_only(frm, to, role, actors, youth_a, mediator_a):
    case = make_case(youth_a, status=frm, mediator=mediator_a)
    allowed = role in TRANSITIONS[(frm, to)]
    if not allowed:
        with pytest.raises(ValidationError) as error:
            case_transition(case=case, to_status=to, actor=actors[role], **_data(to))
        assert error.value.messages[0] == NOT_YOUR_MOVE % {"to": Status(to).label}
        case.refresh_from_db()
        assert case.status == frm
        return
    case_transition(case=case, to_status=to, actor=actors[role], expected_status=frm, **_data(to))
    case.refresh_from_db()
    assert case.status == to
    change = CaseChange.objects.filter(case=case).latest("pk")
    assert (change.from_status, change.to_status, change.actor) == (frm, to, actors[role])
    assert Entry.objects.filter(action="guidance.case_moved", target_id=str(case.pk)).exists()
    if to == Status.RESOLVED:
        assert case.amount_recovered == Decimal("12000")
        assert case.resolved_on is not None
    # The young person hears of every move someone else makes.
    told = Message.objects.filter(kind="guidance.case_progress", recipient=youth_a)
    assert told.exists() == (role != YOUTH)


def test_the_table_gives_every_role_a_move(actors):
    for role in ROLES:
        assert any(role in who for who in TRANSITIONS.values())


def test_staff_of_another_town_and_other_mediators_cannot_move(
    youth_a, mediator_a, other_mediator, other_town_staff, mediator_b, youth_b
):
    case = make_case(youth_a, mediator=mediator_a)
    for stranger in (other_town_staff, other_mediator, mediator_b, youth_b):
        with pytest.raises(ValidationError) as error:
            case_transition(case=case, to_status=Status.MEDIATION, actor=stranger)
        assert error.value.messages[0] == NOT_YOUR_MOVE % {"to": Status.MEDIATION.label}
    case.refresh_from_db()
    assert case.status == Status.OPEN


def test_mediation_needs_a_mediator(youth_a, town_staff):
    case = make_case(youth_a)
    with pytest.raises(ValidationError) as error:
        case_transition(case=case, to_status=Status.MEDIATION, actor=town_staff)
    assert error.value.messages == [str(MEDIATOR_FIRST)]
    assert Case.objects.get(pk=case.pk).status == Status.OPEN


def test_resolving_needs_the_amount_and_closing_a_note(youth_a, mediator_a, town_staff):
    case = make_case(youth_a, status=Status.MEDIATION, mediator=mediator_a)
    with pytest.raises(ValidationError):
        case_transition(case=case, to_status=Status.RESOLVED, actor=mediator_a)
    with pytest.raises(ValidationError) as error:
        case_transition(case=case, to_status=Status.CLOSED, actor=town_staff, note="  ")
    assert error.value.message_dict["note"] == [str(NOTE_REQUIRED)]
    assert Case.objects.get(pk=case.pk).status == Status.MEDIATION


def test_a_stale_page_changes_nothing(youth_a, mediator_a, town_staff):
    case = make_case(youth_a, status=Status.MEDIATION, mediator=mediator_a)
    with pytest.raises(ValidationError) as error:
        case_transition(
            case=case, to_status=Status.LEGAL_AID, actor=town_staff, expected_status="open"
        )
    assert error.value.messages == [str(STALE_STATUS)]
    assert Case.objects.get(pk=case.pk).status == Status.MEDIATION
