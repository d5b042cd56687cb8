"""Permission-matrix rows of mentors (gathered by tests/test_permission_matrix.py).

The cast's mentor (invited by town A) mentors youth_a (village A1): an active match with a
planned and a logged session, and a request from another young person of village A1.
``other_match`` is youth_a's earlier match with another mentor: the cast's mentor opening it is
a 404, like any match that is not theirs."""

from django.core.files.base import ContentFile

from mentors.models import SessionStatus, Status

from ..factories import YouthProfileFactory
from ..matrix import row
from .helpers import make_match, make_mentor, make_session


def objects(cast, *, youth_a, town_a, village_a1, **_):
    own = make_mentor(user=cast["mentor"], centre=town_a, capacity=3)
    own.photo.save("p.jpg", ContentFile(b"\xff\xd8\xff\xe0 not really a jpeg"))
    other = make_mentor(centre=town_a)
    other_match = make_match(youth=youth_a, mentor=other, status=Status.ENDED)
    own_match = make_match(youth=youth_a, mentor=own, status=Status.ACTIVE)
    pending = make_match(youth=YouthProfileFactory(home_centre=village_a1).user, mentor=own)
    planned = make_session(match=own_match)
    logged = make_session(match=own_match, status=SessionStatus.LOGGED, days=-2)
    return {
        "own_profile": own,
        "other_match": other_match,
        "own_match": own_match,
        "pending_match": pending,
        "planned_session": planned,
        "logged_session": logged,
    }


YOUTH_ONLY = row(302, 200, 200, 404, 404, 404, 404, 404, 404, 404, 404)
MENTOR_ONLY = row(302, 404, 404, 404, 404, 404, 404, 200, 404, 404, 404)
STAFF_ONLY = row(302, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404)
# Staff who see youth_a (village A1): its village, town A and the district.
STAFF_OF_A = row(302, 404, 404, 200, 200, 404, 200, 404, 404, 404, 404)

ROWS = {
    "mentors:directory": (None, YOUTH_ONLY),
    "mentors:wish": (None, YOUTH_ONLY),
    "mentors:request": (lambda o: [o["own_profile"].pk], YOUTH_ONLY),
    "mentors:mine": (None, YOUTH_ONLY),
    "mentors:home": (None, MENTOR_ONLY),
    "mentors:profile": (None, MENTOR_ONLY),
    # The chief mentor's overview: the cast's mentor is not the chief (403); others 404.
    "mentors:chief": (None, row(302, 404, 404, 404, 404, 404, 404, 403, 404, 404, 404)),
    # Young people see directory photos; staff the mentors of their centre, above and below
    # it (town B's do not see town A's mentor); the mentor their own.
    "mentors:photo": (
        lambda o: [o["own_profile"].pk],
        row(302, 200, 200, 200, 200, 404, 200, 200, 404, 404, 404),
    ),
    # youth_a's match with another mentor: the cast's mentor gets 404.
    "mentors:match_detail": (
        lambda o: [o["other_match"].pk],
        row(302, 200, 404, 200, 200, 404, 200, 404, 404, 404, 404),
    ),
    # Only the mentor accepts (an empty post: back to the page with a message); staff in scope
    # see the request but may not accept it; the young person of another request does not see it.
    "mentors:accept": (
        lambda o: [o["pending_match"].pk],
        row(302, 404, 404, 403, 403, 404, 403, 302, 404, 404, 404),
        "post",
    ),
    # Staff in scope may withdraw a request or proposal, the mentor may decline it.
    "mentors:decline": (
        lambda o: [o["pending_match"].pk],
        row(302, 404, 404, 302, 302, 404, 302, 302, 404, 404, 404),
        "post",
    ),
    "mentors:end": (
        lambda o: [o["own_match"].pk],
        row(302, 200, 404, 200, 200, 404, 200, 200, 404, 404, 404),
    ),
    # Staff in scope (and the chief mentor) reassign; the match's two sides may not.
    "mentors:reassign": (
        lambda o: [o["own_match"].pk],
        row(302, 403, 404, 200, 200, 404, 200, 403, 404, 404, 404),
    ),
    "mentors:session_plan": (
        lambda o: [o["own_match"].pk],
        row(302, 403, 404, 403, 403, 404, 403, 200, 404, 404, 404),
    ),
    "mentors:session_log": (
        lambda o: [o["planned_session"].pk],
        row(302, 403, 404, 403, 403, 404, 403, 200, 404, 404, 404),
    ),
    # The young person confirms (no rating is a valid answer): a redirect back to the match.
    "mentors:session_confirm": (
        lambda o: [o["logged_session"].pk],
        row(302, 302, 404, 403, 403, 404, 403, 403, 404, 404, 404),
        "post",
    ),
    "mentors:staff_list": (None, STAFF_ONLY),
    "mentors:staff_detail": (lambda o: [o["own_profile"].pk], STAFF_OF_A),
    # Naming the chief mentor: staff of the mentor's centre (town A) or above; a village
    # officer sees the mentor but may not.
    "mentors:chief_set": (
        lambda o: [o["own_profile"].pk],
        row(302, 404, 404, 403, 302, 404, 302, 404, 404, 404, 404),
        "post",
    ),
    "mentors:matches": (None, STAFF_ONLY),
    "mentors:sessions": (None, STAFF_ONLY),
    "mentors:waiting": (None, STAFF_ONLY),
    "mentors:match_all": (None, STAFF_ONLY),
    "mentors:rank": (lambda o: [o["youth_a"].pk], STAFF_OF_A),
    # youth_a already has a mentor: the proposal is refused with a message (redirect).
    "mentors:propose": (
        lambda o: [o["youth_a"].pk, o["own_profile"].pk],
        row(302, 404, 404, 302, 302, 404, 302, 404, 404, 404, 404),
        "post",
    ),
}
