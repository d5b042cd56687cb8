from django.utils.translation import gettext_lazy as _

from audit.actions import register

register("project.created", _("Project registered"))
register("project.changed", _("Project changed"))
register("project.stage_changed", _("Project stage changed"))
register("project.outcome_reported", _("Project figures reported"))
register("project.facts_changed", _("Project business facts changed"))
register("project.member_left", _("Left a project team"))
register("project.plan_downloaded", _("Business plan downloaded"))
