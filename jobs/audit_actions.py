from django.utils.translation import gettext_lazy as _

from audit.actions import register

register("jobs.vacancy_posted", _("Vacancy posted"))
register("jobs.vacancy_closed", _("Vacancy closed"))
register("jobs.applied", _("Applied for a job"))
register("jobs.application_moved", _("Job application changed"))
register("jobs.placement_recorded", _("Job placement recorded"))
register("jobs.import_uploaded", _("Placement file uploaded"))
register("jobs.import_confirmed", _("Placement import confirmed"))
register("jobs.import_done", _("Placement import done"))
register("jobs.fair_created", _("Job fair organised"))
register("jobs.fair_stand_booked", _("Stand booked at a job fair"))
register("jobs.fair_registered", _("Registered for a job fair"))
register("jobs.fair_attendance", _("Job fair attendance recorded"))
