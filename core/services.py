"""What every app's write services share."""

from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction


class _Unchanged:
    """The default of an update service's optional arguments: leave that field as it is."""

    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED = _Unchanged()


@contextmanager
def unique_or_invalid(*checks):
    """Run the block (one ``save()``) in a savepoint; if another transaction committed the
    same unique value after our own check passed, raise the form's message instead of the
    database's ``IntegrityError``: two submissions at the same instant give one success and
    one form message, never a 500. The constraint stays what decides.

    Each check is ``(field, message, others)``: ``others`` a queryset of the rows that would
    hold the value; it is looked at only after the error, when the winner has committed.
    ``field`` may be ``NON_FIELD_ERRORS``. An ``IntegrityError`` none of them explains (a
    bug, not a race) is raised as it is.
    """
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        errors = {field: message for field, message, others in checks if others.exists()}
        if not errors:
            raise
        raise ValidationError(errors) from None
