from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.links import link
from core.queues import Queue, register

from . import selectors
from .models import Match, Status
from .reminders import PENDING_AFTER, QUIET_AFTER


def _matches(user):
    return (
        Match.objects.visible_to(user)
        .select_related("youth", "mentor__user")
        .only(
            *("created_at", "accepted_at", "youth__name"),
            *("mentor__user__name", "mentor__user__email", "mentor__user__erased_at"),
        )
    )


def _requests(user):
    # Oldest first, through match_status_idx (status, -status_changed_at).
    return _matches(user).filter(status=Status.REQUESTED).order_by("created_at", "pk")


def _quiet(user):
    return _matches(user).quiet(timezone.now() - QUIET_AFTER).order_by("accepted_at", "pk")


def _match_label(match) -> str:
    return f"{match.youth.name or '—'} · {match.mentor}"


def _match_url(match) -> str:
    return reverse("mentors:match_detail", args=[match.pk])


register(
    Queue(
        key="mentors.waiting",
        label=_("Young people waiting for a mentor"),
        explanation=_(
            "Young people of your area who asked the centre to find them a mentor and have no "
            "active or open match: propose a mentor. Longest waiting first."
        ),
        records=selectors.waiting,
        item_label=lambda wish: wish.youth.name or "—",
        item_url=lambda wish: reverse("mentors:rank", args=[wish.youth_id]),
        url=lambda: link("mentors:waiting"),
        due=lambda wish: wish.created_at,
        order=20,
    )
)
register(
    Queue(
        key="mentors.requests",
        label=_("Mentoring requests not yet answered"),
        explanation=_(
            "Young people of your area who asked a mentor and have no answer yet; a request "
            "expires after 7 days. Red once it has waited 3 days: remind the mentor."
        ),
        records=_requests,
        item_label=_match_label,
        item_url=_match_url,
        url=lambda: f"{link('mentors:matches')}?status={Status.REQUESTED}",
        due=lambda match: match.created_at,
        urgent=lambda match: match.created_at <= timezone.now() - PENDING_AFTER,
        order=21,
    )
)
register(
    Queue(
        key="mentors.quiet",
        label=_("Mentorships with no session for 30 days"),
        explanation=_(
            "Active mentor matches of your area with no coaching session held or planned in "
            "the last 30 days: ask the mentor and the young person how it is going."
        ),
        records=_quiet,
        item_label=_match_label,
        item_url=_match_url,
        url=lambda: f"{link('mentors:matches')}?status={Status.ACTIVE}&quiet=on",
        due=lambda match: match.accepted_at,
        urgent=lambda match: True,
        order=22,
    )
)
