"""The person's job applications and placements on their timeline (two parts of the one
timeline query, core/timeline.py)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.timeline import Entry, Part, Source, day, moment, register

from .models import Application, Placement, Status


def parts(person, viewer):
    labels = dict(Status.choices)

    def applied(row):
        return Entry(
            when=moment(row["at"]),
            what=_("Job “%(job)s” at %(employer)s: %(status)s")
            % {
                "job": row["job"],
                "employer": row["employer"],
                "status": labels.get(row["status"], ""),
            },
            url=reverse("jobs:application_detail", args=[row["application"]]),
            app="jobs",
        )

    def placed(row):
        when = timezone.make_aware(
            timezone.datetime.combine(day(row["start"]), timezone.datetime.min.time())
        )
        return Entry(
            when=max(when, moment(row["created"])) if row["vacancy"] else when,
            what=_("Placed in a job: %(job)s at %(employer)s")
            % {"job": row["job"], "employer": row["employer"]},
            app="jobs",
        )

    return [
        Part(
            Application.objects.visible_to(viewer)
            .filter(youth=person)
            .order_by("-status_changed_at"),
            {
                "at": "status_changed_at",
                "application": "pk",
                "status": "status",
                "job": "vacancy__title",
                "employer": "vacancy__enterprise__name",
            },
            applied,
            limit=30,
        ),
        Part(
            Placement.objects.visible_to(viewer)
            .filter(youth=person)
            .order_by("-start_date", "-id"),
            {
                "start": "start_date",
                "created": "created_at",
                "vacancy": "vacancy_id",
                "job": "job_title",
                "employer": "employer_name",
            },
            placed,
            limit=30,
        ),
    ]


register(Source(app="jobs", parts=parts))
