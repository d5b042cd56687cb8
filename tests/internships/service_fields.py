"""The internships app's write services and the fields each refuses.

Gathered by tests/test_service_fields.py.
"""

import datetime

from django.utils import timezone

from internships import services as internships_services
from internships.models import (
    Application,
    ApplicationChange,
    EligibilityRule,
    Evaluation,
    Placement,
    Position,
    Station,
)
from internships.models import Status as InternshipStatus
from partners.models import Enterprise

MODULES = [internships_services]

TABLES = [
    Station,
    Position,
    Application,
    ApplicationChange,
    Placement,
    Evaluation,
    EligibilityRule,
]


def world(w) -> dict:
    """A station of the cast's enterprise, a position, youth_b's application to it and a
    placement whose year is over; youth_a a recent graduate who may apply."""
    from . import helpers

    helpers.make_eligible(w.youth_a)
    Enterprise.objects.filter(pk=w.enterprise.pk).update(is_internship_host=True)
    w.enterprise.refresh_from_db()
    station = helpers.station_for(w.enterprise_contact.partner_membership.enterprise)
    position = helpers.position_at(station)
    ended = helpers.application(
        helpers.position_at(station, title="Clerk"), w.youth_b, status=InternshipStatus.ACCEPTED
    )
    start = timezone.localdate() - datetime.timedelta(days=400)
    return {
        "station": station,
        "position": position,
        "applied": helpers.application(position, w.youth_b),
        "placed": helpers.placement(ended, start=start),
        "placed_start": start,
    }


SERVICES = {
    "internships.station_create": (
        internships_services.station_create,
        lambda w: {
            "actor": w.district_staff,
            "enterprise": w.enterprise,
            "since": datetime.date(2024, 1, 1),
            "annual_quota": 30,
        },
    ),
    "internships.station_update": (
        internships_services.station_update,
        lambda w: {"station": w.station, "actor": w.district_staff, "annual_quota": 99},
    ),
    "internships.position_create": (
        internships_services.position_create,
        lambda w: {
            "station": w.station,
            "actor": w.enterprise_contact,
            "title": "文员",
            "places": 2,
            "stipend": 3000,
        },
    ),
    "internships.position_update": (
        internships_services.position_update,
        lambda w: {"position": w.position, "actor": w.enterprise_contact, "places": 9},
    ),
    "internships.eligibility_rule_update": (
        internships_services.eligibility_rule_update,
        lambda w: {
            "actor": w.district_staff,
            "years_since_graduation": 3,
            "education_levels": ["bachelor"],
            "require_complete_profile": True,
        },
    ),
    "internships.application_create": (
        internships_services.application_create,
        lambda w: {"youth": w.youth_a, "position": w.position, "motivation": "想学习"},
    ),
    "internships.application_transition": (
        internships_services.application_transition,
        lambda w: {
            "application": w.applied,
            "actor": w.enterprise_contact,
            "to_status": InternshipStatus.SHORTLISTED,
        },
    ),
    "internships.evaluation_file": (
        internships_services.evaluation_file,
        lambda w: {
            "placement": w.placed,
            "actor": w.enterprise_contact,
            "kind": "midterm",
            "attitude": 5,
            "skills": 4,
            "teamwork": 4,
        },
    ),
    "internships.placement_leave": (
        internships_services.placement_leave,
        lambda w: {
            "placement": w.placed,
            "actor": w.enterprise_contact,
            "left_on": w.placed_start + datetime.timedelta(days=10),
            "reason": "搬家",
        },
    ),
    "internships.placement_outcome_record": (
        internships_services.placement_outcome_record,
        lambda w: {"placement": w.placed, "actor": w.other_town_staff, "outcome": "kept_on"},
    ),
}

FORBIDDEN = {
    "internships.station_create": {"is_active": False, "fields": {"annual_quota": 30}},
    "internships.station_update": {
        "enterprise": lambda w: w.enterprise,
        "fields": {"annual_quota": 1},
    },
    "internships.position_create": {"places_taken": 0, "fields": {"title": "文员"}},
    "internships.position_update": {
        "places_taken": 0,
        "station": lambda w: w.station,
        "fields": {"places": 9},
    },
    "internships.eligibility_rule_update": {"updated_by": lambda w: w.youth_a, "fields": {}},
    "internships.application_create": {
        "status": InternshipStatus.OFFERED,
        "graduation_year": 2000,
        "centre": lambda w: w.town_b,
        "start_date": datetime.date(2026, 1, 1),
    },
    "internships.application_transition": {
        "status": InternshipStatus.ACCEPTED,
        "places_taken": 0,
        "fields": {"status": InternshipStatus.ACCEPTED},
    },
    "internships.evaluation_file": {"evaluated_by": lambda w: w.youth_a, "fields": {}},
    "internships.placement_leave": {"status": "completed", "outcome": "kept_on", "end_date": None},
    "internships.placement_outcome_record": {
        "status": "active",
        "end_date": datetime.date(2030, 1, 1),
        "outcome_recorded_by": lambda w: w.youth_a,
    },
}
