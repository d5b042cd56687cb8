from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.figures import Figure, OutcomeSource, register, register_source

from .models import SIGNED_OR_LAUNCHED, VentureProject

register(
    Figure(
        key="projects.signed_or_launched",
        label=_("Venture projects signed or launched"),
        explanation=_(
            "Projects of your area that are signed, launched or operating now; closed and "
            "rejected projects are not counted."
        ),
        base=lambda: VentureProject.objects.filter(stage__in=SIGNED_OR_LAUNCHED),
        centre_field="centre",
        group="projects",
        order=10,
        url=lambda: reverse("projects:board"),
        headline=True,
    )
)
register(
    Figure(
        key="projects.signed",
        label=_("Venture projects signed"),
        explanation=_(
            "Projects of your area whose agreement was signed in the period (the date signed "
            "recorded on the project), whatever has become of them since."
        ),
        base=lambda: VentureProject.objects.filter(signed_on__isnull=False),
        centre_field="centre",
        date_field="signed_on",
        group="projects",
        order=11,
        url=lambda: reverse("projects:board"),
    )
)
register(
    Figure(
        key="projects.launched",
        label=_("Venture projects launched"),
        explanation=_(
            "Projects of your area launched in the period (the launch date recorded on the "
            "project), whatever has become of them since."
        ),
        base=lambda: VentureProject.objects.filter(launched_on__isnull=False),
        centre_field="centre",
        date_field="launched_on",
        group="projects",
        order=12,
        url=lambda: reverse("projects:board"),
    )
)
# Leading a project that was launched: the lead became self-employed on its launch date.
register_source(
    OutcomeSource(
        key="projects.launched",
        outcome="self_employed",
        label=_("launched a venture project they lead"),
        base=lambda: VentureProject.objects.filter(launched_on__isnull=False),
        person_field="lead",
        date_field="launched_on",
    )
)
