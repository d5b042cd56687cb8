"""The outbox against a real Redis and real Celery worker processes.

A young person's sign-up is the change: it writes a welcome text message in the
same transaction. Each test asserts on what reached the gateway (the SMS log the
workers append to), so "sent once" means one line, not one row.
"""

import time

import pytest
from django.urls import reverse

from accounts.models import User
from notifications import services
from notifications.models import Message

from .conftest import wait_for

pytestmark = pytest.mark.integration

SIGNUP = {
    "name": "王小青",
    "email": "xiaoqing@example.com",
    "phone": "13900001234",
    "password1": "Xy7!kq-longpass",
    "password2": "Xy7!kq-longpass",
    "consent": "on",
}


def _welcome_sms() -> Message:
    user = User.objects.get(email=SIGNUP["email"])
    return Message.objects.get(key=f"welcome-{user.pk}:sms")


def _sent(message: Message):
    message.refresh_from_db()
    return message.status == Message.Status.SENT


def _deliveries_of(workers, message):
    return [d for d in workers.deliveries() if d["key"] == message.key]


def test_a_change_produces_exactly_one_message(client, workers):
    workers.start("w1")
    workers.start("w2")
    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    message = _welcome_sms()
    wait_for(lambda: _sent(message), 20, what="the welcome SMS to be sent")
    # Queue it again on purpose (as a sweep racing the first task would): still one delivery.
    services.enqueue([message.pk])
    services.sweep()
    time.sleep(2)
    assert len(_deliveries_of(workers, message)) == 1
    assert _deliveries_of(workers, message)[0]["phone"] == SIGNUP["phone"]
    assert Message.objects.filter(recipient__email=SIGNUP["email"], channel="sms").count() == 1


def test_with_redis_stopped_the_change_commits_and_the_message_follows(client, workers):
    workers.start("w1")
    server = workers.server
    server.stop()
    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302, "sign-up must not fail because Redis is down"
    message = _welcome_sms()
    assert message.status == Message.Status.PENDING
    server.start()
    # The periodic sweep (beat, every minute) is what picks it up; run it now.
    wait_for(lambda: services.sweep() >= 0 and _sent(message), 30, interval=1, what="delivery")
    time.sleep(1)
    assert len(_deliveries_of(workers, message)) == 1


def test_a_worker_killed_while_sending_leads_to_one_delivery(client, workers, settings):
    lease = 8
    settings.NOTIFICATIONS_CLAIM_SECONDS = lease
    settings.NOTIFICATIONS_SEND_TIMEOUT = 4
    slow = {
        "SMS_GATEWAY": "tests.integration.gateways.SlowLoggingGateway",
        "SLOW_GATEWAY_SECONDS": 3,
        "NOTIFICATIONS_CLAIM_SECONDS": lease,
        "NOTIFICATIONS_SEND_TIMEOUT": 4,
    }
    first = workers.start("w1", **slow)
    client.post(reverse("account_signup"), SIGNUP)
    message = _welcome_sms()

    def sending():
        message.refresh_from_db()
        return message.status == Message.Status.SENDING

    wait_for(sending, 15, interval=0.05, what="the worker to claim the message")
    workers.kill(first)  # mid-send: the gateway has not delivered yet
    assert _deliveries_of(workers, message) == []
    workers.start("w2", **slow)
    # Before the lease runs out nobody may take the message over...
    assert services.sweep() == 0
    # ...after it, the sweep hands it to the surviving worker.
    wait_for(
        lambda: services.sweep() >= 0 and _sent(message),
        lease + 20,
        interval=1,
        what="the message to be sent by the second worker",
    )
    time.sleep(1)
    assert len(_deliveries_of(workers, message)) == 1
    message.refresh_from_db()
    assert message.attempts == 2


def test_a_request_does_not_wait_on_a_frozen_redis(client, workers):
    server = workers.server
    server.freeze()
    try:
        started = time.monotonic()
        response = client.post(reverse("account_signup"), SIGNUP)
        elapsed = time.monotonic() - started
    finally:
        server.thaw()
    print(f"sign-up with a frozen Redis took {elapsed:.2f}s")
    assert response.status_code == 302
    assert elapsed < 2.0, f"the sign-up waited {elapsed:.2f}s on a frozen Redis"
    assert _welcome_sms().status == Message.Status.PENDING
