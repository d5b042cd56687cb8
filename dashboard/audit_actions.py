from django.utils.translation import gettext_lazy as _

from audit.actions import register

from .exports import EXPORTED

register("report.created", _("Work report generated"))
register("report.changed", _("Work report text edited"))
register("report.downloaded", _("Work report downloaded"))
register(EXPORTED, _("List exported"))
