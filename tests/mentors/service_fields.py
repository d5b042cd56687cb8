"""The mentors app's write services and the fields each refuses.

Gathered by tests/test_service_fields.py.
"""

import datetime

from django.utils import timezone

from mentors import services as mentors_services
from mentors.models import CoachingSession, Match, MatchChange, MentoringWish, MentorProfile
from tests.factories import YouthProfileFactory

from .helpers import make_match, make_mentor, make_session

MODULES = [mentors_services]

TABLES = [
    MentorProfile,
    Match,
    MatchChange,
    MentoringWish,
    CoachingSession,
]


def world(w) -> dict:
    """The mentor's profile with an active and a pending match, a held and a logged session."""
    profile = make_mentor(user=w.mentor, centre=w.town_a, capacity=4)
    active = make_match(youth=w.youth_a, mentor=profile, status="active")
    newcomer = YouthProfileFactory(home_centre=w.village_a1).user
    return {
        "mprofile": profile,
        "other_profile": make_mentor(centre=w.town_a),
        "active_match": active,
        "pending_match": make_match(youth=newcomer, mentor=profile),
        "held_session": make_session(match=active, days=-1),
        "logged_session": make_session(match=active, status="logged", days=-2),
    }


SERVICES = {
    "mentors.mentor_profile_save": (
        mentors_services.mentor_profile_save,
        lambda w: {
            "user": w.mentor,
            "title": "总经理",
            "organisation": "青山农业",
            "sectors": ["food"],
            "skills": "财务",
            "service_centres": [w.town_a],
            "bio": "",
            "capacity": 3,
            "availability": "open",
        },
    ),
    "mentors.mentor_chief_set": (
        mentors_services.mentor_chief_set,
        lambda w: {"mentor": w.mprofile, "actor": w.town_staff, "is_chief": True},
    ),
    "mentors.mentoring_wish_create": (
        mentors_services.mentoring_wish_create,
        lambda w: {"youth": w.member, "note": "想学电商"},
    ),
    "mentors.match_request": (
        mentors_services.match_request,
        lambda w: {"youth": w.member, "mentor": w.mprofile, "message": "请指导"},
    ),
    "mentors.match_propose": (
        mentors_services.match_propose,
        lambda w: {"actor": w.town_staff, "youth": w.member, "mentor": w.mprofile},
    ),
    "mentors.matches_publish": (
        mentors_services.matches_publish,
        lambda w: {"actor": w.town_staff, "pairs": [(w.member, w.mprofile)]},
    ),
    "mentors.match_accept": (
        mentors_services.match_accept,
        lambda w: {"match": w.pending_match, "actor": w.mentor},
    ),
    "mentors.match_decline": (
        mentors_services.match_decline,
        lambda w: {"match": w.pending_match, "actor": w.mentor, "reason": "没时间"},
    ),
    "mentors.match_end": (
        mentors_services.match_end,
        lambda w: {"match": w.active_match, "actor": w.youth_a, "reason": "结束"},
    ),
    "mentors.match_reassign": (
        mentors_services.match_reassign,
        lambda w: {
            "match": w.active_match,
            "actor": w.town_staff,
            "mentor": w.other_profile,
            "reason": "调整",
        },
    ),
    "mentors.matches_expire": (
        mentors_services.matches_expire,
        lambda w: {"now": timezone.now() + datetime.timedelta(days=30)},
    ),
    "mentors.session_plan": (
        mentors_services.session_plan,
        lambda w: {
            "match": w.active_match,
            "actor": w.mentor,
            "starts_at": timezone.now() + datetime.timedelta(days=1),
            "mode": "phone",
        },
    ),
    "mentors.session_log": (
        mentors_services.session_log,
        lambda w: {
            "session": w.held_session,
            "actor": w.mentor,
            "minutes": 30,
            "topics": "定价",
            "notes": "",
            "next_steps": "",
            "private_notes": "",
        },
    ),
    "mentors.session_confirm": (
        mentors_services.session_confirm,
        lambda w: {"session": w.logged_session, "actor": w.youth_a, "rating": 5},
    ),
}

FORBIDDEN = {
    # Mentoring: the chief flag is staff's, the load only the match services change, a match's
    # status and dates only its moves.
    "mentors.mentor_profile_save": {
        "is_chief": True,
        "active_count": 0,
        "centre": lambda w: w.town_b,
        "fields": {"title": "x"},
    },
    "mentors.mentor_chief_set": {"capacity": 9, "active_count": 0, "availability": "paused"},
    "mentors.mentoring_wish_create": {"centre": lambda w: w.town_b, "created_at": timezone.now},
    "mentors.match_request": {
        "status": "active",
        "centre": lambda w: w.town_b,
        "proposed_by": None,
    },
    "mentors.match_propose": {"status": "active", "expires_at": timezone.now, "message": "x"},
    "mentors.matches_publish": {"status": "active"},
    "mentors.match_accept": {"status": "active", "accepted_at": timezone.now, "mentor": None},
    "mentors.match_decline": {"status": "ended", "ended_at": timezone.now},
    "mentors.match_end": {"status": "declined", "ended_at": timezone.now, "mentor": None},
    "mentors.match_reassign": {"status": "active", "youth": lambda w: w.youth_b},
    "mentors.matches_expire": {"status": "expired", "match": None},
    "mentors.session_plan": {"status": "confirmed", "minutes": 30, "rating": 5},
    "mentors.session_log": {"status": "confirmed", "rating": 5, "starts_at": timezone.now},
    "mentors.session_confirm": {"minutes": 600, "notes": "x", "private_notes": "x"},
}
