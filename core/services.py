"""What every app's write services share."""


class _Unchanged:
    """The default of an update service's optional arguments: leave that field as it is."""

    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED = _Unchanged()
