"""Cases and consultations in the person's download. On erasure, what identifies the person
or tells their story goes (descriptions, other party, notes, documents, summaries); the
cases stay with kind, status, centre, dates and amounts, so the desk's figures (cases
opened and resolved, yuan recovered) do not change."""

import datetime

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from core.personal_data import Part, register

from .models import Case, CaseChange, CaseDocument, CaseNote, Consultation


def _plain(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


def export(user) -> dict:
    cases = Case.objects.filter(youth=user).prefetch_related("history")
    return {
        "cases": [
            {
                "kind": c.kind,
                "status": c.status,
                "other_party": c.other_party,
                "description": c.description,
                "amount_claimed": str(c.amount_claimed),
                "amount_recovered": None if c.amount_recovered is None else str(c.amount_recovered),
                "opened_at": _plain(c.created_at),
                # The progress the person saw; internal notes are the case workers'.
                "progress": [
                    {"to": h.to_status, "at": _plain(h.created_at), "note": h.note}
                    for h in c.history.all()
                ],
            }
            for c in cases
        ],
        "consultations": [
            {"topic": c.topic, "at": _plain(c.created_at), "summary": c.summary}
            for c in Consultation.objects.filter(youth=user)
        ],
    }


def erase(user) -> list:
    files = []
    documents = CaseDocument.objects.filter(case__youth=user)
    for document in documents:
        files.append((document.file.storage, document.file.name))
    documents.delete()
    CaseNote.objects.filter(case__youth=user).delete()
    CaseChange.objects.filter(case__youth=user).update(note="")
    with translation.override(settings.LANGUAGE_CODE):
        erased = gettext("Erased")
    Case.objects.filter(youth=user).update(other_party=erased, description="")
    Consultation.objects.filter(youth=user).update(summary="", youth=None)
    # What they wrote as a mediator or case worker stays with the cases (it is the case's).
    return files


register(Part(key="guidance", export=export, erase=erase))
