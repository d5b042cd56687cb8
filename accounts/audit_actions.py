from django.utils.translation import gettext_lazy as _

from audit.actions import register

register("youth.personal_data_revealed", _("Full ID or phone number shown"))
register("youth.profile_changed", _("Youth profile changed"))
register("youth.data_exported", _("Personal data downloaded"))
register("youth.erasure_requested", _("Account deletion requested"))
register("youth.erased", _("Account deleted"))
register("staff.created", _("Staff account created"))
