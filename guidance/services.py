"""Every change at the guidance desk: one transaction each, with history, audit and messages."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import OrgUnit, User
from audit import services as audit
from core.scoping import in_scope, is_staff_member, is_youth
from notifications.services import notify

from .models import (
    FINAL,
    NEEDS_MEDIATOR,
    RECOVERED_REQUIRED,
    TRANSITIONS,
    Case,
    CaseChange,
    CaseDocument,
    CaseNote,
    Consultation,
    Status,
)
from .permissions import can_add_document, can_assign, role_in, works_on
from .selectors import is_candidate

ILLEGAL_MOVE = _("A case cannot move from “%(from)s” to “%(to)s”.")
NOT_YOUR_MOVE = _("You cannot move this case to “%(to)s”.")
STALE_STATUS = _("The case has just been changed by someone else. Please look again.")
NOTE_REQUIRED = _("Please say why the case is closed: the young person will read it.")
MEDIATOR_FIRST = _("Assign a mediator first.")
NOT_A_CANDIDATE = _(
    "This person cannot take the case: choose staff of the case's centre or above it, or a "
    "mediator of an office there."
)
NO_HOME_CENTRE = _("Choose your youth centre in your profile first.")
NOT_YOUTH = _("Cases are opened for registered young people.")
FINAL_CASE = _("This case is finished: nothing more can be added.")
FOLLOW_UP_NOTHING = _("This consultation has no follow-up waiting.")
WALK_IN_OR_YOUTH = _("A consultation with a registered young person has no walk-in name.")


def _case_url(case: Case) -> str:
    return settings.SITE_URL + reverse("guidance:case_detail", args=[case.pk])


def _touch(case: Case, now=None) -> None:
    case.last_activity_at = now or timezone.now()
    case.save(update_fields=["last_activity_at"])


# --- consultations --------------------------------------------------------------------------


@transaction.atomic
def consultation_create(
    *,
    actor: User,
    centre: OrgUnit,
    topic: str,
    summary: str,
    youth: User | None = None,
    follow_up_on: datetime.date | None = None,
) -> Consultation:
    """Staff log a consultation at a centre in their scope; ``youth`` None is a walk-in."""
    if not is_staff_member(actor) or not in_scope(actor, centre):
        raise PermissionDenied
    if youth is not None and not is_youth(youth):
        raise ValidationError({"youth": NOT_YOUTH})
    consultation = Consultation(
        centre=centre,
        youth=youth,
        topic=topic,
        summary=summary,
        follow_up_on=follow_up_on,
        created_by=actor,
    )
    consultation.full_clean()
    consultation.save()
    audit.record("guidance.consultation_logged", actor=actor, target=consultation)
    return consultation


@transaction.atomic
def consultation_follow_up_done(*, consultation: Consultation, actor: User) -> Consultation:
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if not in_scope(actor, consultation.centre):
        raise PermissionDenied
    if consultation.follow_up_on is None or consultation.followed_up_at is not None:
        raise ValidationError(FOLLOW_UP_NOTHING)
    consultation.followed_up_at = timezone.now()
    consultation.save(update_fields=["followed_up_at"])
    audit.record("guidance.follow_up_done", actor=actor, target=consultation)
    return consultation


# --- rights-protection cases ----------------------------------------------------------------


@transaction.atomic
def case_open(
    *,
    actor: User,
    youth: User,
    kind: str,
    other_party: str,
    description: str,
    amount_claimed: Decimal,
) -> Case:
    """The young person opens their own case, or staff open one for a young person of their
    area. The case belongs to the young person's home centre."""
    if not is_youth(youth):
        raise ValidationError(NOT_YOUTH)
    centre = youth.youth_profile.home_centre
    if centre is None:
        raise ValidationError(NO_HOME_CENTRE)
    if actor.pk != youth.pk and not (is_staff_member(actor) and in_scope(actor, centre)):
        raise PermissionDenied
    now = timezone.now()
    case = Case(
        youth=youth,
        centre=centre,
        kind=kind,
        other_party=other_party,
        description=description,
        amount_claimed=amount_claimed,
        status=Status.OPEN,
        opened_by=actor,
        status_changed_at=now,
        last_activity_at=now,
        created_at=now,
    )
    case.full_clean()
    case.save()
    CaseChange.objects.create(case=case, from_status="", to_status=Status.OPEN, actor=actor)
    audit.record("guidance.case_opened", actor=actor, target=case)
    return case


@transaction.atomic
def case_assign(*, case: Case, mediator: User, actor: User) -> Case:
    """Staff in scope give the case to a mediator (staff or an office's mediator)."""
    case = Case.objects.select_for_update().select_related("centre").get(pk=case.pk)
    if not can_assign(actor, case):
        raise PermissionDenied
    if not is_candidate(case, mediator):
        raise ValidationError({"mediator": NOT_A_CANDIDATE})
    previous = case.mediator_id
    case.mediator = mediator
    case.last_activity_at = timezone.now()
    case.save(update_fields=["mediator", "last_activity_at"])
    audit.record(
        "guidance.case_assigned",
        actor=actor,
        target=case,
        data={"from": previous, "to": mediator.pk},
    )
    if mediator.pk != actor.pk and previous != mediator.pk:
        notify(
            recipient=mediator,
            kind="guidance.case_assigned",
            key=f"case-{case.pk}-assigned-{mediator.pk}-{int(case.last_activity_at.timestamp())}",
            context={"case": case},
            url=_case_url(case),
        )
    return case


