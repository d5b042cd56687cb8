from django.utils.translation import gettext_lazy as _

from audit.actions import register

register("loans.referral_created", _("Loan referral applied for"))
register("loans.consent_given", _("Consent to share with the bank given"))
register("loans.status_changed", _("Loan referral status changed"))
register("loans.repayment_recorded", _("Loan repayment status recorded"))
register("loans.document_downloaded", _("Loan document downloaded"))
register("loans.rule_changed", _("Loan eligibility rule changed"))
register("loans.product_created", _("Bank loan product saved"))
register("loans.designation_granted", _("Wealth-leader designation recorded"))
