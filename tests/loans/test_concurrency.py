"""A referral moves once, whoever presses at the same instant: the row is locked
(select_for_update) before the status is read, so of two officers approving, or a staff
member referring while another declines, one wins and the other is told the referral has
changed. PostgreSQL only: real threads, each on its own connection."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

from loans.models import Referral, ReferralChange, Status
from loans.services import referral_approve, referral_transition

from ..factories import PartnerMemberFactory
from .conftest import make_referral

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(*calls):
    barrier = threading.Barrier(len(calls), timeout=20)
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = ("ok", call())
        except BaseException as error:  # noqa: BLE001 - reported to the test
            outcomes[index] = ("raised", error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    return outcomes


def test_two_officers_approve_at_once_one_decision(youth_a, partner_bank, product, bank_officer):
    second = PartnerMemberFactory(
        user__email="second@bank.example.com", bank=partner_bank, role="officer"
    ).user
    referral = make_referral(youth_a, partner_bank, product, Status.REFERRED)

    def approve(officer, amount):
        return lambda: referral_approve(
            referral=referral,
            actor=officer,
            amount=Decimal(amount),
            rate=Decimal("4.35"),
            term_months=24,
            expected_status=Status.REFERRED,
        )

    outcomes = race(approve(bank_officer, "40000"), approve(second, "45000"))
    kinds = sorted(kind for kind, _ in outcomes)
    assert kinds == ["ok", "raised"], outcomes
    error = next(value for kind, value in outcomes if kind == "raised")
    assert isinstance(error, ValidationError)
    assert ReferralChange.objects.filter(referral=referral).count() == 1
    referral.refresh_from_db()
    assert referral.status == Status.APPROVED


def test_refer_and_decline_at_once_one_move(youth_a, partner_bank, product, town_staff,
                                            district_staff):  # fmt: skip
    referral = make_referral(youth_a, partner_bank, product)
    outcomes = race(
        lambda: referral_transition(referral=referral, to_status=Status.REFERRED,
                                    actor=town_staff, expected_status=Status.SUBMITTED),
        lambda: referral_transition(referral=referral, to_status=Status.DECLINED,
                                    actor=district_staff, reason="No",
                                    expected_status=Status.SUBMITTED),
    )  # fmt: skip
    assert sorted(kind for kind, _ in outcomes) == ["ok", "raised"], outcomes
    assert ReferralChange.objects.filter(referral=referral).count() == 1
    assert Referral.objects.get(pk=referral.pk).status in (Status.REFERRED, Status.DECLINED)
