"""Where messages leave the portal. The SMS gateway is a setting (``SMS_GATEWAY``);
the default one writes to the log, so a real provider plugs in without code changes."""

import json
import logging
import os

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils.module_loading import import_string

logger = logging.getLogger("youthventure.sms")


class SmsGateway:
    """Send one text message. ``key`` is the message's once-only key: providers that
    accept an idempotency key should be given it."""

    def send(self, *, phone: str, text: str, key: str) -> None:
        raise NotImplementedError


class LoggingSmsGateway(SmsGateway):
    def send(self, *, phone: str, text: str, key: str) -> None:
        # The text carries names: the log gets the key and a masked number only.
        logger.info("SMS to %s****%s [%s]", phone[:3], phone[-4:], key)
        path = settings.SMS_LOG_FILE
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
