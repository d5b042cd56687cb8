from django.utils.translation import gettext_lazy as _

from audit.actions import register

register("training.venue_created", _("Training venue added"))
register("training.course_created", _("Course created"))
register("training.course_changed", _("Course changed"))
register("training.session_created", _("Course session added"))
register("training.enrolled", _("Enrolled in a course"))
register("training.cancelled", _("Course enrolment cancelled"))
register("training.promoted", _("Moved from a course waitlist to a seat"))
register("training.attendance_recorded", _("Attendance recorded"))
register("training.attendance_uploaded", _("Attendance list uploaded"))
register("training.certificates_issued", _("Certificates issued"))
register("training.certificate_revoked", _("Certificate revoked"))
register("training.placement_recorded", _("Order-based placement recorded"))
