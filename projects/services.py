"""Every change to a venture project: one transaction each, with history, audit and messages."""

import datetime
from contextlib import contextmanager
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import OrgUnit, User
from audit import services as audit
from core.services import UNCHANGED, unique_or_invalid
from notifications.services import notify

from .models import (
    ACTS_AS,
    FACTS_BEFORE_LAUNCH,
    OUTCOME_TWICE,
    REASON_ASKED,
    TRANSITIONS,
    OutcomeReport,
    ProjectPhoto,
    Stage,
    StageChange,
    VentureProject,
)
from .permissions import (
    can_change_showcase,
    can_edit,
    can_report_outcome,
    can_update_facts,
    launch_blocked,
    role_in,
)

ILLEGAL_MOVE = _("A project cannot move from “%(from)s” to “%(to)s”.")
NOT_YOUR_MOVE = _("You cannot move this project to “%(to)s”.")
REASON_REQUIRED = _("Please give a reason: the team will read it.")
STALE_STAGE = _("The project has just been changed by someone else. Please look again.")
NOT_EDITABLE = _("A project can only be edited while it is an idea or an application.")
OUTCOME_NOT_LAUNCHED = _("Outcome figures are reported once the project has launched.")
OUTCOME_FUTURE = _("This quarter has not ended yet.")
OUTCOME_BEFORE_LAUNCH = _("This quarter ended before the project launched.")
MEMBER_NOT_YOUTH = _("Team members must be registered young people.")
USCC_TAKEN = _("Another project is registered with this unified social credit code.")


def _given(**values) -> dict:
    """The arguments the caller passed, by field name."""
    return {name: value for name, value in values.items() if value is not UNCHANGED}


def _project_url(project: VentureProject) -> str:
    return settings.SITE_URL + reverse("projects:detail", args=[project.pk])


def _check_members(lead: User, members) -> list[User]:
    members = [m for m in members if m.pk != lead.pk]
    if any(not hasattr(m, "youth_profile") for m in members):
        raise ValidationError({"members": MEMBER_NOT_YOUTH})
    return members


@contextmanager
def _files_removed_on_failure():
    """Files written inside the block are deleted again if the block fails: the database
    rolls back by itself, storage does not."""
    written: list = []
    try:
        yield written
    except BaseException:
        for storage, name in written:
            storage.delete(name)
        raise


def _save_files(project, written, business_plan, photos) -> None:
    if business_plan is not None:
        project.business_plan.save(business_plan.name, business_plan, save=False)
        written.append((project.business_plan.storage, project.business_plan.name))
    project.save()
    for content in photos:
        photo = ProjectPhoto(project=project)
        photo.image.save(content.name, content, save=False)
        written.append((photo.image.storage, photo.image.name))
        photo.save()


@transaction.atomic
def project_create(
    *,
    lead: User,
    name: str,
    sector: str,
    centre: OrgUnit,
    description: str,
    members=(),
    business_plan: ContentFile | None = None,
    photos=(),
) -> VentureProject:
    """A young person registers an idea. Stage, business facts and the showcase are not
    arguments: they change only through ``project_transition``, ``project_facts_update``
    and ``project_showcase_update``."""
    project = VentureProject(
        lead=lead,
        stage=Stage.IDEA,
        name=name,
        sector=sector,
        centre=centre,
        description=description,
    )
    # Everything is checked before a file touches the disk.
    project.full_clean(exclude=["business_plan"])
    members = _check_members(lead, members)
    with _files_removed_on_failure() as written:
        _save_files(project, written, business_plan, photos)
        project.members.set(members)
        StageChange.objects.create(project=project, from_stage="", to_stage=Stage.IDEA, actor=lead)
        audit.record("project.created", actor=lead, target=project)
    return project


