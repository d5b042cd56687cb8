from django.utils.translation import gettext_lazy as _

from audit.actions import register

register("mentor.profile_created", _("Mentor profile completed"))
register("mentor.profile_changed", _("Mentor profile changed"))
register("mentor.chief_changed", _("Chief mentor changed"))
register("mentor.wish_created", _("Asked for a mentor"))
register("mentor.match_opened", _("Mentor match requested or proposed"))
register("mentor.match_moved", _("Mentor match changed"))
register("mentor.session_planned", _("Coaching session planned"))
register("mentor.session_logged", _("Coaching session logged"))
register("mentor.session_confirmed", _("Coaching session confirmed"))
