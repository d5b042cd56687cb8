from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        # Each app declares its reminders in <app>/reminders.py; importing registers them.
        autodiscover_modules("reminders")
        from . import checks  # noqa: F401  (registers the system checks)
