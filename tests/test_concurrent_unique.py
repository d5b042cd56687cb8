"""Two submissions of the same unique value at the same instant: one succeeds, the other gets
the form's message (the unique constraint decides; core.services.unique_or_invalid), never a
500. PostgreSQL only: real threads, each on its own connection, held at a barrier so that both
have passed every check in Python before either writes."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connections
from django.test import Client
from django.urls import reverse

from accounts.models import User, YouthProfile
from accounts.services import NATIONAL_ID_TAKEN, PHONE_TAKEN, youth_profile_update
from notifications.models import Message
from partners.models import Bank, Enterprise
from partners.services import BANK_TAKEN, USCC_TAKEN, bank_create, enterprise_update
from projects.models import Stage, VentureProject
from projects.services import USCC_TAKEN as PROJECT_USCC_TAKEN
from projects.services import project_facts_update

from .factories import (
    EnterpriseFactory,
    VentureProjectFactory,
    YouthProfileFactory,
    make_national_id,
    make_uscc,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def hold_first_insert(monkeypatch, model, parties=2):
    """Each thread waits at a barrier before its first write of ``model``, i.e. after all
    its checks; then they write at once."""
    barrier = threading.Barrier(parties, timeout=20)
    held = threading.local()
    original = model.save

    def save(self, *args, **kwargs):
        if not getattr(held, "done", False):
            held.done = True
            barrier.wait()
        return original(self, *args, **kwargs)

    monkeypatch.setattr(model, "save", save)
    return barrier


def race(*calls):
    """Run each call in its own thread (and database connection); returns what each
    returned or raised."""
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            outcomes[index] = ("ok", call())
        except BaseException as error:  # noqa: BLE001 - reported to the test
            outcomes[index] = ("raised", error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    return outcomes


def one_success_one_message(outcomes, field, message):
    kinds = sorted(kind for kind, _value in outcomes)
    assert kinds == ["ok", "raised"], outcomes
    error = next(value for kind, value in outcomes if kind == "raised")
    assert isinstance(error, ValidationError), repr(error)
    assert error.message_dict == {field: [str(message)]}


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- credit codes -------------------------------------------------------------------------


def _enterprise_data(town, uscc, name):
    return {
        "name": name,
        "uscc": uscc,
        "centre": town.pk,
        "contact_name": "王五",
        "is_active": "on",
    }


def test_two_staff_registering_one_enterprise_at_once_get_one_success_and_one_form_message(
    town_staff, district_staff, town_a, monkeypatch
):
    hold_first_insert(monkeypatch, Enterprise)
    uscc = make_uscc(4242)
    url = reverse("partners:enterprise_create")
    clients = [logged_in(town_staff), logged_in(district_staff)]

    outcomes = race(
        *[
            lambda c=client, n=n: c.post(url, _enterprise_data(town_a, uscc, f"竹编合作社{n}"))
            for n, client in enumerate(clients)
        ]
    )

    assert [kind for kind, _ in outcomes] == ["ok", "ok"], outcomes  # no exception, no 500
    responses = sorted((r for _, r in outcomes), key=lambda r: r.status_code)
    assert [r.status_code for r in responses] == [200, 302]
    form = responses[0].context["form"]
    assert form.errors == {"uscc": [str(USCC_TAKEN)]}
    assert str(USCC_TAKEN) in responses[0].content.decode()
    assert Enterprise.objects.filter(uscc=uscc).count() == 1


def test_two_enterprises_changed_to_one_credit_code_at_once(town_staff, town_a, monkeypatch):
    first, second = EnterpriseFactory(centre=town_a), EnterpriseFactory(centre=town_a)
    uscc = make_uscc(777)
    hold_first_insert(monkeypatch, Enterprise)

    outcomes = race(
        *[
            lambda e=e: enterprise_update(enterprise=e, actor=town_staff, uscc=uscc)
            for e in (first, second)
        ]
    )

    one_success_one_message(outcomes, "uscc", USCC_TAKEN)
    assert Enterprise.objects.filter(uscc=uscc).count() == 1


def test_two_staff_registering_one_bank_branch_at_once(town_staff, district_staff, town_a,
                                                        monkeypatch):  # fmt: skip
    hold_first_insert(monkeypatch, Bank)
    outcomes = race(
        *[
            lambda u=u: bank_create(
                created_by=u,
                name="农商银行",
                branch="城关支行",
                centre=town_a,
                base_interest_rate=Decimal("4.35"),
            )
            for u in (town_staff, district_staff)
        ]
    )
    one_success_one_message(outcomes, "__all__", BANK_TAKEN)
    assert Bank.objects.count() == 1


def test_two_projects_given_one_credit_code_at_once(district_staff, village_a1, monkeypatch):
    projects = [VentureProjectFactory(centre=village_a1, stage=Stage.LAUNCHED) for _ in range(2)]
    uscc = make_uscc(5150)
    hold_first_insert(monkeypatch, VentureProject)

    outcomes = race(
        *[
            lambda p=p: project_facts_update(
                project=p,
                actor=district_staff,
                is_registered=True,
                business_name="竹编坊",
                uscc=uscc,
            )  # fmt: skip
            for p in projects
        ]
    )

    one_success_one_message(outcomes, "uscc", PROJECT_USCC_TAKEN)
    assert VentureProject.objects.filter(uscc=uscc).count() == 1


# --- the young person's numbers -----------------------------------------------------------


def test_two_young_people_entering_one_id_number_at_once(village_a1, monkeypatch):
    profiles = [YouthProfileFactory(home_centre=village_a1, national_id=None) for _ in range(2)]
    national_id = make_national_id(123)
    hold_first_insert(monkeypatch, YouthProfile)

    outcomes = race(
        *[
            lambda p=p: youth_profile_update(
                profile=p, name="陈明", phone=p.user.phone, national_id=national_id
            )
            for p in profiles
        ]
    )

    one_success_one_message(outcomes, "national_id", NATIONAL_ID_TAKEN)
    assert YouthProfile.objects.with_national_id(national_id).count() == 1


def test_two_young_people_entering_one_mobile_number_at_once(village_a1, monkeypatch):
    profiles = [YouthProfileFactory(home_centre=village_a1) for _ in range(2)]
    phone = "13912340000"
    hold_first_insert(monkeypatch, User)

    outcomes = race(
        *[lambda p=p: youth_profile_update(profile=p, name="陈明", phone=phone) for p in profiles]
    )

    one_success_one_message(outcomes, "phone", PHONE_TAKEN)
    assert User.objects.with_phone(phone).count() == 1


# --- sign-up --------------------------------------------------------------------------------

PASSWORD = "Xy7!kq-longpass"


def _sign_up(email: str, phone: str):
    client = Client()
    data = {
        "name": "陈明",
        "email": email,
        "phone": phone,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "consent": "on",
    }
    return client.post(reverse("account_signup"), data)


def test_two_sign_ups_with_one_e_mail_at_once_make_one_account_and_answer_alike(
    district, monkeypatch
):
    """A sign-up never says whether an address is registered (issue 9): the one that lost the
    race gets the answer every sign-up gets. (Its notice to the owner is one of allauth's
    e-mails to that address, rate-limited: the winner's confirmation has just gone there.)"""
    hold_first_insert(monkeypatch, User)
    email = "twins@example.com"

    outcomes = race(lambda: _sign_up(email, "13911110001"), lambda: _sign_up(email, ""))

    assert [kind for kind, _ in outcomes] == ["ok", "ok"], outcomes  # no exception, no 500
    responses = [response for _, response in outcomes]
    assert [r.status_code for r in responses] == [302, 302]
    assert responses[0]["Location"] == responses[1]["Location"]
    assert User.objects.filter(email__iexact=email).count() == 1


def test_two_sign_ups_with_one_mobile_at_once_give_it_to_one_account(district, monkeypatch):
    """As when the number is registered already: the second account is made without it and
    the number's owner is told."""
    hold_first_insert(monkeypatch, User)
    phone = "13922220002"

    outcomes = race(lambda: _sign_up("first@example.com", phone),
                    lambda: _sign_up("second@example.com", phone))  # fmt: skip

    assert [kind for kind, _ in outcomes] == ["ok", "ok"], outcomes
    assert [r.status_code for _, r in outcomes] == [302, 302]
    assert User.objects.filter(email__in=["first@example.com", "second@example.com"]).count() == 2
    owner = User.objects.with_phone(phone).get()
    assert Message.objects.filter(recipient=owner, kind="accounts.signup_attempt").exists()
