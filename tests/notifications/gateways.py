"""SMS gateways for tests, plugged in with ``settings.SMS_GATEWAY``."""

from collections.abc import Callable

from notifications.gateways import SmsGateway

# Every call any of these gateways received, in order: (phone, text, key).
calls: list[tuple[str, str, str]] = []
# Run before each send, e.g. to let time pass or another worker run meanwhile.
hooks: list[Callable[[str, str, str], None]] = []


class CountingGateway(SmsGateway):
    """Accepts every message and remembers it."""

    def send(self, *, phone: str, text: str, key: str) -> None:
        for hook in list(hooks):
            hook(phone, text, key)
        calls.append((phone, text, key))


class FailingGateway(SmsGateway):
    """The provider is down: every call raises (and is counted)."""

    def send(self, *, phone: str, text: str, key: str) -> None:
        calls.append((phone, text, key))
        raise ConnectionError("SMS provider unreachable")
