"""What the person did (their sign-ins and changes): in their download; on erasure, the
entries by them and about them are deleted (the erasure itself is recorded afterwards)."""

import datetime

from core.personal_data import Part, register

from .models import Entry


def _plain(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


def export(user) -> list:
    return [
        {k: _plain(v) for k, v in e.items()}
        for e in Entry.objects.filter(actor=user).values("action", "created_at", "ip_address")
    ]


def erase(user) -> list:
    Entry.objects.filter(actor=user).delete()
    Entry.objects.filter(target_type=user._meta.label_lower, target_id=str(user.pk)).delete()
    profile = getattr(user, "youth_profile", None)
    if profile is not None:
        Entry.objects.filter(
            target_type=profile._meta.label_lower, target_id=str(profile.pk)
        ).delete()
    return []


register(Part(key="activity", export=export, erase=erase))
