"""The mentoring pages: what each side sees, the chief mentor, staff matching, fixed queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentors.models import Match, MentoringWish, MentorProfile, SessionStatus, Status

from ..factories import YouthProfileFactory
from .helpers import make_match, make_mentor, make_session

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    client.get(url)  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_private_notes_are_the_mentors_alone(client, mentor, youth_a, town_a, town_staff):
    profile = make_mentor(user=mentor, centre=town_a)
    match = make_match(youth=youth_a, mentor=profile, status=Status.ACTIVE)
    make_session(
        match=match,
        status=SessionStatus.LOGGED,
        days=-1,
        notes="共享的笔记",
        private_notes="只给导师看的笔记",
    )
    url = reverse("mentors:match_detail", args=[match.pk])

    client.force_login(mentor)
    page = client.get(url).content.decode()
    assert "共享的笔记" in page and "只给导师看的笔记" in page

    for viewer in (youth_a, town_staff):
        client.force_login(viewer)
        page = client.get(url).content.decode()
        assert "共享的笔记" in page and "只给导师看的笔记" not in page


def test_the_mentee_page_shows_no_identity_or_contact_numbers(client, mentor, youth_a, town_a):
    profile = make_mentor(user=mentor, centre=town_a)
    match = make_match(youth=youth_a, mentor=profile, status=Status.ACTIVE)
    client.force_login(mentor)
    page = client.get(reverse("mentors:match_detail", args=[match.pk])).content.decode()
    assert "Alice" in page
    assert youth_a.phone not in page and youth_a.youth_profile.national_id not in page


def test_the_directory_shows_no_contact_data(client, youth_a, town_a):
    profile = make_mentor(centre=town_a)
    client.force_login(youth_a)
    page = client.get(reverse("mentors:directory")).content.decode()
    assert profile.organisation in page
    assert profile.user.email not in page


def test_the_chief_mentor_sees_every_mentor_and_match(client, town_a, town_b, youth_b):
    chief = make_mentor(centre=town_a, chief=True, two_factor=True)
    elsewhere = make_mentor(centre=town_b, organisation="远方公司")
    match = make_match(youth=youth_b, mentor=elsewhere, status=Status.ACTIVE)
    client.force_login(chief.user)
    page = client.get(reverse("mentors:chief")).content.decode()
    assert str(elsewhere) in page
    assert client.get(reverse("mentors:match_detail", args=[match.pk])).status_code == 200
    assert client.get(reverse("mentors:reassign", args=[match.pk])).status_code == 200
    # An ordinary mentor does not see another mentor's mentee.
    client.force_login(make_mentor(centre=town_a, two_factor=True).user)
    assert client.get(reverse("mentors:match_detail", args=[match.pk])).status_code == 404


def test_the_mentor_home_counts_hours_this_month(client, mentor, youth_a, town_a):
    profile = make_mentor(user=mentor, centre=town_a)
    match = make_match(youth=youth_a, mentor=profile, status=Status.ACTIVE)
    session = make_session(match=match, status=SessionStatus.CONFIRMED, minutes=90)
    session.starts_at = timezone.now() - datetime.timedelta(minutes=5)
    session.save()
    client.force_login(mentor)
    response = client.get(reverse("mentors:home"))
    assert response.context["hours_this_month"] == 1.5
    assert list(response.context["mentees"]) == [match]


def test_a_mentor_without_a_profile_is_sent_to_complete_it(client, mentor):
    client.force_login(mentor)
    response = client.get(reverse("mentors:home"))
    assert response.status_code == 302 and response["Location"] == reverse("mentors:profile")


def test_the_ranking_page_shows_the_score_parts(client, town_staff, youth_a, town_a):
    youth_a.youth_profile.sectors = ["agriculture"]
    youth_a.youth_profile.save()
    good = make_mentor(centre=town_a, sectors=["agriculture"], service=[town_a])
    make_mentor(centre=town_a, sectors=["food"])
    client.force_login(town_staff)
    response = client.get(reverse("mentors:rank", args=[youth_a.pk]))
    rows = response.context["rows"]
    assert rows[0]["mentor"] == good
    assert rows[0]["score"].parts["sector"] == 40 and rows[0]["score"].parts["place"] == 20
    page = response.content.decode()
    assert "行业匹配" in page or "Sector match" in page


def test_match_everyone_waiting_publishes_within_capacity(client, town_staff, town_a, village_a1):
    mentors = [make_mentor(centre=town_a, capacity=2) for _ in range(2)]
    youths = [YouthProfileFactory(home_centre=village_a1).user for _ in range(6)]
    for youth in youths:
        MentoringWish.objects.create(youth=youth, centre=village_a1)
    client.force_login(town_staff)
    url = reverse("mentors:match_all")
    response = client.get(url)
    rows = response.context["rows"]
    assert len(rows) == 4 and response.context["total"] >= response.context["greedy"]

    # Staff untick one pair and publish the rest.
    response = client.post(url, {"pair": [r["value"] for r in rows[1:]]})

    assert response.status_code == 302
    proposed = Match.objects.filter(status=Status.PROPOSED)
    assert proposed.count() == 3
    for mentor in mentors:
        assert proposed.filter(mentor=mentor).count() <= mentor.capacity


def test_a_forged_pair_is_not_published(client, town_staff, other_town_staff, town_a, village_a1):
    mentor = make_mentor(centre=town_a)
    youth = YouthProfileFactory(home_centre=village_a1).user
    MentoringWish.objects.create(youth=youth, centre=village_a1)
    client.force_login(other_town_staff)  # town B: neither the young person nor the mentor
    client.post(reverse("mentors:match_all"), {"pair": f"{youth.pk}-{mentor.pk}"})
    assert not Match.objects.exists()


@pytest.mark.parametrize(
    ("url_name", "viewer"),
    [
        ("mentors:staff_list", "town_staff"),
        ("mentors:matches", "town_staff"),
        ("mentors:waiting", "town_staff"),
        ("mentors:directory", "youth_a"),
        ("mentors:home", "mentor"),
        ("mentors:chief", "chief"),
        ("mentors:sessions", "town_staff"),
    ],
)
def test_pages_read_a_fixed_number_of_queries(client, cast, town_a, village_a1, url_name, viewer):
    own = make_mentor(user=cast["mentor"], centre=town_a, capacity=20)
    chief = make_mentor(centre=town_a, chief=True, capacity=20, two_factor=True)
    people = {**cast, "chief": chief.user}
    client.force_login(people[viewer])
    url = reverse(url_name)

    def grow(n):
        for _ in range(n):
            youth = YouthProfileFactory(home_centre=village_a1).user
            other = make_mentor(centre=town_a, capacity=20)
            match = make_match(youth=youth, mentor=own, status=Status.ACTIVE)
            make_match(youth=youth, mentor=other)
            make_session(match=match, status=SessionStatus.LOGGED, days=-1)
            make_session(match=match)
            MentoringWish.objects.create(
                youth=YouthProfileFactory(home_centre=village_a1).user, centre=village_a1
            )

    grow(1)
    few = _queries(client, url)
    grow(19)
    assert MentorProfile.objects.count() >= 20
    assert _queries(client, url) == few
