"""The loans work queues: applications to review, bank decisions overdue."""

import datetime

from django.urls import reverse
from django.utils import timezone

from loans.models import Referral, Status
from loans.services import referral_transition

from ..factories import YouthProfileFactory
from ..queues import held
from .conftest import make_referral


def _yesterday():
    return timezone.localdate() - datetime.timedelta(days=1)


def test_applications_to_review_are_the_submitted_ones_of_the_area_oldest_first(
    partner_bank,
    product,
    youth_a,
    youth_b,
    village_a1,
    town_staff,
    village_staff,
    other_town_staff,
):
    first = make_referral(youth_a, partner_bank, product)
    other = YouthProfileFactory(home_centre=village_a1).user
    second = make_referral(other, partner_bank, product)
    Referral.objects.filter(pk=second.pk).update(
        status_changed_at=timezone.now() + datetime.timedelta(seconds=5)
    )
    make_referral(youth_a, partner_bank, product, Status.INFO_REQUESTED)
    elsewhere = make_referral(youth_b, partner_bank, product)

    assert held("loans.to_review", town_staff) == [first.pk, second.pk]
    assert held("loans.to_review", village_staff) == [first.pk, second.pk]
    assert held("loans.to_review", other_town_staff) == [elsewhere.pk]


def test_a_referral_leaves_review_when_sent_to_the_bank_and_is_overdue_after_its_date(
    partner_bank, product, youth_a, town_staff, bank_officer
):
    referral = make_referral(youth_a, partner_bank, product)
    referral_transition(referral=referral, to_status=Status.REFERRED, actor=town_staff)
    assert held("loans.to_review", town_staff) == []
    assert held("loans.overdue", town_staff) == []

    Referral.objects.filter(pk=referral.pk).update(decision_due_on=_yesterday())
    assert held("loans.overdue", town_staff) == [referral.pk]

    referral_transition(
        referral=referral, to_status=Status.BANK_DECLINED, actor=bank_officer, reason="风险过高"
    )
    assert held("loans.overdue", town_staff) == []


def test_the_overdue_queue_links_to_the_pipeline_filtered_the_same(
    client, partner_bank, product, youth_a, youth_b, town_staff, other_town_staff
):
    late = make_referral(youth_a, partner_bank, product, Status.REFERRED)
    Referral.objects.filter(pk=late.pk).update(decision_due_on=_yesterday())
    on_time = make_referral(youth_a, partner_bank, product, Status.REFERRED)
    make_referral(youth_b, partner_bank, product, Status.REFERRED, decision_due_on=_yesterday())

    client.force_login(town_staff)
    shown = client.get(reverse("loans:pipeline"), {"status": "referred", "overdue": "1"})
    assert [r.pk for r in shown.context["page"]] == [late.pk]
    assert held("loans.overdue", town_staff) == [late.pk]
    assert on_time.pk not in held("loans.overdue", other_town_staff)
    assert held("loans.overdue", other_town_staff) != []
