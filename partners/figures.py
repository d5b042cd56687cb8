from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.figures import Figure, register

from .models import Enterprise

register(
    Figure(
        key="partners.enterprises",
        label=_("Partner enterprises"),
        explanation=_(
            "Active partner enterprises registered with your centre, a centre below it or one "
            "above it (shared with your area)."
        ),
        records=lambda user: Enterprise.objects.visible_to(user).filter(is_active=True),
        order=60,
        url=lambda: reverse("partners:enterprise_list"),
    )
)
