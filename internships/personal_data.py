"""Internship applications and placements in the person's download; on erasure what they
wrote goes (motivation, reasons, comments about them) and the placements stay, de-identified
with the account, so the station's figures (entered, completed, retained) do not change."""

import datetime

from core.personal_data import Part, register

from .models import Application, ApplicationChange, Evaluation, Placement


def _plain(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


def export(user) -> dict:
    applications = Application.objects.filter(youth=user).select_related(
        "position__station__enterprise"
    )
    placements = Placement.objects.filter(youth=user).prefetch_related("evaluations")
    return {
        "applications": [
            {
                "position": a.position.title,
                "host": a.position.station.enterprise.name,
                "status": a.status,
                "graduation_year": a.graduation_year,
                "motivation": a.motivation,
                "interview_at": _plain(a.interview_at),
                "interview_place": a.interview_place,
                "reason": a.reason,
                "applied_at": _plain(a.created_at),
            }
            for a in applications
        ],
        "placements": [
            {
                "start_date": _plain(p.start_date),
                "end_date": _plain(p.end_date),
                "status": p.status,
                "left_on": _plain(p.left_on),
                "leave_reason": p.leave_reason,
                "outcome": p.outcome,
                "evaluations": [
                    {
                        "kind": e.kind,
                        "attitude": e.attitude,
                        "skills": e.skills,
                        "teamwork": e.teamwork,
                        "comments": e.comments,
                    }
                    for e in p.evaluations.all()
                ],
            }
            for p in placements
        ],
    }


def erase(user) -> list:
    Application.objects.filter(youth=user).update(motivation="", reason="", interview_place="")
    ApplicationChange.objects.filter(application__youth=user).update(reason="")
    Placement.objects.filter(youth=user).update(leave_reason="")
    Evaluation.objects.filter(placement__youth=user).update(comments="")
    return []


register(Part(key="internships", export=export, erase=erase))
