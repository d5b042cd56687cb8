from django.utils.translation import gettext_lazy as _

from audit.actions import register

from .exports import EXPORTED

register(EXPORTED, _("List exported"))
