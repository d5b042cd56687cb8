from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.figures import Figure, register

from .models import Enterprise

register(
    Figure(
        key="partners.enterprises",
        label=_("Partner enterprises"),
        explanation=_(
            "Active partner enterprises registered with your centre or a centre below it."
        ),
        base=lambda: Enterprise.objects.filter(is_active=True),
        centre_field="centre",
        group="jobs",
        order=60,
        url=lambda: reverse("partners:enterprise_list"),
        headline=True,
    )
)
