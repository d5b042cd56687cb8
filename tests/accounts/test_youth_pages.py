import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import StaffProfile
from audit.models import Entry

from ..factories import StaffProfileFactory, YouthProfileFactory


def test_it_hides_another_towns_youth_from_search_by_name_phone_and_id(
    client, other_town_staff, youth_a
):
    client.force_login(other_town_staff)
    profile = youth_a.youth_profile
    for query in [youth_a.name, youth_a.email, youth_a.phone, profile.national_id]:
        response = client.get(reverse("accounts:youth_list"), {"q": query})
        assert response.status_code == 200
        assert list(response.context["page"]) == [], query
        detail_url = reverse("accounts:youth_detail", args=[profile.pk])
        assert detail_url not in response.content.decode()


def test_it_finds_own_towns_youth_by_full_phone_and_id(client, town_staff, youth_a, youth_b):
    client.force_login(town_staff)
    profile = youth_a.youth_profile
    for query in ["Alice", "+86 138 0000 0001", profile.national_id.lower()]:
        response = client.get(reverse("accounts:youth_list"), {"q": query})
        assert list(response.context["page"]) == [profile], query


def test_it_refuses_another_towns_youth_by_url(client, other_town_staff, youth_a):
    client.force_login(other_town_staff)
    response = client.get(reverse("accounts:youth_detail", args=[youth_a.youth_profile.pk]))
    assert response.status_code == 404


def test_it_filters_by_centre_including_the_villages_below(
    client, district_staff, youth_a, youth_b, town_a
):
    client.force_login(district_staff)
    response = client.get(reverse("accounts:youth_list"), {"centre": town_a.pk})
    assert list(response.context["page"]) == [youth_a.youth_profile]


def test_it_ignores_a_centre_outside_the_scope(client, town_staff, youth_a, youth_b, town_b):
    client.force_login(town_staff)
    response = client.get(reverse("accounts:youth_list"), {"centre": town_b.pk})
    # The choice is invalid for this user: the form shows an error and the list stays scoped.
    assert response.status_code == 200
    assert youth_b.youth_profile not in list(response.context["page"])


def test_it_masks_id_and_phone_for_officers(client, town_staff, youth_a):
    client.force_login(town_staff)
    html = client.get(
        reverse("accounts:youth_detail", args=[youth_a.youth_profile.pk])
    ).content.decode()
    national_id = youth_a.youth_profile.national_id
    assert "138****0001" in html
    assert youth_a.phone not in html
    assert national_id not in html
    assert f"{national_id[:4]}**********{national_id[-4:]}" in html


def test_it_reveals_id_and_phone_to_coordinators_on_request_and_logs_it(
    client, district_staff, youth_a
):
    client.force_login(district_staff)
    url = reverse("accounts:youth_detail", args=[youth_a.youth_profile.pk])
    masked = client.get(url).content.decode()
    assert youth_a.phone not in masked
    assert not Entry.objects.filter(action="youth.personal_data_revealed").exists()

    html = client.get(url, {"reveal": "1"}).content.decode()
    assert youth_a.phone in html
    assert youth_a.youth_profile.national_id in html
    entry = Entry.objects.get(action="youth.personal_data_revealed")
    assert entry.actor == district_staff
    assert entry.target_id == str(youth_a.youth_profile.pk)
    assert youth_a.phone not in str(entry.data)


def test_an_officer_asking_to_reveal_gets_403_and_nothing_shown(client, town_staff, youth_a):
    client.force_login(town_staff)
    url = reverse("accounts:youth_detail", args=[youth_a.youth_profile.pk])
    response = client.get(url, {"reveal": "1"})
    assert response.status_code == 403
    assert youth_a.phone not in response.content.decode()
    assert Entry.objects.filter(action="access.denied", actor=town_staff).exists()


def test_personal_data_pages_are_not_cached(client, district_staff, youth_a):
    client.force_login(district_staff)
    response = client.get(reverse("accounts:youth_detail", args=[youth_a.youth_profile.pk]))
    assert "no-store" in response["Cache-Control"]


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("accounts:youth_list"))
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", [StaffProfile.Role.OFFICER, StaffProfile.Role.COORDINATOR])
def test_youth_list_queries_do_not_grow_with_rows(client, district, village_a1, role):
    staff = StaffProfileFactory(centre=district, role=role).user
    client.force_login(staff)
    client.get(reverse("accounts:youth_list"))  # the first request after sign-in saves the session
    YouthProfileFactory.create_batch(5, home_centre=village_a1)
    with_5 = _list_queries(client)
    YouthProfileFactory.create_batch(495, home_centre=village_a1)
    with_500 = _list_queries(client)
    assert with_5 == with_500
    # session, the user with their roles, centre and unread messages (accounts/backends.py),
    # count, page of rows, centre choices of the filter. (Lists never reveal, so no
    # permission look-up.)
    assert with_500 == 5, with_500
