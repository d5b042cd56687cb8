"""Training in the person's download; on erasure, their enrolments stay as de-identified
counts (the attendance and certificate figures do not change) once the account itself is
de-identified: nothing here holds their name or contacts, so only the saved courses go."""

from core.personal_data import Part, register

from .models import Enrolment, SavedCourse


def export(user) -> list[dict]:
    rows = (
        Enrolment.objects.filter(youth=user)
        .select_related("course", "certificate")
        .prefetch_related("attendances__session")
        .order_by("pk")
    )
    data = []
    for e in rows:
        certificate = getattr(e, "certificate", None)
        data.append(
            {
                "course": e.course.title,
                "kind": e.course.kind,
                "status": e.status,
                "enrolled_at": e.created_at.isoformat(),
                "shared_with_enterprise": e.share_with_enterprise,
                "completed": e.completed,
                "placement": e.placement,
                "attended": [a.session.starts_at.isoformat() for a in e.attendances.all()],
                "certificate": {
                    "number": certificate.number,
                    "grade": certificate.grade,
                    "issued_on": certificate.issued_on.isoformat(),
                    "revoked": certificate.is_revoked,
                }
                if certificate
                else None,
            }
        )
    return data


def erase(user) -> list:
    SavedCourse.objects.filter(youth=user).delete()
    # No longer shared with an enterprise: the person is gone.
    Enrolment.objects.filter(youth=user).update(share_with_enterprise=False)
    return []


register(Part(key="training", export=export, erase=erase))
