"""The pages: bank officers only see their own bank's referrals, applying with documents,
money written per language, the pipeline's figures and its fixed number of queries,
reminders, erasure."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from accounts.privacy import personal_data_export
from loans import personal_data, reminders
from loans.models import EligibilityRule, Referral, ReferralDocument, Status
from loans.selectors import pipeline_figures
from loans.templatetags.loan_tags import yuan
from notifications.models import Message

from ..factories import YouthProfileFactory, pdf_bytes
from .conftest import designate, make_referral


@pytest.fixture
def sent(youth_a, partner_bank, product):
    return make_referral(youth_a, partner_bank, product, Status.REFERRED)


@pytest.mark.parametrize(
    ("url", "method"),
    [("loans:detail", "get"), ("loans:decide", "post"), ("loans:disburse", "post"),
     ("loans:move", "post"), ("loans:repayment", "post")],
)  # fmt: skip
def test_an_officer_of_another_bank_gets_404(client, sent, other_officer, url, method):
    client.force_login(other_officer)
    response = getattr(client, method)(reverse(url, args=[sent.pk]))
    assert response.status_code == 404
    sent.refresh_from_db()
    assert sent.status == Status.REFERRED


def test_another_banks_officer_sees_none_in_the_list(client, sent, other_officer, bank_officer):
    client.force_login(other_officer)
    assert list(client.get(reverse("loans:bank")).context["page"]) == []
    client.force_login(bank_officer)
    assert [r.pk for r in client.get(reverse("loans:bank")).context["page"]] == [sent.pk]


def test_a_document_of_another_banks_referral_is_404(client, sent, other_officer):
    document = ReferralDocument(referral=sent, content_type="application/pdf")
    from django.core.files.base import ContentFile

    document.file.save("d.pdf", ContentFile(pdf_bytes()))
    client.force_login(other_officer)
    assert client.get(reverse("loans:document", args=[sent.pk, document.pk])).status_code == 404


def test_the_bank_does_not_see_an_unsent_referral(client, youth_a, partner_bank, product,
                                                  bank_officer):  # fmt: skip
    referral = make_referral(youth_a, partner_bank, product)
    client.force_login(bank_officer)
    assert client.get(reverse("loans:detail", args=[referral.pk])).status_code == 404


def _apply_data(bank, **extra):
    data = {
        "bank": str(bank.pk),
        "amount": "30000",
        "term_months": "24",
        "purpose": "购买直播设备",
        "consent_to_share": "on",
    }
    data.update(extra)
    return data


def test_a_young_person_applies_with_documents(client, youth_a, partner_bank, product):
    client.force_login(youth_a)
    plan = SimpleUploadedFile("plan.pdf", pdf_bytes(pages=2), content_type="application/pdf")
    response = client.post(reverse("loans:apply"), _apply_data(partner_bank, documents=[plan]))
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert referral.consent_to_share and referral.consent_at
    assert referral.documents.get().content_type == "application/pdf"
    assert referral.history.get().to_status == Status.SUBMITTED
    assert Message.objects.filter(kind="loans.received", recipient=youth_a).exists()


@pytest.mark.parametrize(
    "content",
    [b"%PDF-1.4 not really", b"GIF89a......", b"MZ\x90\x00 an exe", b"plain text"],
    ids=["broken-pdf", "gif", "exe", "text"],
)
def test_documents_are_checked_as_the_projects_app_checks_them(
    client, youth_a, partner_bank, product, content
):
    client.force_login(youth_a)
    upload = SimpleUploadedFile("doc.pdf", content, content_type="application/pdf")
    response = client.post(reverse("loans:apply"), _apply_data(partner_bank, documents=[upload]))
    assert response.status_code == 200
    assert response.context["form"].errors["documents"]
    assert not Referral.objects.exists()


def test_an_amount_outside_the_products_limits_is_refused(client, youth_a, partner_bank,
                                                          product):  # fmt: skip
    client.force_login(youth_a)
    response = client.post(reverse("loans:apply"), _apply_data(partner_bank, amount="500000"))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Referral.objects.exists()


def test_amounts_are_positive_in_the_database(youth_a, partner_bank, product):
    from django.db import IntegrityError, transaction

    for field, value in [("amount", Decimal("-1")), ("term_months", 0)]:
        with pytest.raises(IntegrityError), transaction.atomic():
            make_referral(youth_a, partner_bank, product, **{field: value})


def test_money_is_written_for_the_language():
    with translation.override("zh-hans"):
        assert yuan(Decimal("12500")) == "12,500.00元"
    with translation.override("en"):
        assert yuan(Decimal("12500.5")) == "¥12,500.50"
    assert yuan(None) == "—"


def test_the_young_person_sees_the_discounted_rate_beside_the_base(
    client, youth_a, partner_bank, product, district_staff
):
    today = timezone.localdate()
    designate(youth_a, district_staff, granted_on=today, expires_on=today + datetime.timedelta(1))
    referral = make_referral(youth_a, partner_bank, product)
    client.force_login(youth_a)
    with translation.override("en"):
        page = client.get(reverse("loans:detail", args=[referral.pk]), HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert "4.35%" in text and "3.92%" in text


def test_staff_see_the_eligibility_rules_with_their_reasons(client, youth_a, partner_bank,
                                                            product, town_staff):  # fmt: skip
    referral = make_referral(youth_a, partner_bank, product, amount=Decimal("300000"))
    client.force_login(town_staff)
    response = client.get(reverse("loans:detail", args=[referral.pk]))
    checks = {c.rule.code: c.passed for c in response.context["checks"]}
    assert checks[EligibilityRule.Code.WITHIN_LIMITS] is False
    assert checks[EligibilityRule.Code.MIN_AGE] is True
    assert EligibilityRule.objects.get(code="min_age").reason in response.content.decode()


def test_only_coordinators_adjust_the_rules(client, town_staff, district_staff, youth_a,
                                            partner_bank, product):  # fmt: skip
    client.force_login(district_staff)
    client.get(reverse("loans:rules"))
    rule = EligibilityRule.objects.get(code="max_age")
    data = {"rule": rule.pk, "value": "35", "active": "on", "reason": "Province policy 2026"}
    client.force_login(town_staff)
    assert client.post(reverse("loans:rules"), data).status_code == 403
    client.force_login(district_staff)
    assert client.post(reverse("loans:rules"), data).status_code == 302
    rule.refresh_from_db()
    assert (rule.value, rule.reason, rule.changed_by) == (35, "Province policy 2026",
                                                          district_staff)  # fmt: skip
    # A 36-year-old no longer passes.
    youth_a.youth_profile.date_of_birth = timezone.localdate().replace(
        year=timezone.localdate().year - 36
    ) - datetime.timedelta(days=3)
    youth_a.youth_profile.save()
    referral = make_referral(youth_a, partner_bank, product)
    response = client.get(reverse("loans:detail", args=[referral.pk]))
    assert {c.rule.code: c.passed for c in response.context["checks"]}["max_age"] is False


def test_pipeline_figures(youth_a, partner_bank, product, district_staff, bank_officer):
    from loans.services import referral_approve, referral_disburse

    today = timezone.localdate()
    designate(youth_a, district_staff, granted_on=today, expires_on=today + datetime.timedelta(9))
    make_referral(youth_a, partner_bank, product, Status.BANK_DECLINED, decided_at=timezone.now())
    approved = make_referral(youth_a, partner_bank, product, Status.REFERRED)
    referral_approve(referral=approved, actor=bank_officer, amount=Decimal("40000"),
                     rate=Decimal("3.92"), term_months=24)  # fmt: skip
    referral_disburse(referral=approved, actor=bank_officer, disbursed_on=today)
    make_referral(youth_a, partner_bank, product, Status.REFERRED,
                  decision_due_on=today - datetime.timedelta(days=1))  # fmt: skip
    figures = pipeline_figures(Referral.objects.visible_to(district_staff), district_staff)
    assert figures["referred"] == 3
    assert figures["approved"] == 1 and figures["approval_rate"] == 50
    assert figures["disbursed"] == 1 and figures["disbursed_yuan"] == Decimal("40000")
    assert figures["discount_yuan"] == Decimal("344.00")  # 40,000 × 0.43% × 2 years
    assert figures["overdue"] == 1
    assert figures["wealth_leaders"] == 1


@pytest.mark.parametrize("count", [1, 50])
def test_the_lists_read_a_fixed_number_of_queries(
    client, youth_a, partner_bank, product, district_staff, bank_officer, count,
    django_assert_max_num_queries,
):  # fmt: skip
    people = [YouthProfileFactory(home_centre=youth_a.youth_profile.home_centre).user
              for _ in range(min(count, 5))]  # fmt: skip
    for i in range(count):
        make_referral(people[i % len(people)], partner_bank, product, Status.REFERRED)
    for who, url in [(district_staff, "loans:pipeline"), (bank_officer, "loans:bank")]:
        client.force_login(who)
        client.get(reverse(url))  # warm the per-process caches
        with django_assert_max_num_queries(8):
            response = client.get(reverse(url))
        assert response.status_code == 200
        assert len(response.context["page"]) == min(count, 25)


def test_reminders(youth_a, partner_bank, product, bank_officer, town_staff, district_staff):
    today = timezone.localdate()
    late = make_referral(youth_a, partner_bank, product, Status.REFERRED,
                         decision_due_on=today - datetime.timedelta(days=1))  # fmt: skip
    make_referral(youth_a, partner_bank, product, Status.REFERRED, decision_due_on=today)
    due = list(reminders.DECISION_OVERDUE.collect(timezone.now()))
    assert {d.recipient for d in due} >= {bank_officer}
    assert all(d.context["referral"] == late for d in due)
    assert any(d.recipient != bank_officer for d in due)  # and staff
    designate(youth_a, district_staff, granted_on=today - datetime.timedelta(300),
              expires_on=today + datetime.timedelta(20))  # fmt: skip
    designate(youth_a, district_staff, granted_on=today - datetime.timedelta(300),
              expires_on=today + datetime.timedelta(60))  # fmt: skip
    expiring = list(reminders.DESIGNATION_EXPIRING.collect(timezone.now()))
    assert expiring and all(
        d.context["designation"].expires_on == today + datetime.timedelta(20) for d in expiring
    )


def test_erasure_keeps_the_banks_decision_de_identified(youth_a, partner_bank, product,
                                                        district_staff):  # fmt: skip
    decided = make_referral(youth_a, partner_bank, product, Status.DISBURSED)
    designate(youth_a, district_staff, granted_on=timezone.localdate(),
              expires_on=timezone.localdate() + datetime.timedelta(9))  # fmt: skip
    exported = personal_data_export(user=youth_a)
    assert "Tea processing equipment" in str(exported)
    personal_data.erase(youth_a)
    decided.refresh_from_db()
    assert decided.applicant is None and decided.purpose == ""
    assert decided.status == Status.DISBURSED
    assert decided.approved_amount == Decimal("50000")
    assert decided.approved_rate == Decimal("4.35")
    assert not youth_a.wealth_leader_designations.exists()
