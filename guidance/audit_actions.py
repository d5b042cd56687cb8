from django.utils.translation import gettext_lazy as _

from audit.actions import register

register("guidance.consultation_logged", _("Consultation logged"))
register("guidance.follow_up_done", _("Consultation followed up"))
register("guidance.case_opened", _("Rights-protection case opened"))
register("guidance.case_assigned", _("Rights-protection case assigned"))
register("guidance.case_moved", _("Rights-protection case moved"))
register("guidance.case_noted", _("Internal case note added"))
register("guidance.document_added", _("Case document added"))
register("guidance.document_downloaded", _("Case document downloaded"))
register("guidance.office_created", _("Mediation office registered"))
