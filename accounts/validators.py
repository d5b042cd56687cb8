"""Kept for the migrations that have landed (they name ``accounts.validators``); new code
imports :mod:`core.validators`."""

from core.validators import (  # noqa: F401
    validate_mobile,
    validate_national_id,
    validate_organisation_name,
    validate_person_name,
    validate_uscc,
)
