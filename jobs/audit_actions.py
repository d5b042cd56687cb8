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
