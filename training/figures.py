from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.figures import Figure, OutcomeSource, register, register_source

from .models import Attendance, Certificate, CourseKind, Enrolment, Placement

register(
    Figure(
        key="training.attendances",
        label=_("Training attendances (without legal training)"),
        explanation=_(
            "Attendances recorded at sessions of classroom events, skills and order-based "
            "courses of your area: one person at one session counts once."
        ),
        base=lambda: Attendance.objects.exclude(session__course__kind=CourseKind.LEGAL),
        centre_field="session__course__centre",
        date_field="session__starts_at",
        group="training",
        order=40,
        url=lambda: reverse("training:manage"),
    )
)
register(
    Figure(
        key="training.legal_attendances",
        label=_("Legal training attendances"),
        explanation=_("Attendances recorded at legal-knowledge training sessions of your area."),
        base=lambda: Attendance.objects.filter(session__course__kind=CourseKind.LEGAL),
        centre_field="session__course__centre",
        date_field="session__starts_at",
        group="training",
        order=41,
        url=lambda: reverse("training:manage"),
        headline=True,
    )
)
register(
    Figure(
        key="training.certificates",
        label=_("Training certificates issued"),
        explanation=_("Certificates of skills and order-based courses of your area, not revoked."),
        base=lambda: Certificate.objects.filter(revoked_at__isnull=True),
        centre_field="enrolment__course__centre",
        date_field="issued_on",
        group="training",
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
        base=lambda: Enrolment.objects.filter(
            placement=Placement.PLACED, course__kind=CourseKind.ORDER_BASED
        ),
        centre_field="course__centre",
        date_field="placement_changed_at",
        group="training",
        order=43,
        url=lambda: reverse("training:manage"),
    )
)
for order, kind, label, explanation in [
    (
        44,
        CourseKind.CLASSROOM,
        _("Entrepreneurship classroom attendances"),
        _(
            "Attendances recorded in the period at sessions of entrepreneurship classroom "
            "events (forums, success talks, experience exchanges) of your area: one person at "
            "one session counts once."
        ),
    ),
    (
        45,
        CourseKind.SKILLS,
        _("Skills training attendances"),
        _(
            "Attendances recorded in the period at sessions of skills courses of your area: one "
            "person at one session counts once."
        ),
    ),
    (
        46,
        CourseKind.ORDER_BASED,
        _("Order-based training attendances"),
        _(
            "Attendances recorded in the period at sessions of order-based courses of your "
            "area: one person at one session counts once."
        ),
    ),
]:
    register(
        Figure(
            key=f"training.attendances_{kind}",
            label=label,
            explanation=explanation,
            base=lambda kind=kind: Attendance.objects.filter(session__course__kind=kind),
            centre_field="session__course__centre",
            date_field="session__starts_at",
            group="training",
            order=order,
            url=lambda: reverse("training:manage"),
        )
    )

# Hired by the enterprise that commissioned the course: a job outcome of the trainee.
register_source(
    OutcomeSource(
        key="training.order_placements",
        outcome="job",
        label=_("hired by the enterprise that commissioned their order-based training"),
        base=lambda: Enrolment.objects.filter(
            placement=Placement.PLACED, course__kind=CourseKind.ORDER_BASED
        ),
        person_field="youth",
        date_field="placement_changed_at",
    )
)
