"""The person's job applications and placements on their timeline: two queries."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.timeline import Entry, Source, register

from .models import Application, Placement, Status


def entries(person, viewer):
    labels = dict(Status.choices)
    applications = (
        Application.objects.visible_to(viewer)
        .filter(youth=person)
        .select_related("vacancy__enterprise")
        .order_by("-status_changed_at")[:30]
    )
    for application in applications:
        yield Entry(
            when=application.status_changed_at,
            what=_("Job “%(job)s” at %(employer)s: %(status)s")
            % {
                "job": application.vacancy.title,
                "employer": application.vacancy.enterprise.name,
                "status": labels.get(application.status, ""),
            },
            url=reverse("jobs:application_detail", args=[application.pk]),
            app="jobs",
        )
    placements = Placement.objects.visible_to(viewer).filter(youth=person)[:30]
    for placement in placements:
        when = timezone.make_aware(
            timezone.datetime.combine(placement.start_date, timezone.datetime.min.time())
        )
        yield Entry(
            when=max(when, placement.created_at) if placement.vacancy_id else when,
            what=_("Placed in a job: %(job)s at %(employer)s")
            % {"job": placement.job_title, "employer": placement.employer_name},
            app="jobs",
        )


register(Source(app="jobs", entries=entries))
