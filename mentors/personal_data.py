"""Mentoring in the person's download. On erasure a young person's messages and the session
notes about them go, the matches and sessions stay (de-identified by the account's own
erasure) so the programme's figures do not change; a mentor's profile texts and photo go."""

import datetime

from django.db.models import Q

from core.personal_data import Part, register

from .models import CoachingSession, Match, MatchChange, MentoringWish, MentorProfile


def _plain(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


def export(user) -> dict:
    out: dict = {}
    profile = MentorProfile.objects.filter(user=user).first()
    if profile is not None:
        out["mentor_profile"] = {
            "title": profile.title,
            "organisation": profile.organisation,
            "sectors": profile.sectors,
            "skills": profile.skills,
            "bio": profile.bio,
            "capacity": profile.capacity,
            "availability": profile.availability,
            "is_chief": profile.is_chief,
        }
    wish = MentoringWish.objects.filter(youth=user).first()
    if wish is not None:
        out["wish"] = {"note": wish.note, "at": _plain(wish.created_at)}
    mentee = Match.objects.filter(youth=user).select_related("mentor__user")
    out["matches"] = [
        {
            "mentor": str(m.mentor),
            "status": m.status,
            "message": m.message,
            "started": _plain(m.accepted_at),
            "ended": _plain(m.ended_at),
            "end_reason": m.end_reason,
            "sessions": [
                # A mentor's private notes are the mentor's, not the young person's.
                {
                    "at": _plain(s.starts_at),
                    "mode": s.mode,
                    "minutes": s.minutes,
                    "topics": s.topics,
                    "notes": s.notes,
                    "next_steps": s.next_steps,
                    "rating": s.rating,
                }
                for s in m.sessions.all()
            ],
        }
        for m in mentee.prefetch_related("sessions")
    ]
    return out


def erase(user) -> list:
    files = []
    for profile in MentorProfile.objects.filter(user=user).exclude(photo=""):
        files.append((profile.photo.storage, profile.photo.name))
    MentorProfile.objects.filter(user=user).update(
        title="", organisation="", skills="", bio="", photo=""
    )
    MentoringWish.objects.filter(youth=user).delete()
    Match.objects.filter(youth=user).update(message="", end_reason="")
    CoachingSession.objects.filter(match__youth=user).update(
        topics="", notes="", next_steps="", private_notes=""
    )
    MatchChange.objects.filter(Q(actor=user) | Q(match__youth=user)).update(reason="")
    return files


register(Part(key="mentors", export=export, erase=erase))
