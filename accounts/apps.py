from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and youth centres")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import signals

        # E-mails name the site by its domain: keep it in step with SITE_URL.
        post_migrate.connect(signals.sync_site_domain, sender=self)
