"""Venture projects in the person's download; on erasure, what they wrote and uploaded goes,
and the projects they led stay de-identified (stage, sector, centre, dates, business
registration, reported jobs), so the programme's project figures do not change."""

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext

from core.personal_data import Part, register

from .models import ProjectPhoto, StageChange, VentureProject


def _plain(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


def export(user) -> list[dict]:
    projects = VentureProject.objects.filter(Q(lead=user) | Q(members=user)).distinct()
    return [
        {
            "name": p.name,
            "role": "lead" if p.lead_id == user.pk else "member",
            "stage": p.stage,
            "sector": p.sector,
            "description": p.description,
            "created_at": _plain(p.created_at),
            "history": [
                {"to": c.to_stage, "at": _plain(c.created_at), "reason": c.reason}
                for c in p.history.all()
            ],
            "outcomes": [
                {"year": o.year, "quarter": o.quarter, "jobs": o.jobs, "revenue": o.revenue_band}
                for o in p.outcomes.all()
            ],
        }
        for p in projects.prefetch_related("history", "outcomes")
    ]


def erase(user) -> list:
    files = []
    led = VentureProject.objects.filter(lead=user)
    for photo in ProjectPhoto.objects.filter(project__lead=user):
        files.append((photo.image.storage, photo.image.name))
    ProjectPhoto.objects.filter(project__lead=user).delete()
    with translation.override(settings.LANGUAGE_CODE):
        for project in led:
            if project.business_plan:
                files.append((project.business_plan.storage, project.business_plan.name))
            project.name = gettext("Erased project %(number)s") % {"number": project.pk}
            project.description = ""
            project.story = ""
            project.showcase_opt_in = False
            project.business_plan = ""
            project.save(
                update_fields=[
                    "name", "description", "story", "showcase_opt_in", "business_plan",
                    "updated_at",
                ]
            )  # fmt: skip
    # Their words in other projects' histories, and their place in other teams.
    StageChange.objects.filter(actor=user).update(reason="")
    VentureProject.members.through.objects.filter(user=user).delete()
    return files


register(Part(key="projects", export=export, erase=erase))
