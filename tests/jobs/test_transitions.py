"""Every move of the table × every role; places never exceeded; a hire is a placement."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.timeline import timeline
from jobs import services
from jobs.models import (
    EMPLOYER,
    PLACES_EXCEEDED,
    TRANSITIONS,
    YOUTH,
    Application,
    ApplicationChange,
    HowFound,
    Placement,
    Status,
)
from notifications.models import Message

from .factories import make_application, make_vacancy

# Who tries each move: the applicant, youth B, the employer's contact, another employer's
# contact, staff of the employer's town, staff of another town, the district.
ACTORS = [
    "youth_a",
    "youth_b",
    "enterprise_contact",
    "other_enterprise_contact",
    "town_staff",
    "other_town_staff",
    "district_staff",
]
ALLOWED = {
    YOUTH: {"youth_a"},
    EMPLOYER: {"enterprise_contact", "town_staff", "district_staff"},
}
ALL_PAIRS = [(f, t) for f in Status.values for t in Status.values if f != t]


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(("frm", "to"), ALL_PAIRS, ids=[f"{f}-{t}" for f, t in ALL_PAIRS])
def test_every_move_and_role(cast, partner_enterprise, frm, to, actor):
    vacancy = make_vacancy(partner_enterprise)
    application = make_application(vacancy, cast["youth_a"], status=frm)
    allowed = (frm, to) in TRANSITIONS and actor in ALLOWED[TRANSITIONS[(frm, to)]]
    call = {
        "application": application,
        "to_status": to,
        "actor": cast[actor],
        "reason": "岗位已满" if to == Status.DECLINED else "",
    }
    if allowed:
        services.application_transition(**call)
        application.refresh_from_db()
        assert application.status == to
        assert ApplicationChange.objects.filter(application=application, to_status=to).exists()
        assert Placement.objects.filter(youth=cast["youth_a"]).exists() == (to == Status.HIRED)
    else:
        with pytest.raises(ValidationError):
            services.application_transition(**call)
        application.refresh_from_db()
        assert application.status == frm
        assert not Placement.objects.exists()


def test_declining_needs_a_reason_and_the_young_person_reads_it(cast, partner_enterprise):
    application = make_application(make_vacancy(partner_enterprise), cast["youth_a"])
    with pytest.raises(ValidationError):
        services.application_transition(
            application=application, to_status=Status.DECLINED, actor=cast["enterprise_contact"]
        )
    services.application_transition(
        application=application,
        to_status=Status.DECLINED,
        actor=cast["enterprise_contact"],
        reason="需要叉车证",
    )
    message = Message.objects.get(
        recipient=cast["youth_a"], kind="jobs.status_changed", channel="email"
    )
    assert "需要叉车证" in message.body


def test_an_offer_reaches_the_young_person(cast, partner_enterprise):
    application = make_application(
        make_vacancy(partner_enterprise), cast["youth_a"], status=Status.SHORTLISTED
    )
    services.application_transition(
        application=application, to_status=Status.OFFERED, actor=cast["enterprise_contact"]
    )
    assert Message.objects.filter(recipient=cast["youth_a"], kind="jobs.offer_made").exists()


def test_a_stale_page_changes_nothing(cast, partner_enterprise):
    application = make_application(make_vacancy(partner_enterprise), cast["youth_a"])
    with pytest.raises(ValidationError):
        services.application_transition(
            application=application,
            to_status=Status.OFFERED,
            actor=cast["enterprise_contact"],
            expected_status=Status.SHORTLISTED,
        )
    application.refresh_from_db()
    assert application.status == Status.APPLIED


def test_places_are_never_exceeded(cast, partner_enterprise, village_a1):
    from ..factories import YouthProfileFactory

    vacancy = make_vacancy(partner_enterprise, places=1)
    first = make_application(vacancy, cast["youth_a"], status=Status.ACCEPTED)
    other = YouthProfileFactory(home_centre=village_a1).user
    second = make_application(vacancy, other, status=Status.ACCEPTED)
    services.application_transition(
        application=first, to_status=Status.HIRED, actor=cast["enterprise_contact"]
    )
    with pytest.raises(ValidationError) as refused:
        services.application_transition(
            application=second, to_status=Status.HIRED, actor=cast["enterprise_contact"]
        )
    assert str(PLACES_EXCEEDED) in refused.value.messages
    vacancy.refresh_from_db()
    second.refresh_from_db()
    assert (vacancy.filled, second.status) == (1, Status.ACCEPTED)
    assert Placement.objects.filter(vacancy=vacancy).count() == 1


def test_applying_twice_is_refused(cast, partner_enterprise):
    vacancy = make_vacancy(partner_enterprise)
    services.application_create(vacancy=vacancy, youth=cast["youth_a"])
    with pytest.raises(ValidationError):
        services.application_create(vacancy=vacancy, youth=cast["youth_a"])
    assert Application.objects.count() == 1
    # The employer's contact hears of the new applicant.
    assert Message.objects.filter(
        recipient=cast["enterprise_contact"], kind="jobs.new_applicant"
    ).exists()


def test_the_whole_way_through_pages_ends_on_the_timeline(client, cast, partner_enterprise):
    vacancy = make_vacancy(partner_enterprise)
    client.force_login(cast["youth_a"])
    response = client.post(reverse("jobs:apply", args=[vacancy.pk]), {"message": "我有经验"})
    application = Application.objects.get(youth=cast["youth_a"])
    assert response.status_code == 302
    steps = [
        ("enterprise_contact", Status.SHORTLISTED),
        ("enterprise_contact", Status.OFFERED),
        ("youth_a", Status.ACCEPTED),
        ("enterprise_contact", Status.HIRED),
    ]
    for who, to in steps:
        client.force_login(cast[who])
        expected = Application.objects.get(pk=application.pk).status
        client.post(
            reverse("jobs:application_move", args=[application.pk]),
            {"to_status": to, "expected_status": expected},
        )
        assert Application.objects.get(pk=application.pk).status == to
    placement = Placement.objects.get(youth=cast["youth_a"])
    assert placement.how_found == HowFound.PORTAL
    assert any(
        entry.app == "jobs" and "肉制品加工工" in str(entry.what)
        for entry in timeline(cast["youth_a"], cast["youth_a"])
    )


def test_an_employer_sees_only_its_own_applicants(client, cast, partner_enterprise):
    application = make_application(make_vacancy(partner_enterprise), cast["youth_a"])
    client.force_login(cast["other_enterprise_contact"])
    assert client.get(reverse("jobs:application_detail", args=[application.pk])).status_code == 404
    assert client.get(reverse("jobs:applicants", args=[application.vacancy_id])).status_code == 404
    response = client.post(
        reverse("jobs:application_move", args=[application.pk]),
        {"to_status": Status.SHORTLISTED, "expected_status": Status.APPLIED},
    )
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == Status.APPLIED
    client.force_login(cast["enterprise_contact"])
    page = client.get(reverse("jobs:applicants", args=[application.vacancy_id]))
    assert "Alice" in page.content.decode()


def test_a_move_of_the_table_not_for_this_role_is_403(client, cast, partner_enterprise):
    application = make_application(
        make_vacancy(partner_enterprise), cast["youth_a"], status=Status.OFFERED
    )
    client.force_login(cast["enterprise_contact"])
    response = client.post(
        reverse("jobs:application_move", args=[application.pk]),
        {"to_status": Status.ACCEPTED, "expected_status": Status.OFFERED},
    )
    assert response.status_code == 403


def test_a_vacancy_past_its_closing_date_is_neither_listed_nor_open(
    client, youth_a, partner_enterprise
):
    import datetime

    from django.utils import timezone

    past = make_vacancy(
        partner_enterprise,
        title="已截止岗位",
        closes_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    client.force_login(youth_a)
    assert "已截止岗位" not in client.get(reverse("jobs:vacancy_list")).content.decode()
    assert client.get(reverse("jobs:vacancy_detail", args=[past.pk])).status_code == 404
    assert client.post(reverse("jobs:apply", args=[past.pk])).status_code == 404
    assert not Application.objects.exists()


def test_an_employer_posts_only_for_its_own_enterprise(cast, partner_enterprise):
    import datetime

    from django.core.exceptions import PermissionDenied
    from django.utils import timezone

    from jobs.models import Vacancy

    with pytest.raises(PermissionDenied):
        services.vacancy_create(
            actor=cast["other_enterprise_contact"],
            enterprise=partner_enterprise,
            title="冒名岗位",
            places=1,
            pay_min=1,
            pay_max=2,
            location_kind="district",
            location="城关",
            sector="services",
            requirements="",
            closes_on=timezone.localdate() + datetime.timedelta(days=3),
        )
    assert not Vacancy.objects.exists()
