"""The kinds of message the portal sends, declared by each app in ``<app>/reminders.py``.

A kind names its templates (``templates/notifications/messages/<code>/``:
``subject.txt`` and ``body.txt`` for e-mail and in-app, ``sms.txt`` for text
messages), its channels, whether people may switch it off, and, for periodic
reminders, a ``collect(now)`` function that yields what is due.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

CHANNELS_ALL = ("email", "sms", "inapp")


@dataclass(frozen=True)
class Due:
    """One reminder that is due: who gets it, its once-only key, and template context."""

    recipient: Any
    key: str
    context: dict = field(default_factory=dict)
    url: str = ""


@dataclass(frozen=True)
class Kind:
    code: str
    label: Any  # lazy translation
    channels: tuple[str, ...] = CHANNELS_ALL
    optional: bool = False
    collect: Callable[[Any], Iterable[Due]] | None = None
    # For kinds whose link expires (a signed e-mail confirmation link): called with the
    # message before each send, it returns the Due to write it again from, so a retry or
    # staff's "send again" days later carries a fresh link; None sends it as written.
    refresh: Callable[[Any], Due | None] | None = None
    # Who can receive it, a predicate on a user (``core.scoping.is_youth``, say); None: anyone.
    # The reminder settings offer a person only the optional kinds that can reach them.
    audience: Callable[[Any], bool] | None = None


_KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    _KINDS[kind.code] = kind
    return kind


def get(code: str) -> Kind:
    return _KINDS[code]


def all_kinds() -> list[Kind]:
    return sorted(_KINDS.values(), key=lambda k: k.code)


def periodic() -> list[Kind]:
    return [k for k in all_kinds() if k.collect is not None]


def optional() -> list[Kind]:
    return [k for k in all_kinds() if k.optional]


def optional_for(user) -> list[Kind]:
    """The optional kinds that can reach ``user``: what their reminder settings offer."""
    return [k for k in optional() if k.audience is None or k.audience(user)]
