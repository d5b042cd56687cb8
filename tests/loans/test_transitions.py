"""Every status × every other status × every role: the move happens exactly when the
TRANSITIONS table gives it to that role, and otherwise nothing changes."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import Entry
from loans.models import BANK, STAFF, TRANSITIONS, YOUTH, Referral, ReferralChange, Status
from loans.services import referral_approve, referral_disburse, referral_transition

from .conftest import make_referral

# who → the role the table names for them (None: no role on this referral)
ACTORS = {
    "youth_a": YOUTH,  # the applicant
    "youth_b": None,
    "village_staff": STAFF,
    "town_staff": STAFF,
    "district_staff": STAFF,
    "other_town_staff": None,
    "mentor": None,
    "bank_officer": BANK,
    "other_officer": None,
    "enterprise_contact": None,
}
PAIRS = [(a, b) for a in Status.values for b in Status.values if a != b]


def _move(referral, to_status, actor):
    if to_status == Status.APPROVED:
        return referral_approve(
            referral=referral,
            actor=actor,
            amount=Decimal("50000"),
            rate=Decimal("4.35"),
            term_months=24,
        )
    if to_status == Status.DISBURSED:
        return referral_disburse(referral=referral, actor=actor, disbursed_on=timezone.localdate())
    return referral_transition(
        referral=referral, to_status=to_status, actor=actor, reason="A reason"
    )


@pytest.mark.parametrize("who", list(ACTORS))
def test_every_transition_for_every_role(request, cast, partner_bank, product, who):
    actor = cast.get(who) or request.getfixturevalue(who)
    role = ACTORS[who]
    wrong = []
    for from_status, to_status in PAIRS:
        referral = make_referral(cast["youth_a"], partner_bank, product, from_status)
        legal = TRANSITIONS.get((from_status, to_status)) == role and role is not None
        try:
            _move(referral, to_status, actor)
            moved = True
        except (ValidationError, PermissionDenied):
            moved = False
        referral.refresh_from_db()
        history = ReferralChange.objects.filter(referral=referral).count()
        if moved != legal or (referral.status == to_status) != legal or history != int(legal):
            wrong.append((from_status, to_status, moved, legal))
    assert not wrong, f"{who}: {wrong}"


def test_the_legal_moves_are_recorded_with_who_when_why(cast, partner_bank, product):
    referral = make_referral(cast["youth_a"], partner_bank, product)
    referral_transition(
        referral=referral,
        to_status=Status.INFO_REQUESTED,
        actor=cast["town_staff"],
        reason="Please add six months of sales",
    )
    change = ReferralChange.objects.get(referral=referral)
    assert change.actor == cast["town_staff"]
    assert change.reason == "Please add six months of sales"
    assert change.from_status == Status.SUBMITTED
    assert change.created_at is not None
    assert Entry.objects.filter(action="loans.status_changed").exists()


def test_declining_needs_a_reason(cast, partner_bank, product):
    referral = make_referral(cast["youth_a"], partner_bank, product)
    with pytest.raises(ValidationError):
        referral_transition(
            referral=referral, to_status=Status.DECLINED, actor=cast["town_staff"], reason=" "
        )
    referral.refresh_from_db()
    assert referral.status == Status.SUBMITTED


def test_a_stale_move_is_refused(cast, partner_bank, product):
    referral = make_referral(cast["youth_a"], partner_bank, product, Status.INFO_REQUESTED)
    with pytest.raises(ValidationError):
        referral_transition(
            referral=referral,
            to_status=Status.REFERRED,
            actor=cast["town_staff"],
            expected_status=Status.SUBMITTED,
        )


def test_without_consent_the_referral_cannot_be_sent(cast, partner_bank, product, client):
    referral = make_referral(cast["youth_a"], partner_bank, product, consent=False)
    with pytest.raises(ValidationError) as error:
        referral_transition(referral=referral, to_status=Status.REFERRED, actor=cast["town_staff"])
    assert "cannot be sent" in str(error.value) or "不能发送" in str(error.value)
    referral.refresh_from_db()
    assert referral.status == Status.SUBMITTED and referral.referred_on is None
    # Through the page too: refused with a message, and the bank still does not see it.
    client.force_login(cast["town_staff"])
    response = client.post(
        reverse("loans:move", args=[referral.pk]),
        {"to_status": Status.REFERRED, "expected_status": Status.SUBMITTED},
        follow=True,
    )
    assert response.status_code == 200
    referral.refresh_from_db()
    assert referral.status == Status.SUBMITTED
    assert not Referral.objects.visible_to(cast["bank_officer"]).exists()
    # The database refuses it as well, whatever the code path.
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Referral.objects.filter(pk=referral.pk).update(status=Status.REFERRED)
    # Once the young person consents, staff can send it, and the decision is due in 5
    # working days.
    referral_consent_and_send(cast, referral)


def referral_consent_and_send(cast, referral):
    from loans.calendar import decision_due
    from loans.services import referral_consent

    referral_consent(referral=referral, actor=cast["youth_a"])
    referral_transition(referral=referral, to_status=Status.REFERRED, actor=cast["town_staff"])
    referral.refresh_from_db()
    assert referral.status == Status.REFERRED
    assert referral.decision_due_on == decision_due(timezone.localdate())
    assert referral.decision_due_on > timezone.localdate() + datetime.timedelta(days=4)


def test_only_the_applicant_gives_consent(cast, partner_bank, product):
    from loans.services import referral_consent

    referral = make_referral(cast["youth_a"], partner_bank, product, consent=False)
    for who in ("town_staff", "youth_b", "bank_officer"):
        with pytest.raises(PermissionDenied):
            referral_consent(referral=referral, actor=cast[who])
    referral.refresh_from_db()
    assert not referral.consent_to_share
