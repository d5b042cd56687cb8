"""Where messages leave the portal. The SMS gateway is a setting (``SMS_GATEWAY``);
the default one writes to the log, so a real provider plugs in without code changes."""

import json
import logging
import os
import sys
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils.module_loading import import_string

logger = logging.getLogger("youthventure.sms")


class PermanentSendError(Exception):
    """The provider refused this message and would refuse it again (a template it does not
    know, a number that is no number, a sign name it has not approved): the outbox marks it
    FAILED at once instead of retrying. Any other exception is retried with backoff."""


class SmsGateway:
    """Send one text message. ``key`` is the message's once-only key: providers that
    accept an idempotency key should be given it."""

    def send(self, *, phone: str, text: str, key: str) -> None:
        raise NotImplementedError

    def already_sent(self, *, phone: str, key: str, since: datetime) -> bool:
        """Whether the provider already accepted the message with this key (looked up before a
        retry: an earlier attempt may have been accepted without an answer reaching us).
        Raises when it cannot tell; False from gateways that cannot look messages up."""
        return False


class LoggingSmsGateway(SmsGateway):
    def send(self, *, phone: str, text: str, key: str) -> None:
        # The text carries names and codes: the log gets the key and a masked number only.
        logger.info("SMS to %s****%s [%s]", phone[:3], phone[-4:], key)
        path = settings.SMS_LOG_FILE
        if settings.DEBUG and not path:
            # Development (make run): the whole text on the console, as the console mail
            # backend prints e-mails, so a code can be read there. Never in production; with
            # SMS_LOG_FILE (tests, benchmarks) the file takes the console's place.
            sys.stdout.write(f"-- SMS to {phone} [{key}]\n{text}\n")
            sys.stdout.flush()
        if path:
            line = json.dumps({"key": key, "phone": phone, "text": text}, ensure_ascii=False)
            # One write() of a line under O_APPEND: concurrent workers never interleave.
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, (line + "\n").encode())
            finally:
                os.close(fd)


def sms_gateway() -> SmsGateway:
    return import_string(settings.SMS_GATEWAY)()


def send_email(*, address: str, subject: str, body: str, key: str) -> None:
    email = EmailMultiAlternatives(
        subject=subject,
        body=body,
        to=[address],
        headers={"X-Youthventure-Key": key},
    )
    email.send(fail_silently=False)
