from django.utils.translation import gettext_lazy as _

from audit.actions import register

register("internships.station_saved", _("Internship station saved"))
register("internships.position_saved", _("Internship position saved"))
register("internships.rule_changed", _("Internship eligibility rule changed"))
register("internships.applied", _("Applied for an internship"))
register("internships.application_moved", _("Internship application moved"))
register("internships.placement_started", _("Internship placement started"))
register("internships.evaluation_filed", _("Intern evaluation filed"))
register("internships.placement_left", _("Intern left early"))
register("internships.outcome_recorded", _("Internship outcome recorded"))
