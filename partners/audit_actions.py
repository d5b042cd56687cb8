from django.utils.translation import gettext_lazy as _

from audit.actions import register

register("partner.created", _("Partner added"))
register("partner.changed", _("Partner changed"))
