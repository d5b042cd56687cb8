"""Who sees a case: staff in scope, the assigned mediator and the young person whose case it
is; staff of another town and every other mediator get 404; the young person never sees
internal notes or the case workers' documents."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse

from accounts.invitations import invitation_accept, invitation_create
from core.roles import needs_two_factor, roles_of
from guidance.invitations import NOT_FOR_OTHERS
from guidance.models import CaseDocument, CaseNote, Mediator, Status
from guidance.services import NOT_A_CANDIDATE, case_assign, case_note_add, case_transition
from notifications.models import Message

from ..factories import UserFactory
from .conftest import make_case

SECRET = "Employer lawyer hinted at a settlement of 9000 yuan"


def _urls(case):
    return [
        reverse("guidance:case_detail", args=[case.pk]),
        reverse("guidance:case_document", args=[case.pk]),
    ]


def test_the_assigned_mediator_sees_the_case_and_its_notes(client, case_a, mediator_a):
    CaseNote.objects.create(case=case_a, author=mediator_a, text=SECRET)
    client.force_login(mediator_a)
    response = client.get(reverse("guidance:case_detail", args=[case_a.pk]))
    assert response.status_code == 200
    assert SECRET in response.content.decode()


@pytest.mark.parametrize("who", ["other_mediator", "mediator_b", "other_town_staff", "youth_b"])
def test_a_case_is_404_to_strangers(client, request, case_a, who):
    client.force_login(request.getfixturevalue(who))
    for url in _urls(case_a):
        assert client.get(url).status_code == 404, url
    move = reverse("guidance:case_move", args=[case_a.pk])
    assert (
        client.post(move, {"to_status": "mediation", "expected_status": "open"}).status_code == 404
    )
    note = reverse("guidance:case_note", args=[case_a.pk])
    assert client.post(note, {"noted_on": "2026-01-01", "text": "x"}).status_code == 404
    case_a.refresh_from_db()
    assert case_a.status == Status.OPEN
    assert not CaseNote.objects.exists()


def test_staff_of_another_town_do_not_find_it_in_their_list(client, case_a, other_town_staff):
    client.force_login(other_town_staff)
    response = client.get(reverse("guidance:cases"))
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == []


def test_the_young_person_never_sees_internal_notes(
    client, case_a, mediator_a, town_staff, youth_a
):
    case_note_add(case=case_a, actor=mediator_a, text=SECRET, noted_on=case_a.created_at.date())
    case_transition(
        case=case_a, to_status=Status.MEDIATION, actor=mediator_a, note="Meeting on Friday."
    )
    staff_doc = CaseDocument(case=case_a, title="Mediator's record", uploaded_by=town_staff)
    staff_doc.file.save("r.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    client.force_login(youth_a)
    page = client.get(reverse("guidance:case_detail", args=[case_a.pk])).content.decode()
    assert "Meeting on Friday." in page  # the progress, with the note written for them
    assert SECRET not in page
    assert "Mediator's record" not in page
    assert "notes" not in client.get(reverse("guidance:case_detail", args=[case_a.pk])).context
    assert client.get(reverse("guidance:document", args=[staff_doc.pk])).status_code == 404
    # ...nor in the messages they are sent.
    for message in Message.objects.filter(recipient=youth_a):
        assert SECRET not in message.body
    # Staff in scope do see it.
    client.force_login(town_staff)
    assert SECRET in client.get(reverse("guidance:case_detail", args=[case_a.pk])).content.decode()


def test_the_young_person_reads_documents_they_gave(client, case_a, youth_a):
    own = CaseDocument(case=case_a, title="My contract", uploaded_by=youth_a)
    own.file.save("c.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    client.force_login(youth_a)
    assert client.get(reverse("guidance:document", args=[own.pk])).status_code == 200


def test_mediators_list_only_their_cases(client, case_a, youth_a, mediator_a, other_mediator):
    other = make_case(youth_a, mediator=other_mediator)
    client.force_login(mediator_a)
    response = client.get(reverse("guidance:mediator_cases"))
    assert response.status_code == 200
    assert [c.pk for c in response.context["cases"]] == [case_a.pk]
    assert other.pk not in [c.pk for c in response.context["cases"]]


def test_a_mediator_may_not_assign_nor_reach_staff_pages(client, case_a, mediator_a):
    client.force_login(mediator_a)
    assign = reverse("guidance:case_assign", args=[case_a.pk])
    assert client.post(assign, {"mediator": mediator_a.pk}).status_code == 403
    for name in ("guidance:cases", "guidance:queue", "guidance:consultations"):
        assert client.get(reverse(name)).status_code == 404


def test_staff_assign_a_mediator_of_an_office_above_or_at_the_centre(
    case_a, town_staff, other_mediator, mediator_b, legal_centre
):
    case_assign(case=case_a, mediator=other_mediator, actor=town_staff)
    case_a.refresh_from_db()
    assert case_a.mediator == other_mediator
    assert Message.objects.filter(kind="guidance.case_assigned", recipient=other_mediator)
    with pytest.raises(ValidationError) as error:
        case_assign(case=case_a, mediator=mediator_b, actor=town_staff)
    assert error.value.message_dict["mediator"] == [str(NOT_A_CANDIDATE)]
    case_a.refresh_from_db()
    assert case_a.mediator == other_mediator


def test_staff_in_scope_may_carry_a_case(case_a, town_staff, district_staff, other_town_staff):
    case_assign(case=case_a, mediator=district_staff, actor=town_staff)
    assert case_a.__class__.objects.get(pk=case_a.pk).mediator == district_staff
    with pytest.raises(ValidationError):
        case_assign(case=case_a, mediator=other_town_staff, actor=town_staff)


def test_external_mediators_need_two_factor_and_hold_the_role(mediator_a):
    assert needs_two_factor(mediator_a)
    assert "mediator" in [role.key for role in roles_of(mediator_a)]


def test_the_mediator_role_costs_no_query_for_staff_and_youth(
    django_assert_num_queries, town_staff, youth_a
):
    from accounts.backends import signed_in_user
    from guidance.roles import is_external_mediator

    for person in (town_staff, youth_a):
        # As every request loads them: with their roles (accounts/backends.py).
        user = signed_in_user(person.pk)[0]
        with django_assert_num_queries(0):
            assert not is_external_mediator(user)


def test_accepting_an_invitation_makes_a_mediator(office_a, town_staff, youth_a):
    invitation = invitation_create(
        invited_by=town_staff,
        kind="mediator_external",
        email="new.mediator@example.com",
        centre=office_a.centre,
        target=office_a,
    )
    token = _token_of(invitation)
    user = UserFactory(email="new.mediator@example.com")
    invitation_accept(token=token, user=user)
    assert Mediator.objects.get(user=user).office == office_a
    # A young person's account cannot become a mediator.
    second = invitation_create(
        invited_by=town_staff,
        kind="mediator_external",
        email=youth_a.email,
        centre=office_a.centre,
        target=office_a,
    )
    with pytest.raises(ValidationError) as error:
        invitation_accept(token=_token_of(second), user=youth_a)
    assert error.value.messages == [str(NOT_FOR_OTHERS)]
    assert not Mediator.objects.filter(user=youth_a).exists()


def _token_of(invitation):
    """The link's token, read back from the message the invitation queued."""
    message = Message.objects.filter(kind="accounts.invitation").latest("pk")
    return message.url.rstrip("/").rsplit("/", 1)[-1]