@transaction.atomic
def project_update(
    *,
    project: VentureProject,
    actor: User,
    name: str = UNCHANGED,
    sector: str = UNCHANGED,
    centre: OrgUnit = UNCHANGED,
    description: str = UNCHANGED,
    members=None,
    business_plan: ContentFile | None = None,
    photos=(),
) -> VentureProject:
    """The lead edits what they wrote, while the project is an idea or an application.
    Arguments left out keep their value."""
    fields = _given(name=name, sector=sector, centre=centre, description=description)
    project = VentureProject.objects.select_for_update().get(pk=project.pk)
    if not can_edit(actor, project):
        raise ValidationError(NOT_EDITABLE)
    changed = [f for f, v in fields.items() if getattr(project, f) != v]
    for field, value in fields.items():
        setattr(project, field, value)
    project.full_clean(exclude=["business_plan"])
    if members is not None:
        members = _check_members(project.lead, members)
    old_plan = project.business_plan.name if project.business_plan else None
    with _files_removed_on_failure() as written:
        _save_files(project, written, business_plan, photos)
        if members is not None:
            project.members.set(members)
        if business_plan is not None:
            changed.append("business_plan")
        if photos:
            changed.append("photos")
        audit.record("project.changed", actor=actor, target=project, fields=sorted(set(changed)))
    if business_plan is not None and old_plan:
        storage = project.business_plan.storage
        transaction.on_commit(lambda: storage.delete(old_plan))
    return project


@transaction.atomic
def project_showcase_update(
    *, project: VentureProject, actor: User, opt_in: bool, story: str
) -> VentureProject:
    """The lead shows the project on the public showcase, or withdraws it, at any stage."""
    project = VentureProject.objects.select_for_update().get(pk=project.pk)
    if not can_change_showcase(actor, project):
        raise PermissionDenied
    project.showcase_opt_in = opt_in
    project.story = story
    project.full_clean(exclude=["business_plan"])
    project.save(update_fields=["showcase_opt_in", "story", "updated_at"])
    audit.record(
        "project.changed", actor=actor, target=project, fields=["showcase_opt_in", "story"]
    )
    return project


@transaction.atomic
def project_transition(
    *,
    project: VentureProject,
    to_stage: str,
    actor: User,
    reason: str = "",
    expected_stage: str | None = None,
) -> VentureProject:
    """Move a project to another stage, if the table allows it and the actor may.

    ``expected_stage`` is the stage the actor saw: if someone else moved the project
    in between, nothing happens and the actor is asked to look again.
    """
    project = VentureProject.objects.select_for_update().get(pk=project.pk)
    if expected_stage is not None and project.stage != expected_stage:
        raise ValidationError(STALE_STAGE)
    labels = dict(Stage.choices)
    if to_stage not in labels or (project.stage, to_stage) not in TRANSITIONS:
        raise ValidationError(
            ILLEGAL_MOVE,
            params={"from": labels[project.stage], "to": labels.get(to_stage, to_stage)},
        )
    if TRANSITIONS[(project.stage, to_stage)] not in ACTS_AS.get(role_in(actor, project), ()):
        raise ValidationError(NOT_YOUR_MOVE, params={"to": labels[to_stage]})
    if launch_blocked(project, to_stage):
        raise ValidationError(FACTS_BEFORE_LAUNCH)
    reason = reason.strip()
    if to_stage in REASON_ASKED and not reason:
        raise ValidationError({"reason": REASON_REQUIRED})
    from_stage = project.stage
    today = timezone.localdate()
    project.stage = to_stage
    project.stage_changed_at = timezone.now()
    if to_stage == Stage.SIGNED:
        project.signed_on = today
    if to_stage == Stage.LAUNCHED:
        project.launched_on = today
    project.save(update_fields=["stage", "stage_changed_at", "signed_on", "launched_on"])
    change = StageChange.objects.create(
        project=project, from_stage=from_stage, to_stage=to_stage, actor=actor, reason=reason
    )
    audit.record(
        "project.stage_changed",
        actor=actor,
        target=project,
        data={"from": from_stage, "to": to_stage},
    )
    # The lead hears by every channel; members (added by the lead, not by themselves) only in
    # their inbox, so nobody can be sent texts and e-mails by being put on a team.
    recipients = [(project.lead, None)] + [(m, ("inapp",)) for m in project.members.all()]
    for person, channels in recipients:
        if person.pk == actor.pk:
            continue
        notify(
            recipient=person,
            kind="projects.stage_changed",
            key=f"project-{project.pk}-change-{change.pk}-user-{person.pk}",
            context={"project": project, "change": change},
            url=_project_url(project),
            channels=channels,
        )
    return project


