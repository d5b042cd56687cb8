"""Sending: after commit (Celery runs eagerly in tests), retries, claims and the sweep."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.reminders import PROFILE_INCOMPLETE
from notifications.models import Message
from notifications.services import (
    ONLY_FAILED_CAN_BE_RESENT,
    deliver,
    message_resend,
    notify,
    sweep,
)

from ..factories import MessageFactory
from . import gateways


def _notify(user, key="event-1"):
    return notify(recipient=user, kind=PROFILE_INCOMPLETE.code, key=key, url="http://x/")


def _sms(user, **kwargs):
    return MessageFactory(recipient=user, address=user.phone, **kwargs)


def _past():
    return timezone.now() - timedelta(seconds=1)


# --- delivery after commit ---------------------------------------------------------------


def test_it_sends_nothing_before_the_transaction_commits(
    youth_a, sms_log, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _notify(youth_a)

    assert len(callbacks) == 1
    assert sms_log() == []
    assert mailoutbox == []
    assert Message.objects.filter(status=Message.Status.PENDING).count() == 2


def test_it_sends_the_sms_to_the_gateway_after_commit(
    youth_a, sms_log, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _notify(youth_a)

    sms = Message.objects.get(channel="sms")
    assert sms_log() == [{"key": "event-1:sms", "phone": "13800000001", "text": sms.body}]


def test_it_sends_the_email_with_its_key_after_commit(
    youth_a, sms_log, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _notify(youth_a)

    email = Message.objects.get(channel="email")
    assert len(mailoutbox) == 1
    sent = mailoutbox[0]
    assert sent.to == ["youth.a@example.com"]
    assert sent.subject == email.subject
    assert sent.body == email.body
    assert sent.extra_headers["X-Youthventure-Key"] == "event-1:email"
    assert sent.message()["X-Youthventure-Key"] == "event-1:email"


def test_it_marks_delivered_rows_sent(youth_a, sms_log, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _notify(youth_a)

    for message in Message.objects.all():
        assert message.status == Message.Status.SENT, message.channel
        assert message.sent_at is not None
        assert message.claimed_until is None
        assert message.last_error == ""
    assert Message.objects.get(channel="sms").attempts == 1
    assert Message.objects.get(channel="email").attempts == 1


# --- failures and retries ----------------------------------------------------------------


def test_it_puts_a_failed_message_back_with_a_backoff(
    youth_a, failing_gateway, django_capture_on_commit_callbacks
):
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        _notify(youth_a)

    sms = Message.objects.get(channel="sms")
    assert len(failing_gateway) == 1
    assert sms.status == Message.Status.PENDING
    assert sms.attempts == 1
    assert sms.last_error == "ConnectionError: SMS provider unreachable"
    assert sms.sent_at is None
    assert sms.claimed_until is None
    assert sms.available_at >= before + timedelta(seconds=60)
    # The e-mail did not suffer from the SMS gateway being down.
    assert Message.objects.get(channel="email").status == Message.Status.SENT


def test_it_does_not_retry_before_the_backoff_is_over(youth_a, failing_gateway):
    sms = _sms(youth_a)
    assert deliver([sms.pk]) == 0
    sms.refresh_from_db()
    due = sms.available_at

    assert deliver([sms.pk]) == 0
    assert sweep() == 0

    sms.refresh_from_db()
    assert len(failing_gateway) == 1
    assert sms.attempts == 1
    assert sms.status == Message.Status.PENDING
    assert sms.available_at == due


def test_it_waits_longer_after_each_failure(youth_a, failing_gateway):
    sms = _sms(youth_a)
    waits = []
    for _ in range(3):
        started = timezone.now()
        deliver([sms.pk])
        sms.refresh_from_db()
        waits.append(sms.available_at - started)
        Message.objects.filter(pk=sms.pk).update(available_at=_past())
    assert waits[0] >= timedelta(seconds=60)
    assert waits[1] >= timedelta(seconds=120)
    assert waits[2] >= timedelta(seconds=240)
    assert waits[2] < timedelta(seconds=250)


def test_it_gives_up_after_the_maximum_number_of_attempts(settings, youth_a, failing_gateway):
    assert settings.NOTIFICATIONS_MAX_ATTEMPTS == 5
    sms = _sms(youth_a)
    for attempt in range(1, 6):
        Message.objects.filter(pk=sms.pk).update(available_at=_past())
        assert deliver([sms.pk]) == 0
        sms.refresh_from_db()
        assert sms.attempts == attempt
        expected = Message.Status.FAILED if attempt == 5 else Message.Status.PENDING
        assert sms.status == expected, attempt

    # A failed message is never picked up again by itself.
    Message.objects.filter(pk=sms.pk).update(available_at=_past())
    assert deliver([sms.pk]) == 0
    assert sweep() == 0
    sms.refresh_from_db()
    assert len(failing_gateway) == 5
    assert sms.status == Message.Status.FAILED
    assert sms.attempts == 5
    assert sms.last_error == "ConnectionError: SMS provider unreachable"


def test_it_honours_a_lower_maximum_of_attempts(settings, youth_a, failing_gateway):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 2
    sms = _sms(youth_a)
    deliver([sms.pk])
    Message.objects.filter(pk=sms.pk).update(available_at=_past())
    deliver([sms.pk])
    sms.refresh_from_db()
    assert sms.status == Message.Status.FAILED
    assert sms.attempts == 2


def test_it_resends_a_failed_message(
    settings, youth_a, counting_gateway, django_capture_on_commit_callbacks
):
    sms = _sms(
        youth_a,
        status=Message.Status.FAILED,
        attempts=5,
        last_error="ConnectionError: SMS provider unreachable",
        available_at=timezone.now() + timedelta(hours=1),
    )

    with django_capture_on_commit_callbacks(execute=True):
        returned = message_resend(message=sms)
        assert returned.status == Message.Status.PENDING
        assert returned.attempts == 0
        assert counting_gateway == []  # not before commit

    sms.refresh_from_db()
    assert counting_gateway == [("13800000001", "test", sms.key)]
    assert sms.status == Message.Status.SENT
    assert sms.sent_at is not None
    assert sms.attempts == 1
    assert sms.last_error == ""


def test_it_counts_attempts_afresh_after_a_resend(youth_a, failing_gateway):
    sms = _sms(youth_a, status=Message.Status.FAILED, attempts=5)
    message_resend(message=sms)  # the on-commit send is not run here

    deliver([sms.pk])

    sms.refresh_from_db()
    assert sms.status == Message.Status.PENDING
    assert sms.attempts == 1


@pytest.mark.parametrize(
    "status", [Message.Status.SENT, Message.Status.PENDING, Message.Status.SENDING]
)
def test_it_refuses_to_resend_a_message_that_has_not_failed(
    youth_a, counting_gateway, django_capture_on_commit_callbacks, status
):
    sent_at = timezone.now() if status == Message.Status.SENT else None
    sms = _sms(youth_a, status=status, sent_at=sent_at, attempts=1)

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError) as error,
    ):
        message_resend(message=sms)

    assert error.value.messages == [str(ONLY_FAILED_CAN_BE_RESENT)]
    assert counting_gateway == []
    sms.refresh_from_db()
    assert (sms.status, sms.attempts, sms.sent_at) == (status, 1, sent_at)


# --- claims ------------------------------------------------------------------------------


def test_it_leaves_a_message_claimed_by_a_live_worker_alone(youth_a, counting_gateway):
    lease = timezone.now() + timedelta(minutes=5)
    sms = _sms(youth_a, status=Message.Status.SENDING, claimed_until=lease, attempts=1)

    assert deliver([sms.pk]) == 0
    assert sweep() == 0

    sms.refresh_from_db()
    assert counting_gateway == []
    assert (sms.status, sms.claimed_until, sms.attempts) == (Message.Status.SENDING, lease, 1)


def test_it_sends_a_message_whose_worker_died_exactly_once(youth_a, counting_gateway):
    sms = _sms(youth_a, status=Message.Status.SENDING, claimed_until=_past(), attempts=1)

    assert deliver([sms.pk]) == 1
    assert deliver([sms.pk]) == 0
    assert sweep() == 0

    sms.refresh_from_db()
    assert len(counting_gateway) == 1
    assert sms.status == Message.Status.SENT
    assert sms.attempts == 2
    assert sms.claimed_until is None


def test_it_sweeps_up_a_message_whose_worker_died(youth_a, counting_gateway):
    sms = _sms(youth_a, status=Message.Status.SENDING, claimed_until=_past(), attempts=1)

    assert sweep() == 1
    assert sweep() == 0

    sms.refresh_from_db()
    assert len(counting_gateway) == 1
    assert sms.status == Message.Status.SENT


def test_it_sends_an_id_given_twice_once(youth_a, counting_gateway):
    sms = _sms(youth_a)

    assert deliver([sms.pk, sms.pk]) == 1

    assert counting_gateway == [("13800000001", "test", sms.key)]


def test_it_sends_a_message_queued_twice_once(youth_a, counting_gateway):
    sms = _sms(youth_a)

    assert deliver([sms.pk]) == 1
    assert deliver([sms.pk]) == 0

    assert len(counting_gateway) == 1


def test_it_sends_each_of_many_messages_once(youth_a, youth_b, counting_gateway):
    # More ids than one claim takes at a time.
    ids = [_sms(youth_a if n % 2 else youth_b).pk for n in range(60)]

    assert deliver(ids + ids[:10]) == 60
    assert deliver(ids) == 0

    assert sorted(call[2] for call in counting_gateway) == sorted(
        Message.objects.values_list("key", flat=True)
    )
    assert not Message.objects.exclude(status=Message.Status.SENT).exists()


def test_it_sends_each_message_of_a_slow_batch_once(
    settings, youth_a, counting_gateway, monkeypatch
):
    """A live worker working through a batch must not be overtaken by the sweep.

    Every call here takes 15 s and one task claims 25 ids under a single 300 s lease,
    so the last messages of the batch would still be waiting their turn when the
    lease runs out and the beat sweep hands them to a second worker. The worker must
    give them back before that instead of sending them late.
    """
    assert settings.NOTIFICATIONS_CLAIM_SECONDS == 300
    ids = [_sms(youth_a).pk for _ in range(25)]
    clock = [timezone.now()]
    monkeypatch.setattr(timezone, "now", lambda: clock[0])
    start = clock[0]
    swept = []

    def slow_provider(phone, text, key):
        clock[0] += timedelta(seconds=15)
        if clock[0] >= start + timedelta(seconds=360) and not swept:
            swept.append("running")
            swept.append(sweep())  # beat, a minute after the lease ran out: another worker

    gateways.hooks.append(slow_provider)

    deliver(ids)
    assert swept == []  # the worker stopped before its lease ran out...
    assert Message.objects.filter(status=Message.Status.PENDING).exists()  # ...and gave back
    gateways.hooks.remove(slow_provider)
    assert sweep() > 0  # the next sweep sends the rest

    keys = [call[2] for call in counting_gateway]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    assert duplicates == [], f"{len(duplicates)} of 25 messages were sent twice"
    assert not Message.objects.exclude(status=Message.Status.SENT).exists()


def test_it_ignores_ids_that_do_not_exist(youth_a, counting_gateway):
    assert deliver([987654]) == 0
    assert counting_gateway == []


# --- sweep -------------------------------------------------------------------------------


def test_it_sweeps_and_sends_everything_due(youth_a, youth_b, sms_log, mailoutbox):
    _notify(youth_a, key="a")  # on-commit hand-off never runs here: only the sweep sends
    _notify(youth_b, key="b")

    assert sweep() == 4

    assert sorted(line["key"] for line in sms_log()) == ["a:sms", "b:sms"]
    assert sorted(m.extra_headers["X-Youthventure-Key"] for m in mailoutbox) == [
        "a:email",
        "b:email",
    ]
    assert not Message.objects.exclude(status=Message.Status.SENT).exists()
    assert sweep() == 0


def test_it_sweeps_in_batches(youth_a, counting_gateway):
    for _ in range(7):
        _sms(youth_a)

    assert sweep(batch=3) == 7

    assert len(counting_gateway) == 7


def test_it_does_not_sweep_what_is_not_due_yet(youth_a, counting_gateway):
    later = _sms(youth_a, available_at=timezone.now() + timedelta(minutes=1))
    due = _sms(youth_a, available_at=_past())
    failed = _sms(youth_a, status=Message.Status.FAILED)
    sent = _sms(youth_a, status=Message.Status.SENT, sent_at=timezone.now())

    assert sweep() == 1

    assert [call[2] for call in counting_gateway] == [due.key]
    statuses = dict(Message.objects.values_list("pk", "status"))
    assert statuses == {
        later.pk: Message.Status.PENDING,
        due.pk: Message.Status.SENT,
        failed.pk: Message.Status.FAILED,
        sent.pk: Message.Status.SENT,
    }


def test_it_keeps_messages_pending_when_the_broker_is_down(youth_a, counting_gateway, monkeypatch):
    from notifications import tasks

    def broker_down(*args, **kwargs):
        raise ConnectionError("redis unreachable")

    sms = _sms(youth_a)
    monkeypatch.setattr(tasks.send_messages, "apply_async", broker_down)

    assert sweep() == 0

    sms.refresh_from_db()
    assert sms.status == Message.Status.PENDING
    assert counting_gateway == []
    monkeypatch.undo()
    assert sweep() == 1
    assert len(counting_gateway) == 1
