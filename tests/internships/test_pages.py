"""Pages: a host sees only its own station's applicants and interns; lists run a fixed number
of queries whatever their length; staff see quota, occupancy, retention and what needs them."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from internships.models import Outcome, PlacementStatus, Status

from .helpers import (
    application,
    graduate,
    make_eligible,
    placement,
    position_at,
    station_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_stations(enterprise_contact, other_enterprise_contact):
    own = station_for(enterprise_contact.partner_membership.enterprise)
    other = station_for(other_enterprise_contact.partner_membership.enterprise)
    return own, other


def test_a_host_sees_only_its_own_applicants_and_interns(
    client, two_stations, enterprise_contact, village_a1, village_b1
):
    own, other = two_stations
    mine = application(position_at(own), graduate(village_a1, 1))
    theirs = application(position_at(other), graduate(village_b1, 2))
    mine_placed = placement(
        application(position_at(own, title="B"), graduate(village_a1, 3), status=Status.ACCEPTED)
    )
    theirs_placed = placement(
        application(position_at(other, title="B"), graduate(village_b1, 4), status=Status.ACCEPTED)
    )
    client.force_login(enterprise_contact)
    assert client.get(reverse("internships:application", args=[mine.pk])).status_code == 200
    assert client.get(reverse("internships:application", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("internships:placement", args=[mine_placed.pk])).status_code == 200
    assert client.get(reverse("internships:placement", args=[theirs_placed.pk])).status_code == 404
    listed = client.get(reverse("internships:applications")).content.decode()
    assert reverse("internships:application", args=[mine.pk]) in listed
    assert reverse("internships:application", args=[theirs.pk]) not in listed
    listed = client.get(reverse("internships:placements")).content.decode()
    assert reverse("internships:placement", args=[mine_placed.pk]) in listed
    assert reverse("internships:placement", args=[theirs_placed.pk]) not in listed
    # Nor can it move, evaluate or edit the other station's records.
    move = client.post(
        reverse("internships:application_move", args=[theirs.pk]),
        {"to_status": "shortlisted", "expected_status": "applied"},
    )
    assert move.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Status.APPLIED
    assert client.get(reverse("internships:evaluate", args=[theirs_placed.pk])).status_code == 404
    edit = reverse("internships:position_edit", args=[theirs.position_id])
    assert client.get(edit).status_code == 404


def test_the_host_shortlists_through_the_page(client, two_stations, enterprise_contact, village_a1):
    own, _other = two_stations
    subject = application(position_at(own), graduate(village_a1, 1))
    client.force_login(enterprise_contact)
    page = client.get(reverse("internships:application", args=[subject.pk])).content.decode()
    assert "列入候选" in page or "Shortlist" in page
    response = client.post(
        reverse("internships:application_move", args=[subject.pk]),
        {"to_status": "shortlisted", "expected_status": "applied"},
    )
    assert response.status_code == 302
    subject.refresh_from_db()
    assert subject.status == Status.SHORTLISTED


def test_the_graduate_may_not_shortlist_themselves(client, two_stations, youth_a):
    own, _other = two_stations
    make_eligible(youth_a)
    subject = application(position_at(own), youth_a)
    client.force_login(youth_a)
    response = client.post(
        reverse("internships:application_move", args=[subject.pk]),
        {"to_status": "shortlisted", "expected_status": "applied"},
    )
    assert response.status_code == 403
    subject.refresh_from_db()
    assert subject.status == Status.APPLIED


def _fill(station, centre, n, start_offset=0):
    position = position_at(station, places=1000)
    today = timezone.localdate()
    for i in range(n):
        youth = graduate(centre, 5000 + start_offset + i)
        application(position, youth)
        accepted = application(position_at(station, title=f"T{i}"), youth, status=Status.ACCEPTED)
        placement(accepted, start=today - datetime.timedelta(days=30 + i))


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


# Queries per page (session and user, the count, the rows, the filter's stations; a host's
# pages also find the host's station; the host's page reads positions, waiting applicants and
# evaluations due and overdue).
PINNED = {
    ("district_staff", "internships:applications"): 5,
    ("district_staff", "internships:placements"): 5,
    ("district_staff", "internships:stations"): 6,
    ("enterprise_contact", "internships:applications"): 7,
    ("enterprise_contact", "internships:placements"): 7,
    ("enterprise_contact", "internships:host_home"): 9,
    ("youth_a", "internships:positions"): 4,
}


@pytest.mark.parametrize(
    ("who", "url_name"),
    [
        ("district_staff", "internships:applications"),
        ("district_staff", "internships:placements"),
        ("district_staff", "internships:stations"),
        ("enterprise_contact", "internships:applications"),
        ("enterprise_contact", "internships:placements"),
        ("enterprise_contact", "internships:host_home"),
        ("youth_a", "internships:positions"),
    ],
)
def test_lists_run_the_same_queries_for_1_and_50_rows(
    request, client, two_stations, village_a1, who, url_name
):
    own, _other = two_stations
    client.force_login(request.getfixturevalue(who))
    url = reverse(url_name)
    _fill(own, village_a1, 1)
    client.get(url)  # warm the per-process caches (menus, kept counts)
    one = _count(client, url)
    _fill(own, village_a1, 49, start_offset=100)
    fifty = _count(client, url)
    assert fifty == one, f"{url}: {one} queries for 1 row, {fifty} for 50"
    assert one <= PINNED[(who, url_name)], f"{url}: {one} queries"


def test_staff_see_quota_occupancy_retention_and_what_needs_them(
    client, two_stations, district_staff, village_a1
):
    own, _other = two_stations
    today = timezone.localdate()
    position = position_at(own)
    kept = placement(
        application(position, graduate(village_a1, 1), status=Status.ACCEPTED),
        start=today - datetime.timedelta(days=500),
        status=PlacementStatus.COMPLETED,
        outcome=Outcome.KEPT_ON,
    )
    placement(
        application(position, graduate(village_a1, 2), status=Status.ACCEPTED),
        start=today - datetime.timedelta(days=500),
        status=PlacementStatus.COMPLETED,
        outcome=Outcome.JOB_ELSEWHERE,
    )
    ending = placement(
        application(position, graduate(village_a1, 3), status=Status.ACCEPTED),
        start=today - datetime.timedelta(days=350),
    )
    assert kept.pk
    client.force_login(district_staff)
    page = client.get(reverse("internships:stations")).content.decode()
    assert "50%" in page  # retention: 1 of 2 outcomes kept on
    placements = client.get(reverse("internships:placements") + "?attention=ending").content
    assert reverse("internships:placement", args=[ending.pk]).encode() in placements
    overdue = client.get(reverse("internships:placements") + "?attention=overdue").content
    # No mid-term evaluation filed 350 days in: overdue.
    assert reverse("internships:placement", args=[ending.pk]).encode() in overdue
    detail = client.get(reverse("internships:placement", args=[ending.pk])).content.decode()
    assert 'id="end-date"' in detail