NOT_A_MEMBER = _("You are not a member of this project's team.")


@transaction.atomic
def project_member_leave(*, project: VentureProject, user: User) -> None:
    """Anyone put on a team can take themselves off it."""
    if not project.members.filter(pk=user.pk).exists():
        raise ValidationError(NOT_A_MEMBER)
    project.members.remove(user)
    audit.record("project.member_left", actor=user, target=project)


def _quarter_end(year: int, quarter: int) -> datetime.date:
    if quarter == 4:
        return datetime.date(year, 12, 31)
    return datetime.date(year, quarter * 3 + 1, 1) - datetime.timedelta(days=1)


@transaction.atomic
def outcome_report_submit(
    *,
    project: VentureProject,
    actor: User,
    year: int,
    quarter: int,
    jobs: int,
    jobs_for_youth: int,
    revenue_band: str,
) -> OutcomeReport:
    project = VentureProject.objects.select_for_update().get(pk=project.pk)
    if not project.is_launched:
        raise ValidationError(OUTCOME_NOT_LAUNCHED)
    if not can_report_outcome(actor, project):
        raise PermissionDenied
    end = _quarter_end(year, quarter)
    if end >= timezone.localdate():
        raise ValidationError({"quarter": OUTCOME_FUTURE})
    if project.launched_on and end < project.launched_on:
        raise ValidationError({"quarter": OUTCOME_BEFORE_LAUNCH})
    report = OutcomeReport(
        project=project,
        year=year,
        quarter=quarter,
        jobs=jobs,
        jobs_for_youth=jobs_for_youth,
        revenue_band=revenue_band,
        reported_by=actor,
    )
    report.full_clean()
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:  # a second report for the same quarter, submitted at the same time
        raise ValidationError(OUTCOME_TWICE) from None
    latest = project.outcomes.order_by("-year", "-quarter").first()
    if latest.pk == report.pk:
        # The project's figures are those of its latest quarter.
        project.jobs_created, project.jobs_for_youth = jobs, jobs_for_youth
        project.save(update_fields=["jobs_created", "jobs_for_youth", "updated_at"])
    audit.record("project.outcome_reported", actor=actor, target=project)
    return report


@transaction.atomic
def project_facts_update(
    *,
    project: VentureProject,
    actor: User,
    is_registered: bool = UNCHANGED,
    business_name: str = UNCHANGED,
    uscc: str | None = UNCHANGED,
    investment: Decimal = UNCHANGED,
    jobs_created: int = UNCHANGED,
    jobs_for_youth: int = UNCHANGED,
    in_demo_park: bool = UNCHANGED,
) -> VentureProject:
    """Staff record the registered business, investment, jobs and the park. Arguments left
    out keep their value."""
    fields = _given(
        is_registered=is_registered,
        business_name=business_name,
        uscc=uscc,
        investment=investment,
        jobs_created=jobs_created,
        jobs_for_youth=jobs_for_youth,
        in_demo_park=in_demo_park,
    )
    project = VentureProject.objects.select_for_update().get(pk=project.pk)
    if not can_update_facts(actor, project):
        raise PermissionDenied
    changed = [f for f, v in fields.items() if getattr(project, f) != v]
    for field, value in fields.items():
        setattr(project, field, value)
    project.uscc = project.uscc or None
    same_code = VentureProject.objects.filter(uscc=project.uscc).exclude(pk=project.pk)
    if not project.uscc:
        same_code = same_code.none()
    if same_code.exists():
        raise ValidationError({"uscc": USCC_TAKEN})
    project.full_clean(exclude=["business_plan"])
    # Two staff recording the same code at the same instant: the second hears the same.
    with unique_or_invalid(("uscc", USCC_TAKEN, same_code)):
        project.save()
    audit.record("project.facts_changed", actor=actor, target=project, fields=changed)
    return project
