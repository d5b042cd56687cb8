from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.figures import Figure, register

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
