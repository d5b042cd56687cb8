"""The figures a work report shows: the dashboard's, for the report's period and centre.

``figures_for_report(viewer, period)`` returns what ``dashboard.selectors.figures_for`` returns
for the same viewer and period (the staff home's figures, so the report and the dashboard
cannot disagree).

A report is for a centre, which may lie below its author's own: ``centre_viewer(user, centre)``
is then a stand-in for a staff member of that centre (``core.scoping`` reads nothing else), so
the report of a town written by district staff shows exactly what the town's staff see on their
dashboard.
"""

from dataclasses import dataclass, field
from types import SimpleNamespace

from core.scoping import staff_centre

from .selectors import figures_for


@dataclass(frozen=True)
class _CentreViewer:
    """Sees what an officer of ``centre`` sees: that centre and everything below it."""

    centre: object
    pk: None = None
    id: None = None
    is_authenticated: bool = True
    is_anonymous: bool = False
    is_active: bool = True
    is_superuser: bool = False
    is_staff: bool = False
    staff_profile: object = field(init=False)

    def __post_init__(self):
        profile = SimpleNamespace(centre=self.centre, centre_id=self.centre.pk, role="officer")
        object.__setattr__(self, "staff_profile", profile)


def centre_viewer(user, centre):
    """``user`` if the centre is their own, else a stand-in staff member of ``centre``."""
    own = staff_centre(user)
    if own is not None and own.pk == centre.pk and not user.is_superuser:
        return user
    return _CentreViewer(centre)


def figures_for_report(user, period) -> dict:
    """``figures`` (key, label, explanation, value, unit, group, headline, drill), ``by_centre``,
    ``counted_at`` and ``live``, as the dashboard counts them for ``user`` and ``period``."""
    return figures_for(user, period)
