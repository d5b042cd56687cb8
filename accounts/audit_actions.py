from django.utils.translation import gettext_lazy as _

from audit.actions import register

register("youth.personal_data_revealed", _("Full ID or phone number shown"))
register("youth.profile_changed", _("Youth profile changed"))
register(
    "account.signup_repeated",
    _("Sign-up attempted with this account's e-mail address or mobile number"),
)
register("youth.identifier_refused", _("Mobile or ID number refused: already registered"))
register("youth.identifier_checks_throttled", _("Too many mobile or ID number checks"))
register("youth.data_exported", _("Personal data downloaded"))
register("youth.erasure_requested", _("Account deletion requested"))
register("youth.erased", _("Account deleted"))
register("staff.created", _("Staff account created"))
register("invitation.sent", _("Invitation sent"))
register("invitation.resent", _("Invitation sent again"))
register("invitation.withdrawn", _("Invitation withdrawn"))
register("invitation.accepted", _("Invitation accepted"))
register("drive.created", _("Registration drive created"))
register("youth.registered_assisted", _("Young person registered at the desk, with their consent"))
register("youth.consent_code_sent", _("Consent code sent for a registration at the desk"))
register("youth.consent_form_viewed", _("Signed consent form opened"))
register("invitation.list_sent", _("A village's list invited to register"))
