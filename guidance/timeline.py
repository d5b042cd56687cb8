"""The person's rights-protection cases on their timeline: opening and every move (one part
of the one timeline query, core/timeline.py)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.timeline import Entry, Part, Source, moment, register

from .models import CaseChange, CaseKind, Status


def parts(person, viewer):
    from .models import Case

    cases = Case.objects.visible_to(viewer).filter(youth=person)
    kinds, labels = dict(CaseKind.choices), dict(Status.choices)

    def make(row):
        if row["from"]:
            what = _("Rights-protection case (%(kind)s): %(status)s")
        else:
            what = _("Rights-protection case (%(kind)s) opened")
        return Entry(
            when=moment(row["at"]),
            what=what % {"kind": kinds.get(row["kind"], ""), "status": labels.get(row["to"])},
            url=reverse("guidance:case_detail", args=[row["case"]]),
            app="guidance",
        )

    return [
        Part(
            CaseChange.objects.filter(case__in=cases.values("pk")).order_by("-created_at"),
            {
                "at": "created_at",
                "from": "from_status",
                "to": "to_status",
                "kind": "case__kind",
                "case": "case_id",
            },
            make,
        )
    ]


register(Source(app="guidance", parts=parts))
