"""Gateways the integration tests hand to worker processes through SMS_GATEWAY."""

import os
import time

from notifications.gateways import LoggingSmsGateway


class SlowLoggingGateway(LoggingSmsGateway):
    """Takes SLOW_GATEWAY_SECONDS before delivering, so a test can kill the worker mid-send."""

    def send(self, *, phone: str, text: str, key: str) -> None:
        time.sleep(float(os.environ.get("SLOW_GATEWAY_SECONDS", "3")))
        super().send(phone=phone, text=text, key=key)
