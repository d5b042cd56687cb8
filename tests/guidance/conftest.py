"""The guidance desk's own cast: mediation offices and their mediators (the shared matrix
has no mediator column; their access is tested here)."""

import datetime
from decimal import Decimal

import pytest

from guidance.models import Case, CaseChange, Mediator, Office, Status

from ..factories import UserFactory, with_two_factor


@pytest.fixture
def office_a(town_a):
    return Office.objects.create(name="Town A Mediation Office", kind="mediation", centre=town_a)


@pytest.fixture
def legal_centre(district):
    return Office.objects.create(
        name="District Legal Service Centre", kind="legal_service", centre=district
    )


@pytest.fixture
def office_b(town_b):
    return Office.objects.create(name="Town B Mediation Office", kind="mediation", centre=town_b)


def _mediator(email, office):
    user = UserFactory(email=email, name=email.split("@")[0])
    Mediator.objects.create(user=user, office=office)
    with_two_factor(user)
    return user


@pytest.fixture
def mediator_a(office_a):
    """A mediator of town A's office: the one the case below gets assigned to."""
    return _mediator("mediator.a@example.com", office_a)


@pytest.fixture
def other_mediator(office_a):
    """Another mediator of the same office, to whom the case is not assigned."""
    return _mediator("mediator.other@example.com", office_a)


@pytest.fixture
def mediator_b(office_b):
    return _mediator("mediator.b@example.com", office_b)


def make_case(youth, *, status=Status.OPEN, mediator=None, **fields) -> Case:
    profile = youth.youth_profile
    case = Case.objects.create(
        youth=youth,
        centre=profile.home_centre,
        kind=fields.pop("kind", "wages"),
        other_party=fields.pop("other_party", "Green Hill Construction"),
        description=fields.pop("description", "Three months of wages unpaid."),
        amount_claimed=fields.pop("amount_claimed", Decimal("18000")),
        status=status,
        mediator=mediator,
        amount_recovered=Decimal("0") if status == Status.RESOLVED else None,
        resolved_on=datetime.date(2026, 1, 1) if status == Status.RESOLVED else None,
        **fields,
    )
    CaseChange.objects.create(case=case, to_status=Status.OPEN, actor=youth)
    return case


@pytest.fixture
def case_a(youth_a, mediator_a):
    """youth_a's wage case at village A1, assigned to mediator_a."""
    return make_case(youth_a, mediator=mediator_a)
