"""Personal data at rest: encryption with rotatable keys, and keyed hashes for look-ups.

National ID and phone numbers are stored encrypted (Fernet: AES-128-CBC + HMAC,
through MultiFernet so several keys can be active: the first encrypts, all
decrypt). Beside each one sits a *blind index*, an HMAC-SHA256 of the normalised
value under a separate key, which carries the unique constraint and serves exact
look-ups ("who has this phone number?") without ever decrypting.

Keys come from the environment (FIELD_ENCRYPTION_KEYS, FIELD_HASH_KEY); see
README "Personal data at rest" and ``manage.py rotate_encryption_keys``.
"""

import hashlib
import hmac
from functools import cache, lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys])


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(value: str) -> str:
    return fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    return _decrypted(tuple(settings.FIELD_ENCRYPTION_KEYS), token)


# The same row is loaded again and again (the signed-in person's phone and ID number on every
# request, the rows of a list page): each ciphertext is decrypted once per process (HMAC and
# AES, ~50 µs). Keyed by the key set, so a changed FIELD_ENCRYPTION_KEYS decrypts afresh; a
# rotated value is a new ciphertext. Plaintexts stay in the worker's memory a little longer,
# next to the keys that decrypt every one of them anyway.
@lru_cache(maxsize=4096)
def _decrypted(keys: tuple[str, ...], token: str) -> str:
    return _fernet(keys).decrypt(token.encode()).decode()


def rotate(token: str) -> str:
    """Re-encrypt under the newest key (a no-op in meaning, a new ciphertext)."""
    return fernet().rotate(token.encode()).decode()


def blind_index(value: str | None) -> str | None:
    if value in (None, ""):
        return None
    return hmac.new(settings.FIELD_HASH_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()


class EncryptedCharField(models.TextField):
    """A string stored encrypted. Only ``isnull`` can be queried: use the blind index."""

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        try:
            return decrypt(value)
        except InvalidToken:
            raise ValueError(
                f"{self.model.__name__}.{self.name} cannot be decrypted: is its key missing "
                "from FIELD_ENCRYPTION_KEYS?"
            ) from None

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(str(value))

    def get_lookup(self, lookup_name):
        if lookup_name != "isnull":
            raise TypeError(f"{self.name} is encrypted; look it up through its blind index instead")
        return super().get_lookup(lookup_name)


class BlindIndexField(models.CharField):
    """The keyed hash of another field, kept up to date on every save."""

    def __init__(self, *args, source: str = "", **kwargs):
        self.source = source
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = blind_index(getattr(model_instance, self.source))
        setattr(model_instance, self.attname, value)
        return value


class BlindIndexMixin:
    """Keeps blind indexes current before validation, so ``full_clean()`` checks their
    uniqueness, and reports a clash on the field people actually typed."""

    def _blind_index_fields(self):
        return [f for f in self._meta.concrete_fields if isinstance(f, BlindIndexField)]

    def full_clean(self, exclude=None, validate_unique=True, validate_constraints=True):
        from django.core.exceptions import ValidationError

        fields = self._blind_index_fields()
        for field in fields:
            field.pre_save(self, add=self._state.adding)
        try:
            super().full_clean(exclude, validate_unique, validate_constraints)
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                raise
            for field in fields:
                if field.name in error.error_dict:
                    messages = error.error_dict.pop(field.name)
                    error.error_dict.setdefault(field.source, []).extend(messages)
            raise

    def save(self, *args, **kwargs):
        # save(update_fields=["phone"]) must also write phone_hash.
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            extra = [f.name for f in self._blind_index_fields() if f.source in set(update_fields)]
            kwargs["update_fields"] = [*update_fields, *extra]
        super().save(*args, **kwargs)
