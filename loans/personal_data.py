"""Loan referrals in the person's download. On erasure their words, documents and
designations go; the referrals stay without the person (the bank's decision records:
amounts, rates, dates, status), so the bank's and the programme's figures do not change."""

import datetime

from core.personal_data import Part, register

from .models import Referral, ReferralChange, ReferralDocument, WealthLeader


def _plain(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


def export(user) -> list[dict]:
    referrals = Referral.objects.filter(applicant=user).select_related("bank")
    data = [
        {
            "bank": str(r.bank),
            "amount": str(r.amount),
            "term_months": r.term_months,
            "purpose": r.purpose,
            "status": r.status,
            "consent_to_share": r.consent_to_share,
            "consent_at": _plain(r.consent_at),
            "approved_amount": str(r.approved_amount) if r.approved_amount else None,
            "approved_rate": str(r.approved_rate) if r.approved_rate else None,
            "disbursed_on": _plain(r.disbursed_on),
            "repayment": r.repayment,
            "history": [
                {"to": c.to_status, "at": _plain(c.created_at), "reason": c.reason}
                for c in r.history.all()
            ],
        }
        for r in referrals.prefetch_related("history")
    ]
    designations = [
        {"granted_on": _plain(d.granted_on), "expires_on": _plain(d.expires_on),
         "evidence": d.evidence}
        for d in WealthLeader.objects.filter(person=user)
    ]  # fmt: skip
    return [{"referrals": data, "wealth_leader": designations}]


def erase(user) -> list:
    files = []
    documents = ReferralDocument.objects.filter(referral__applicant=user)
    for document in documents:
        files.append((document.file.storage, document.file.name))
    documents.delete()
    referrals = Referral.objects.filter(applicant=user)
    ReferralChange.objects.filter(referral__in=referrals, actor=user).update(reason="", actor=None)
    referrals.update(applicant=None, purpose="", project=None)
    WealthLeader.objects.filter(person=user).delete()
    return files


register(Part(key="loans", export=export, erase=erase))
