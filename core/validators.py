"""Chinese identifiers, validated properly and normalised before they are stored.

Each ``normalize_*`` function takes what a person typed and returns the canonical
form, or raises ``ValidationError`` with a message meant for that person. None of
them may raise anything else, whatever the input.
"""

import datetime
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Messages are defined once so that tests can import them.
NATIONAL_ID_FORMAT = _("A resident ID number has 18 characters: 17 digits, then a digit or X.")
NATIONAL_ID_REGION = _("The first two digits of this ID number are not a valid region code.")
NATIONAL_ID_BIRTH_DATE = _("The birth date inside this ID number is not a real date.")
NATIONAL_ID_CHECK_DIGIT = _(
    "The last character of this ID number does not match; please check each digit."
)
USCC_FORMAT = _(
    "A unified social credit code has 18 characters: digits and capital letters "
    "other than I, O, Z, S and V."
)
USCC_CHECK_CHARACTER = _(
    "The last character of this unified social credit code does not match; "
    "please check each character."
)
MOBILE_FORMAT = _("Enter an 11-digit mainland mobile number starting with 1, e.g. 13812345678.")

# Province-level codes of GB/T 2260, plus 71 (Taiwan), 81 (Hong Kong), 82 (Macao).
_REGIONS = {
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36",
    "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62",
    "63", "64", "65", "71", "81", "82",
}  # fmt: skip
_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_ID_CHECK = "10X98765432"
_ID_RE = re.compile(r"[0-9]{17}[0-9X]")

_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
_USCC_RE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{18}")

_MOBILE_RE = re.compile(r"1[3-9][0-9]{9}")
_SEPARATORS = re.compile(r"[\s\-()]")


def _clean_text(value) -> str:
    """NFKC turns full-width digits and letters into ASCII ones; separators go."""
    text = unicodedata.normalize("NFKC", str(value or ""))
    return _SEPARATORS.sub("", text)


def national_id_check_char(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def national_id_birth_date(value: str) -> datetime.date:
    return datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))


def national_id_gender(value: str) -> str:
    """The 17th digit is odd for men and even for women."""
    return "male" if int(value[16]) % 2 else "female"


def normalize_national_id(value) -> str:
    text = _clean_text(value).upper()
    if not _ID_RE.fullmatch(text):
        raise ValidationError(NATIONAL_ID_FORMAT, code="format")
    if text[:2] not in _REGIONS:
        raise ValidationError(NATIONAL_ID_REGION, code="region")
    try:
        born = national_id_birth_date(text)
    except ValueError:
        raise ValidationError(NATIONAL_ID_BIRTH_DATE, code="birth_date") from None
    if born.year < 1900 or born > datetime.date.today():
        raise ValidationError(NATIONAL_ID_BIRTH_DATE, code="birth_date")
    if national_id_check_char(text[:17]) != text[17]:
        raise ValidationError(NATIONAL_ID_CHECK_DIGIT, code="check_digit")
    return text


def uscc_check_char(first17: str) -> str:
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_ALPHABET[(31 - total % 31) % 31]


def normalize_uscc(value) -> str:
    text = _clean_text(value).upper()
    if not _USCC_RE.fullmatch(text):
        raise ValidationError(USCC_FORMAT, code="format")
    if uscc_check_char(text[:17]) != text[17]:
        raise ValidationError(USCC_CHECK_CHARACTER, code="check_character")
    return text


def normalize_mobile(value) -> str:
    text = _clean_text(value)
    if text.startswith("+86"):
        text = text[3:]
    elif text.startswith("0086"):
        text = text[4:]
    elif len(text) == 13 and text.startswith("86"):
        text = text[2:]
    if not _MOBILE_RE.fullmatch(text):
        raise ValidationError(MOBILE_FORMAT, code="format")
    return text


def validate_national_id(value) -> None:
    if normalize_national_id(value) != value:
        raise ValidationError(NATIONAL_ID_FORMAT, code="format")


def validate_uscc(value) -> None:
    if normalize_uscc(value) != value:
        raise ValidationError(USCC_FORMAT, code="format")


def validate_mobile(value) -> None:
    if normalize_mobile(value) != value:
        raise ValidationError(MOBILE_FORMAT, code="format")


PERSON_NAME_CHARACTERS = _(
    "A name may contain letters, spaces and the marks · . - ' only (no digits, symbols or emoji)."
)
ORGANISATION_NAME_CHARACTERS = _(
    "Use letters, digits, spaces and ordinary punctuation only "
    "(no symbols such as < > { } or emoji)."
)
_PERSON_PUNCTUATION = set("·•.-' ")
_ORGANISATION_PUNCTUATION = set("·.-'&()（）、,，/ ")


def _only(value: str, allowed_categories: tuple[str, ...], punctuation: set[str]) -> bool:
    return all(
        ch in punctuation or unicodedata.category(ch).startswith(allowed_categories)
        for ch in str(value)
    )


def validate_person_name(value) -> None:
    if not _only(value, ("L", "M"), _PERSON_PUNCTUATION):
        raise ValidationError(PERSON_NAME_CHARACTERS, code="characters")


def validate_organisation_name(value) -> None:
    if not _only(value, ("L", "M", "N"), _ORGANISATION_PUNCTUATION):
        raise ValidationError(ORGANISATION_NAME_CHARACTERS, code="characters")
