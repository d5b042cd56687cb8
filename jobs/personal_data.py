"""Job applications and placements in the person's download; on erasure, what they wrote goes
and their placements stay (they count in the programme's figures and name no one)."""

from core.personal_data import Part, register

from .models import Application, ApplicationChange, FairRegistration, Placement


def export(user) -> dict:
    return {
        "applications": [
            {
                "vacancy": a.vacancy.title,
                "employer": a.vacancy.enterprise.name,
                "status": a.status,
                "message": a.message,
                "applied_at": a.created_at.isoformat(),
            }
            for a in Application.objects.filter(youth=user).select_related("vacancy__enterprise")
        ],
        "placements": [
            {
                "employer": p.employer_name,
                "job": p.job_title,
                "start_date": p.start_date.isoformat(),
                "how_found": p.how_found,
            }
            for p in Placement.objects.filter(youth=user)
        ],
        "job_fairs": [
            {"fair": r.fair.title, "starts_at": r.fair.starts_at.isoformat(), "came": r.attended}
            for r in FairRegistration.objects.filter(youth=user).select_related("fair")
        ],
    }


def erase(user) -> list:
    Application.objects.filter(youth=user).update(message="")
    ApplicationChange.objects.filter(actor=user).update(reason="")
    return []


register(Part(key="jobs", export=export, erase=erase))
