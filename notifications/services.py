"""The outbox: writing messages with the change that causes them, and sending them once.

Life of a message: ``notify()`` renders it in the recipient's language and writes
a PENDING row in the caller's transaction; after commit its id is handed to
Celery. A worker *claims* rows (PENDING → SENDING with a lease), sends, and marks
each SENT at once. A gateway error puts the row back to PENDING with a backoff,
and after ``NOTIFICATIONS_MAX_ATTEMPTS`` to FAILED. ``sweep()`` (every minute on
beat) re-queues whatever is still due, including rows whose worker died: so a
broker outage delays messages and loses none, and the claim makes a message
that is queued twice go out once.
"""

import logging
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from audit import services as audit
from core.masking import mask_contacts

from . import registry
from .gateways import PermanentSendError, send_email, sms_gateway
from .models import Message, OptOut

logger = logging.getLogger(__name__)

ONLY_FAILED_CAN_BE_RESENT = _("Only a failed message can be sent again.")
_MARK_SENT_SQL = (
    f"UPDATE {Message._meta.db_table} "
    "SET status = %s, sent_at = %s, claimed_until = NULL, last_error = '' WHERE id = %s"
)
CLAIM_CHUNK = 25


def _render(kind: str, name: str, context: dict) -> str:
    return render_to_string(f"notifications/messages/{kind}/{name}", context).strip()


@dataclass(frozen=True)
class Addressee:
    """Someone who has no account (yet): an invitee. Messages to them have no recipient."""

    email: str = ""
    phone: str | None = None
    name: str = ""
    language: str = settings.LANGUAGE_CODE


def notify(
    *,
    recipient,
    kind: str,
    key: str,
    context: dict | None = None,
    url: str = "",
    channels: Iterable[str] | None = None,
) -> list[str]:
    """Write the messages of one event to the outbox, in the caller's transaction.

    Returns the keys of the rows it wrote; writing the same key again writes nothing.
    """
    spec = registry.get(kind)
    is_user = not isinstance(recipient, Addressee)
    if is_user and spec.optional and OptOut.objects.filter(user=recipient, kind=kind).exists():
        return []
    channels = [
        c
        for c in (channels or spec.channels)
        if (c == "inapp" and is_user)
        or (c != "inapp" and {"email": recipient.email, "sms": recipient.phone}[c])
    ]
    # The key makes a message once-only: channels already written are left alone.
    done = set(
        Message.objects.filter(key__in=[f"{key}:{c}" for c in channels]).values_list(
            "key", flat=True
        )
    )
    channels = [c for c in channels if f"{key}:{c}" not in done]
    if not channels:
        return []
    context = {"recipient": recipient, "site_url": settings.SITE_URL, "url": url, **(context or {})}
    now = timezone.now()
    rows = []
    with translation.override(recipient.language):
        for channel in channels:
            is_sms = channel == Message.Channel.SMS
            inapp = channel == Message.Channel.INAPP
            rows.append(
                Message(
                    key=f"{key}:{channel}",
                    kind=kind,
                    recipient=recipient if is_user else None,
                    channel=channel,
                    address={"email": recipient.email, "sms": recipient.phone}.get(channel, ""),
                    subject="" if is_sms else _render(kind, "subject.txt", context)[:200],
                    # The inbox shows an "open" link beside the text, not the address in it.
                    body=_render(
                        kind,
                        "sms.txt" if is_sms else "body.txt",
                        {**context, "url": ""} if inapp else context,
                    ),
                    url=url,
                    # The in-app inbox is delivered by being written.
                    status=Message.Status.SENT if inapp else Message.Status.PENDING,
                    sent_at=now if inapp else None,
                )
            )
    # ignore_conflicts: a concurrent transaction that wrote the same key wins, quietly.
    Message.objects.bulk_create(rows, ignore_conflicts=True)
    ids = list(
        Message.objects.filter(
            key__in=[r.key for r in rows], status=Message.Status.PENDING
        ).values_list("pk", flat=True)
    )
    if ids:
        batch = _batch.get()
        if batch is not None:
            batch.extend(ids)
        else:
            transaction.on_commit(lambda: enqueue(ids))
    return [r.key for r in rows]


