from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.figures import Figure, register

from .models import Attendance, Certificate, Course, CourseKind, Enrolment, Placement


def _attendances(user):
    return Attendance.objects.filter(
        session__course__in=Course.objects.managed_by(user).values("pk")
    )


register(
    Figure(
        key="training.attendances",
        label=_("Training attendances (without legal training)"),
        explanation=_(
            "Attendances recorded at sessions of classroom events, skills and order-based "
            "courses of your area: one person at one session counts once."
        ),
        records=lambda user: _attendances(user).exclude(session__course__kind=CourseKind.LEGAL),
        order=40,
        url=lambda: reverse("training:manage"),
    )
)
register(
    Figure(
        key="training.legal_attendances",
        label=_("Legal training attendances"),
        explanation=_("Attendances recorded at legal-knowledge training sessions of your area."),
        records=lambda user: _attendances(user).filter(session__course__kind=CourseKind.LEGAL),
        order=41,
        url=lambda: reverse("training:manage"),
    )
)
register(
    Figure(
        key="training.certificates",
        label=_("Training certificates issued"),
        explanation=_("Certificates of skills and order-based courses of your area, not revoked."),
        records=lambda user: Certificate.objects.filter(
            revoked_at__isnull=True,
            enrolment__course__in=Course.objects.managed_by(user).values("pk"),
        ),
        order=42,
        url=lambda: reverse("training:manage"),
    )
)
register(
    Figure(
        key="training.order_placements",
        label=_("Order-based trainees hired"),
        explanation=_(
            "Trainees of order-based courses of your area whom the commissioning enterprise "
            "has hired."
        ),
        records=lambda user: Enrolment.objects.filter(
            placement=Placement.PLACED,
            course__in=Course.objects.managed_by(user)
            .filter(kind=CourseKind.ORDER_BASED)
            .values("pk"),
        ),
        order=43,
        url=lambda: reverse("training:manage"),
    )
)
