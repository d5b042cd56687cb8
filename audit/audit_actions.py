from django.utils.translation import gettext_lazy as _

from .actions import register

register("auth.signed_in", _("Signed in"))
register("auth.sign_in_failed", _("Failed sign-in"))
register("auth.signed_out", _("Signed out"))
register("access.denied", _("Access denied"))
register("admin.added", _("Added in the admin"))
register("admin.changed", _("Changed in the admin"))
register("admin.deleted", _("Deleted in the admin"))
