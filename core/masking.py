"""Personal data is shown masked unless the viewer may reveal it."""

import re


def mask_national_id(value: str | None) -> str:
    if not value:
        return ""
    if len(value) < 9:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_phone(value: str | None) -> str:
    if not value:
        return ""
    if len(value) < 8:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


_EMAIL = re.compile(r"([^\s<>()\[\]{}'\",;:@]+)@([\w-]+(?:\.[\w-]+)+)")
# Mainland mobile numbers, with or without +86/0086 and spaces or dashes between the groups.
_MOBILE = re.compile(r"(?<![\d+])(?:(?:\+|00)86[-\s]?)?(1[3-9]\d)[-\s]?(\d{4})[-\s]?(\d{4})(?!\d)")
_NATIONAL_ID = re.compile(r"(?<![\dA-Za-z])(\d{17}[\dXx])(?![\dA-Za-z])")


def mask_contacts(text: str | None) -> str:
    """Free text (a gateway's error message, say) with every e-mail address, mobile number and
    ID number in it masked: ``b***@example.com``, ``138****0001``. The mail domain stays, since
    it tells which provider refused."""
    if not text:
        return ""
    text = _EMAIL.sub(lambda m: f"{m[1][0]}***@{m[2]}", text)
    text = _NATIONAL_ID.sub(lambda m: mask_national_id(m[1]), text)
    return _MOBILE.sub(lambda m: mask_phone(m[1] + m[2] + m[3]), text)
