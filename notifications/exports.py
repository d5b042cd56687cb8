from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.exports import DATETIME, Column, Export, filtered, register, text
from core.masking import mask_contacts, mask_phone
from core.templatetags.lists import display

from .forms import MessageFilter
from .models import Message


def _rows(user, params):
    base = Message.objects.visible_to(user).select_related("recipient")
    return filtered(MessageFilter, base, params)


def _address(message):
    # Numbers masked as the page masks them (full numbers only on a youth's page, logged).
    return text(mask_phone(message.address) if message.channel == "sms" else message.address)


def _local(moment):
    return timezone.localtime(moment) if moment else None


register(
    Export(
        key="notifications.messages",
        label=_("Messages sent"),
        url_name="notifications:message_list",
        rows=_rows,
        columns=(
            Column(_("Recipient"), lambda m: text(m.recipient) or str(_("Invitee"))),
            Column(_("Address"), _address),
            Column(_("Kind"), lambda m: text(m.kind_label)),
            Column(_("Channel"), lambda m: text(display(m, "channel"))),
            Column(_("Status"), lambda m: text(display(m, "status"))),
            Column(_("Attempts"), lambda m: m.attempts),
            Column(_("Error"), lambda m: text(mask_contacts(m.last_error))),
            Column(_("Created"), lambda m: _local(m.created_at), DATETIME),
            Column(_("Sent"), lambda m: _local(m.sent_at), DATETIME),
        ),
    )
)
