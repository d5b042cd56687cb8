"""Writing the audit log. One function; every app calls it from its services."""

import hashlib
import logging
import time

from django.core.cache import cache
from django.db import models

from core.net import client_ip
from core.redaction import scrub_path

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
        # Never a secret of the address (a confirmation key, an invitation token).
        path=scrub_path(request.path)[:300] if request is not None else "",
        data=payload,
    )


# Refused accesses (403, 404) of signed-in people are worth knowing about (probing by URL), but
# a script walking through ids must not flood the log: per person, one row per path a minute
# and at most DENIED_PER_MINUTE rows a minute. Counters live in the shared cache.
DENIED_PER_PATH_SECONDS = 60
DENIED_PER_MINUTE = 10


def record_denied(request, status: int) -> Entry | None:
    """Record ``access.denied`` for the signed-in person of ``request``, within the limits;
    returns the row, or None when the limits left it out."""
    user_pk = request.user.pk
    path_hash = hashlib.sha256(request.path.encode()).hexdigest()[:32]
    minute = int(time.time() // 60)
    try:
        if not cache.add(f"audit-denied:{user_pk}:{path_hash}", 1, DENIED_PER_PATH_SECONDS):
            return None
        count_key = f"audit-denied:{user_pk}:m{minute}"
        count = 1 if cache.add(count_key, 1, 120) else cache.incr(count_key)
    except ValueError:  # the counter expired between the two calls
        count = 1
    except Exception:  # no cache (its table missing, say): the row is worth more than the limit
        logger.exception("rate limit of refused-access entries unavailable")
        count = 1
    if count > DENIED_PER_MINUTE:
        if count == DENIED_PER_MINUTE + 1:
            logger.warning(
                "user %s: more than %d refused accesses this minute; not all are logged",
                user_pk,
                DENIED_PER_MINUTE,
            )
        return None
    return record("access.denied", data={"status": status})
