"""Job fairs: employers book a stand once, young people register once, staff of the organising
centre record who came; the day before, registered young people are reminded."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from jobs import services
from jobs.models import FairRegistration, FairStand, JobFair
from notifications.models import Message
from notifications.services import run_reminders


@pytest.fixture
def fair(town_staff):
    return services.fair_create(
        created_by=town_staff,
        title="春季招聘会",
        venue="镇文化广场",
        starts_at=timezone.now() + datetime.timedelta(days=1, hours=1),
    )


def test_a_fair_in_the_past_cannot_be_organised(town_staff):
    with pytest.raises(ValidationError):
        services.fair_create(
            created_by=town_staff,
            title="旧招聘会",
            venue="广场",
            starts_at=timezone.now() - datetime.timedelta(hours=1),
        )
    assert not JobFair.objects.exists()


def test_stands_and_registrations_are_once_each(fair, enterprise_contact, youth_a, youth_b):
    services.fair_stand_book(fair=fair, actor=enterprise_contact)
    with pytest.raises(ValidationError):
        services.fair_stand_book(fair=fair, actor=enterprise_contact)
    services.fair_register(fair=fair, youth=youth_a)
    with pytest.raises(ValidationError):
        services.fair_register(fair=fair, youth=youth_a)
    services.fair_register(fair=fair, youth=youth_b)
    assert FairStand.objects.count() == 1
    assert FairRegistration.objects.count() == 2


def test_only_employers_book_stands(fair, youth_a, bank_officer):
    for person in (youth_a, bank_officer):
        with pytest.raises(PermissionDenied):
            services.fair_stand_book(fair=fair, actor=person)
    assert not FairStand.objects.exists()


def test_staff_of_the_centre_record_who_came(
    client, fair, youth_a, youth_b, town_staff, other_town_staff
):
    came = services.fair_register(fair=fair, youth=youth_a)
    services.fair_register(fair=fair, youth=youth_b)
    with pytest.raises(PermissionDenied):
        services.fair_attendance_record(fair=fair, actor=other_town_staff, came=[came.pk])
    client.force_login(town_staff)
    url = reverse("jobs:fair_attendance", args=[fair.pk])
    assert client.post(url, {"came": [str(came.pk), "abc", "9" * 30]}).status_code == 302
    assert list(FairRegistration.objects.filter(attended=True).values_list("youth", flat=True)) == [
        youth_a.pk
    ]


def test_registered_young_people_are_reminded_the_day_before(fair, youth_a, youth_b):
    services.fair_register(fair=fair, youth=youth_a)
    JobFair.objects.filter(pk=fair.pk).update(
        starts_at=timezone.make_aware(
            datetime.datetime.combine(
                timezone.localdate() + datetime.timedelta(days=1), datetime.time(9, 30)
            )
        )
    )
    run_reminders()
    run_reminders()
    rows = Message.objects.filter(kind="jobs.fair_tomorrow")
    assert {m.recipient_id for m in rows} == {youth_a.pk}
    assert rows.filter(channel="sms").count() == 1


def test_the_pages(client, fair, youth_a, enterprise_contact):
    client.force_login(youth_a)
    client.post(reverse("jobs:fair_register", args=[fair.pk]))
    assert FairRegistration.objects.filter(fair=fair, youth=youth_a).exists()
    client.force_login(enterprise_contact)
    client.post(reverse("jobs:fair_stand_book", args=[fair.pk]))
    page = client.get(reverse("jobs:fair_detail", args=[fair.pk])).content.decode()
    assert enterprise_contact.partner_membership.enterprise.name in page
