"""Writing the audit log. One function; every app calls it from its services."""

import logging

from django.db import models

from core.net import client_ip

from . import actions
from .context import current_request
from .models import Entry

logger = logging.getLogger(__name__)


def _centre_of(obj):
    """The youth centre an object hangs from, for scoping the log."""
    if obj is None:
        return None
    for attr in ("home_centre", "centre"):
        centre = getattr(obj, attr, None)
        if centre is not None:
            return centre
    for related in ("youth_profile", "staff_profile"):
        profile = getattr(obj, related, None)
        if profile is not None:
            return _centre_of(profile)
    return None


def record(
    action: str,
    *,
    actor=None,
    target: models.Model | None = None,
    fields: list[str] | None = None,
    data: dict | None = None,
) -> Entry:
    """Record ``action`` (a dotted code such as ``youth.personal_data_revealed``).

    ``fields`` are the names of changed fields; values are never logged.
    """
    if action not in actions.ACTIONS:
        # Every code has a label on the audit page: declare it in <app>/audit_actions.py.
        raise LookupError(f"audit action {action!r} is not registered")
    request = current_request.get()
    if actor is None and request is not None and request.user.is_authenticated:
        actor = request.user
    payload = dict(data or {})
    if fields:
        payload["fields"] = sorted(fields)
    centre = _centre_of(target) or _centre_of(actor)
    return Entry.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        centre=centre,
        ip_address=client_ip(request) if request is not None else None,
        path=request.path[:300] if request is not None else "",
        data=payload,
    )
