"""Permission-matrix rows of loans (gathered by tests/test_permission_matrix.py)."""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from loans.models import LoanProduct, Referral, ReferralDocument, Status

from ..factories import pdf_bytes
from ..matrix import row


def objects(cast, *, partner_bank, **_):
    product = LoanProduct.objects.create(
        bank=partner_bank,
        name="Youth start-up loan",
        base_rate=Decimal("4.35"),
        max_amount=Decimal("200000"),
        min_term_months=6,
        max_term_months=36,
        valid_from=timezone.localdate() - datetime.timedelta(days=30),
    )
    youth = cast["youth_a"]
    referral = Referral.objects.create(
        applicant=youth,
        centre=youth.youth_profile.home_centre,
        bank=partner_bank,
        product=product,
        amount=Decimal("50000"),
        term_months=24,
        purpose="Equipment",
        consent_to_share=True,
        consent_at=timezone.now(),
        status=Status.REFERRED,
        referred_on=timezone.localdate(),
        decision_due_on=timezone.localdate(),
    )
    document = ReferralDocument(referral=referral, content_type="application/pdf")
    document.file.save("d.pdf", ContentFile(pdf_bytes()))
    return {"referral": referral, "referral_document": document}


def _pk(o):
    return [o["referral"].pk]


# url name → (function building reverse() args from the objects, statuses[, method])
# The referral is youth_a's (village A1), sent to the bank of bank_officer: the applicant,
# staff of A1, town A and the district and that bank's officer see it; youth_b, town B, the
# mentor and the enterprises do not learn it exists (404).
ROWS = {
    "loans:mine": (None, row(302, 200, 200, 404, 404, 404, 404, 404, 404, 404, 404)),
    "loans:apply": (None, row(302, 200, 200, 404, 404, 404, 404, 404, 404, 404, 404)),
    "loans:detail": (_pk, row(302, 200, 404, 200, 200, 404, 200, 404, 200, 404, 404)),
    # An empty post is refused by the form: back to the page, for those who see it.
    "loans:move": (_pk, row(302, 302, 404, 302, 302, 404, 302, 404, 302, 404, 404), "post"),
    # Consent is the applicant's own: others who see the referral get 403.
    "loans:consent": (_pk, row(302, 302, 404, 403, 403, 404, 403, 404, 403, 404, 404), "post"),
    # The decision and the disbursement are the bank officer's (an empty post: back to the
    # page with a message); the applicant and staff may not.
    "loans:decide": (_pk, row(302, 403, 404, 403, 403, 404, 403, 404, 302, 404, 404), "post"),
    "loans:disburse": (_pk, row(302, 403, 404, 403, 403, 404, 403, 404, 302, 404, 404), "post"),
    # Repayment is recorded once disbursed; this referral is not yet.
    "loans:repayment": (
        _pk,
        row(302, 403, 404, 403, 403, 404, 403, 404, 403, 404, 404),
        "post",
    ),
    "loans:document": (
        lambda o: [o["referral"].pk, o["referral_document"].pk],
        row(302, 200, 404, 200, 200, 404, 200, 404, 200, 404, 404),
    ),
    "loans:bank": (None, row(302, 404, 404, 404, 404, 404, 404, 404, 200, 404, 404)),
    "loans:pipeline": (None, row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404)),
    "loans:rules": (None, row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404)),
    "loans:products": (None, row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404)),
    "loans:leaders": (None, row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404)),
}
