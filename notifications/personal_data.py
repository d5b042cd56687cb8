"""The person's messages and reminder settings: in their download, deleted on erasure."""

import datetime

from core.personal_data import Part, register

from .models import Message, OptOut


def _plain(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


def export(user) -> dict:
    return {
        "messages": [
            {k: _plain(v) for k, v in m.items()}
            for m in Message.objects.filter(recipient=user).values(
                "kind", "channel", "subject", "body", "status", "created_at", "sent_at"
            )
        ],
        "reminders_switched_off": list(
            OptOut.objects.filter(user=user).values_list("kind", flat=True)
        ),
    }


def erase(user) -> list:
    Message.objects.filter(recipient=user).delete()
    OptOut.objects.filter(user=user).delete()
    return []


register(Part(key="messages", export=export, erase=erase))
