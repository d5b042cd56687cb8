from django.utils.translation import gettext_lazy as _

from core.links import link
from core.queues import Queue, register

from .forms import EXPIRING, expiring
from .models import Invitation


def _url() -> str:
    return f"{link('accounts:invitation_list')}?state={EXPIRING}"


register(
    Queue(
        key="accounts.invitations_expiring",
        label=_("Invitations about to expire"),
        explanation=_(
            "Invitations sent from your area (to staff, mentors, partners) that nobody has "
            "accepted and whose link expires within 2 days: resend them with a new link, or "
            "withdraw them. Soonest first."
        ),
        records=lambda user: expiring(
            Invitation.objects.visible_to(user).only("name", "email", "expires_at")
        ),
        item_label=str,
        item_url=lambda invitation: _url(),
        url=_url,
        due=lambda invitation: invitation.expires_at,
        order=90,
    )
)