# The ids written inside ``one_enqueue()``, handed to Celery together.
_batch: ContextVar[list[int] | None] = ContextVar("notifications_batch", default=None)


@contextmanager
def one_enqueue():
    """Messages written inside go to Celery in one call after commit, not one call each: a
    list of hundreds (a village's list of invitations) would otherwise cost a frozen broker's
    timeout hundreds of times over. Use it inside the transaction that writes them."""
    if _batch.get() is not None:  # nested: the outer one hands them over
        yield
        return
    ids: list[int] = []
    token = _batch.set(ids)
    try:
        yield
    finally:
        _batch.reset(token)
    if ids:
        transaction.on_commit(lambda: enqueue(ids))


def enqueue(ids: list[int]) -> bool:
    """Hand message ids to Celery. If the broker is down, they stay PENDING for the sweep."""
    from .tasks import send_messages

    try:
        send_messages.apply_async(args=[list(ids)])
    except Exception as exc:  # the broker is unreachable or frozen: the sweep resends
        logger.warning("could not queue %d message(s), the sweep will: %s", len(ids), exc)
        return False
    return True


def sweep(*, limit: int = 100_000, batch: int = 200) -> int:
    """Queue every message that is due, in batches. Returns how many were queued."""
    ids = list(
        Message.objects.claimable()
        .order_by("available_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    queued = 0
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        if not enqueue(chunk):
            break
        queued += len(chunk)
    return queued


def _claim(ids: list[int], lease_until: datetime) -> list[Message]:
    now = timezone.now()
    with transaction.atomic():
        rows = Message.objects.claimable(now).filter(pk__in=ids)
        if connection.features.has_select_for_update_skip_locked:
            # Two workers given the same ids (a sweep racing a first task) split them, never share.
            rows = rows.select_for_update(skip_locked=True)
        rows = list(rows)
        Message.objects.filter(pk__in=[m.pk for m in rows]).update(
            status=Message.Status.SENDING,
            claimed_until=lease_until,
            attempts=F("attempts") + 1,
        )
    return rows


def _refreshed(message: Message) -> Message:
    """Write a message of a kind with ``refresh`` again (as ``notify()`` wrote it, with what
    ``refresh`` gives now) before it is sent, and keep what is sent in its row."""
    try:
        kind = registry.get(message.kind)
    except KeyError:  # a kind no app declares any more: sent as written
        return message
    if kind.refresh is None or message.recipient_id is None:
        return message
    due = kind.refresh(message)
    if due is None:
        return message
    recipient = message.recipient
    context = {"recipient": recipient, "site_url": settings.SITE_URL, "url": due.url,
               **due.context}  # fmt: skip
    is_sms = message.channel == Message.Channel.SMS
    with translation.override(recipient.language):
        message.subject = "" if is_sms else _render(kind.code, "subject.txt", context)[:200]
        message.body = _render(kind.code, "sms.txt" if is_sms else "body.txt", context)
    message.url = due.url
    Message.objects.filter(pk=message.pk).update(
        subject=message.subject, body=message.body, url=message.url
    )
    return message


def _send(message: Message) -> None:
    message = _refreshed(message)
    if message.channel == Message.Channel.EMAIL:
        send_email(
            address=message.address, subject=message.subject, body=message.body, key=message.key
        )
    elif message.channel == Message.Channel.SMS:
        gateway = sms_gateway()
        # A retry may follow an attempt the provider accepted without its answer reaching us
        # (a timeout, a worker that died): a gateway that can look messages up by their key
        # is asked first, so the message is not sent twice.
        already_sent = getattr(gateway, "already_sent", None)
        if (
            message.attempts
            and already_sent
            and already_sent(phone=message.address, key=message.key, since=message.created_at)
        ):
            return
        gateway.send(phone=message.address, text=message.body, key=message.key)


def _backoff(attempts: int) -> timedelta:
    return timedelta(
        seconds=min(settings.NOTIFICATIONS_RETRY_BASE_SECONDS * 2 ** (attempts - 1), 3600)
    )


def deliver(ids: Iterable[int]) -> int:
    """Send the given messages if they are still due. Returns how many were sent."""
    ids = list(ids)
    lease = timedelta(seconds=settings.NOTIFICATIONS_CLAIM_SECONDS)
    sent = 0
    margin = timedelta(seconds=settings.NOTIFICATIONS_SEND_TIMEOUT)
    with _commits_without_waiting_for_disk():
        for start in range(0, len(ids), CLAIM_CHUNK):
            lease_until = timezone.now() + lease
            claimed = _claim(ids[start : start + CLAIM_CHUNK], lease_until)
            for position, message in enumerate(claimed):
                # Never start a send that could outlive the claim: past the lease the sweep
                # hands the message to another worker. Give the rest back instead.
                if timezone.now() + margin >= lease_until:
                    _release(claimed[position:])
                    return sent
                sent += _deliver_one(message)
    return sent


def _release(messages: list[Message]) -> None:
    Message.objects.filter(pk__in=[m.pk for m in messages], status=Message.Status.SENDING).update(
        status=Message.Status.PENDING, claimed_until=None, attempts=F("attempts") - 1
    )


@contextmanager
def _commits_without_waiting_for_disk():
    """Claims and SENT marks are visible to other workers on commit either way; they need
    not wait for the disk. After a database crash the worst case is a resend, the same as a
    worker dying between the gateway call and the SENT mark. Halves the time per message."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def _deliver_one(message: Message) -> int:
    attempts = message.attempts + 1
    try:
        _send(message)
    except Exception as exc:
        # A refusal the provider would repeat (PermanentSendError) is not retried.
        failed = (
            isinstance(exc, PermanentSendError) or attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS
        )
        # Gateways name the address they refused: staff see the error, masked (and so does
        # the log).
        error = mask_contacts(f"{type(exc).__name__}: {exc}")
        logger.warning("message %s attempt %d failed: %s", message.key, attempts, error)
        Message.objects.filter(pk=message.pk, status=Message.Status.SENDING).update(
            status=Message.Status.FAILED if failed else Message.Status.PENDING,
            available_at=timezone.now() + _backoff(attempts),
            claimed_until=None,
            last_error=error[:500],
        )
        return 0
    # The hottest statement of a big send-out, so written once instead of compiled per message.
    with connection.cursor() as cursor:
        cursor.execute(_MARK_SENT_SQL, [Message.Status.SENT, timezone.now(), message.pk])
    return 1


@transaction.atomic
def message_resend(*, message: Message) -> Message:
    """Staff give a failed message another go."""
    message = Message.objects.select_for_update().get(pk=message.pk)
    if message.status != Message.Status.FAILED:
        raise ValidationError(ONLY_FAILED_CAN_BE_RESENT)
    message.status = Message.Status.PENDING
    message.attempts = 0
    message.last_error = ""
    message.available_at = timezone.now()
    message.save(update_fields=["status", "attempts", "last_error", "available_at"])
    audit.record("message.resent", target=message)
    transaction.on_commit(lambda: enqueue([message.pk]))
    return message


def inbox_mark_read(*, user) -> int:
    return Message.objects.inbox(user).filter(read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def preferences_update(*, user, enabled: Iterable[str]) -> None:
    """Switch optional reminders on or off; mandatory ones cannot be switched off."""
    optional = {k.code for k in registry.optional_for(user)}
    enabled = set(enabled) & optional
    OptOut.objects.filter(user=user).exclude(kind__in=optional - enabled).delete()
    existing = set(OptOut.objects.filter(user=user).values_list("kind", flat=True))
    OptOut.objects.bulk_create(
        [OptOut(user=user, kind=code) for code in sorted(optional - enabled - existing)]
    )


def run_reminders(*, now: datetime | None = None) -> dict[str, int]:
    """Write every periodic reminder that is due (each app's ``collect``), then sweep."""
    now = now or timezone.now()
    written = {}
    for kind in registry.periodic():
        count = 0
        for due in kind.collect(now):
            with transaction.atomic():
                count += bool(
                    notify(
                        recipient=due.recipient,
                        kind=kind.code,
                        key=due.key,
                        context=due.context,
                        url=due.url,
                    )
                )
        written[kind.code] = count
    return written
