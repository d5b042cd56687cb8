"""Kept for the migrations that have landed (they name ``accounts.crypto``); new code
imports :mod:`core.crypto`."""

from core.crypto import BlindIndexField, BlindIndexMixin, EncryptedCharField  # noqa: F401
