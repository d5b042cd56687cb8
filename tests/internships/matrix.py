"""Permission-matrix rows of the internship station (gathered by tests/test_permission_matrix.py).

The station is partner_enterprise's (registered with town A; enterprise_contact signs in for
it); other_enterprise_contact's enterprise (town B) is a station too, and must not learn
anything of this one. youth_a (village A1) has applied to a position here, holds an active
placement from another position, and finished an earlier one."""

import datetime

from django.utils import timezone

from internships.models import Outcome, PlacementStatus, Station, Status

from ..matrix import row
from .helpers import application, make_eligible, placement, position_at, station_for


def objects(cast, *, youth_a, partner_enterprise, other_enterprise_contact, **_):
    make_eligible(youth_a)
    station = station_for(partner_enterprise)
    station_for(other_enterprise_contact.partner_membership.enterprise)
    position = position_at(station)
    applied = application(position, youth_a)
    today = timezone.localdate()
    current = application(position_at(station, title="Clerk"), youth_a, status=Status.ACCEPTED)
    active = placement(current, start=today - datetime.timedelta(days=30))
    earlier = application(position_at(station, title="Driver"), youth_a, status=Status.ACCEPTED)
    ended = placement(
        earlier,
        start=today - datetime.timedelta(days=800),
        status=PlacementStatus.COMPLETED,
        outcome=Outcome.KEPT_ON,
    )
    assert Station.objects.count() == 2
    return {
        "station": station,
        "position": position,
        "internship_application": applied,
        "placement": active,
        "ended_placement": ended,
    }


# Staff of the graduate's area (A1, town A, district) follow applications and placements;
# the host's contact decides and evaluates; town B and the other host get 404.
SEES = (302, 200, 404, 200, 200, 404, 200, 404, 404, 200, 404)
SEES_POST = (302, 302, 404, 302, 302, 404, 302, 404, 404, 302, 404)
LISTS = (302, 404, 404, 200, 200, 200, 200, 404, 404, 200, 200)
HOST_ONLY = (302, 404, 404, 404, 404, 404, 404, 404, 404, 200, 200)
ROWS = {
    "internships:positions": (None, row(*[200] * 11)),
    "internships:position": (lambda o: [o["position"].pk], row(*[200] * 11)),
    # youth_a has applied already and youth_b has no graduation year: both are sent back to
    # the position with the reasons; others are no applicants.
    "internships:apply": (
        lambda o: [o["position"].pk],
        row(302, 302, 302, 404, 404, 404, 404, 404, 404, 404, 404),
        "post",
    ),
    "internships:mine": (None, row(302, 200, 200, 404, 404, 404, 404, 404, 404, 404, 404)),
    "internships:applications": (None, row(*LISTS)),
    "internships:application": (lambda o: [o["internship_application"].pk], row(*SEES)),
    # An empty post is refused by the form: back to the page, for those who see it.
    "internships:application_move": (
        lambda o: [o["internship_application"].pk],
        row(*SEES_POST),
        "post",
    ),
    "internships:placements": (None, row(*LISTS)),
    "internships:placement": (lambda o: [o["placement"].pk], row(*SEES)),
    # Evaluations are the host's; the intern and staff who see the placement may not.
    "internships:evaluate": (
        lambda o: [o["placement"].pk],
        row(302, 403, 404, 403, 403, 404, 403, 404, 404, 200, 404),
    ),
    # Leaving early and the outcome: the host or staff in scope.
    "internships:leave": (
        lambda o: [o["placement"].pk],
        row(302, 403, 404, 200, 200, 404, 200, 404, 404, 200, 404),
    ),
    "internships:outcome": (
        lambda o: [o["ended_placement"].pk],
        row(302, 403, 404, 200, 200, 404, 200, 404, 404, 200, 404),
    ),
    "internships:host_home": (None, row(*HOST_ONLY)),
    "internships:position_create": (None, row(*HOST_ONLY)),
    "internships:position_edit": (
        lambda o: [o["position"].pk],
        row(302, 404, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    ),
    "internships:stations": (None, row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404)),
    # Designating stations and the rule: coordinators (here the district's).
    "internships:station_create": (
        None,
        row(302, 404, 404, 403, 403, 403, 200, 404, 404, 404, 404),
    ),
    # The station of town A: town B does not see it.
    "internships:station_edit": (
        lambda o: [o["station"].pk],
        row(302, 404, 404, 403, 403, 404, 200, 404, 404, 404, 404),
    ),
    "internships:rule": (None, row(302, 404, 404, 403, 403, 403, 200, 404, 404, 404, 404)),
}
