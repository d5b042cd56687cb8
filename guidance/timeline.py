"""The person's rights-protection cases on their timeline: opening and every move, one query."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.timeline import Entry, Source, register

from .models import CaseChange, CaseKind, Status


def entries(person, viewer):
    from .models import Case

    cases = Case.objects.visible_to(viewer).filter(youth=person)
    changes = (
        CaseChange.objects.filter(case__in=cases.values("pk"))
        .select_related("case")
        .order_by("-created_at")[:50]
    )
    kinds, labels = dict(CaseKind.choices), dict(Status.choices)
    for change in changes:
        if change.from_status:
            what = _("Rights-protection case (%(kind)s): %(status)s")
        else:
            what = _("Rights-protection case (%(kind)s) opened")
        yield Entry(
            when=change.created_at,
            what=what
            % {"kind": kinds.get(change.case.kind, ""), "status": labels.get(change.to_status)},
            url=reverse("guidance:case_detail", args=[change.case_id]),
            app="guidance",
        )


register(Source(app="guidance", entries=entries))
