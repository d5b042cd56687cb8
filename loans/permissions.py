"""What a person may do with a referral they can see (``visible_to`` decides seeing)."""

from core.scoping import in_scope, is_coordinator, is_staff_member

from .models import BANK, STAFF, YOUTH, Referral, bank_of


def role_in(user, referral: Referral) -> str | None:
    """STAFF for programme staff in scope, YOUTH for the applicant, BANK for an officer of
    the bank the referral was sent to (once sent), None for everyone else."""
    if not user.is_authenticated:
        return None
    if in_scope(user, referral.centre):
        return STAFF
    if referral.applicant_id is not None and referral.applicant_id == user.pk:
        return YOUTH
    bank = bank_of(user)
    if bank is not None and bank.pk == referral.bank_id and referral.consent_to_share:
        return BANK
    return None


def can_move(user, referral: Referral, to_status: str) -> bool:
    return to_status in referral.moves_for(role_in(user, referral))


def can_record_repayment(user, referral: Referral) -> bool:
    from .models import Status

    return role_in(user, referral) == BANK and referral.status == Status.DISBURSED


def can_manage_rules(user) -> bool:
    """Eligibility rules and bank products bind the whole programme: coordinators only."""
    return is_staff_member(user) and is_coordinator(user)


def can_see_documents(user, referral: Referral) -> bool:
    return role_in(user, referral) in (STAFF, YOUTH, BANK)
