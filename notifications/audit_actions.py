from django.utils.translation import gettext_lazy as _

from audit.actions import register

register("message.resent", _("Message sent again"))