@transaction.atomic
def case_transition(
    *,
    case: Case,
    to_status: str,
    actor: User,
    note: str = "",
    amount_recovered: Decimal | None = None,
    expected_status: str | None = None,
) -> Case:
    """Move a case, if the table allows it and the actor may. ``note`` is for the young
    person (they read it with the progress); resolving records the amount recovered."""
    case = Case.objects.select_for_update().select_related("centre").get(pk=case.pk)
    if expected_status is not None and case.status != expected_status:
        raise ValidationError(STALE_STATUS)
    labels = dict(Status.choices)
    if to_status not in labels or (case.status, to_status) not in TRANSITIONS:
        raise ValidationError(
            ILLEGAL_MOVE,
            params={"from": labels[case.status], "to": labels.get(to_status, to_status)},
        )
    if role_in(actor, case) not in TRANSITIONS[(case.status, to_status)]:
        raise ValidationError(NOT_YOUR_MOVE, params={"to": labels[to_status]})
    if to_status in NEEDS_MEDIATOR and case.mediator_id is None:
        raise ValidationError(MEDIATOR_FIRST)
    note = note.strip()
    if to_status == Status.CLOSED and not note:
        raise ValidationError({"note": NOTE_REQUIRED})
    if to_status == Status.RESOLVED:
        if amount_recovered is None:
            raise ValidationError({"amount_recovered": RECOVERED_REQUIRED})
        case.amount_recovered = amount_recovered
        case.resolved_on = timezone.localdate()
    from_status = case.status
    now = timezone.now()
    case.status = to_status
    case.status_changed_at = now
    case.last_activity_at = now
    case.full_clean()
    case.save(
        update_fields=[
            "status", "status_changed_at", "last_activity_at", "amount_recovered", "resolved_on",
        ]
    )  # fmt: skip
    change = CaseChange.objects.create(
        case=case, from_status=from_status, to_status=to_status, actor=actor, note=note
    )
    audit.record(
        "guidance.case_moved", actor=actor, target=case, data={"from": from_status, "to": to_status}
    )
    if case.youth_id != actor.pk:
        notify(
            recipient=case.youth,
            kind="guidance.case_progress",
            key=f"case-{case.pk}-change-{change.pk}",
            context={"case": case, "change": change},
            url=_case_url(case),
        )
    return case


@transaction.atomic
def case_note_add(*, case: Case, actor: User, text: str, noted_on: datetime.date) -> CaseNote:
    """An internal note, by staff in scope or the assigned mediator."""
    case = Case.objects.select_for_update().select_related("centre").get(pk=case.pk)
    if not works_on(actor, case):
        raise PermissionDenied
    note = CaseNote(case=case, author=actor, text=text.strip(), noted_on=noted_on)
    note.full_clean()
    note.save()
    _touch(case)
    audit.record("guidance.case_noted", actor=actor, target=case)
    return note


@transaction.atomic
def case_document_add(*, case: Case, actor: User, title: str, content: ContentFile) -> CaseDocument:
    case = Case.objects.select_for_update().select_related("centre").get(pk=case.pk)
    if not can_add_document(actor, case):
        raise PermissionDenied
    if case.status in FINAL and role_in(actor, case) is None:
        raise ValidationError(FINAL_CASE)
    document = CaseDocument(case=case, title=title.strip(), uploaded_by=actor)
    document.full_clean(exclude=["file"])
    document.file.save(content.name, content, save=False)
    name, storage = document.file.name, document.file.storage
    # Storage does not roll back with the database: the file goes if the save fails.
    try:
        document.save()
        _touch(case)
        audit.record("guidance.document_added", actor=actor, target=case)
    except BaseException:
        storage.delete(name)
        raise
    return document


OFFICE_TAKEN = _("An office of this name is already registered at this centre.")


@transaction.atomic
def office_create(*, actor: User, name: str, kind: str, centre: OrgUnit):
    """Staff register a mediation office or the legal service centre at a centre in scope."""
    from core.services import unique_or_invalid

    from .models import Office

    if not is_staff_member(actor) or not in_scope(actor, centre):
        raise PermissionDenied
    office = Office(name=name.strip(), kind=kind, centre=centre)
    same = Office.objects.filter(name=office.name, centre=centre)
    if same.exists():
        raise ValidationError({"name": OFFICE_TAKEN})
    office.full_clean(validate_constraints=False)
    with unique_or_invalid(("name", OFFICE_TAKEN, same)):
        office.save()
    audit.record("guidance.office_created", actor=actor, target=office)
    return office
