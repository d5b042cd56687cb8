from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.links import link
from core.queues import Queue, register

from .forms import ATTENTION_CLOSING, ATTENTION_UNANSWERED
from .models import Vacancy
from .selectors import closing_unfilled, with_unanswered


def _vacancies(user):
    return (
        Vacancy.objects.visible_to(user)
        .select_related("enterprise")
        .only("title", "closes_on", "enterprise__name")
    )


def _label(vacancy) -> str:
    return f"{vacancy.title} · {vacancy.enterprise.name}"


def _applicants(vacancy) -> str:
    return reverse("jobs:applicants", args=[vacancy.pk])


register(
    Queue(
        key="jobs.unanswered",
        label=_("Vacancies with applications not answered"),
        explanation=_(
            "Open vacancies of employers in your area with applications the employer has not "
            "shortlisted or declined yet: remind the employer. The one closing soonest first."
        ),
        records=lambda user: with_unanswered(_vacancies(user)),
        item_label=_label,
        item_url=_applicants,
        url=lambda: f"{link('jobs:vacancy_manage')}?attention={ATTENTION_UNANSWERED}",
        due=lambda vacancy: vacancy.closes_on,
        urgent=lambda vacancy: vacancy.closes_on < timezone.localdate(),
        order=70,
    )
)
register(
    Queue(
        key="jobs.closing",
        label=_("Vacancies closing with places left"),
        explanation=_(
            "Open vacancies of employers in your area that close within 3 days with places "
            "still unfilled: point young people to them or ask the employer to extend. "
            "Soonest first."
        ),
        records=lambda user: closing_unfilled(_vacancies(user)),
        item_label=_label,
        item_url=_applicants,
        url=lambda: f"{link('jobs:vacancy_manage')}?attention={ATTENTION_CLOSING}",
        due=lambda vacancy: vacancy.closes_on,
        order=71,
    )
)
