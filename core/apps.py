from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The floor every other app stands on. It has no data of its own (one proxy model, for the
    admin: core/models.py); it is an app so that its management command (``seed_demo``) is
    found and so that it can fill the registries."""

    name = "core"
    verbose_name = _("Sign-in security")

    def ready(self):
        from .registry import DISCOVERED_MODULES

        # Each app contributes to the base through these modules (core/registry.py).
        for module in DISCOVERED_MODULES:
            autodiscover_modules(module)
        post_migrate.connect(_count_changes, dispatch_uid="core.count_changes")


def _count_changes(sender, using="default", **kwargs):
    """After every migrate (the signal comes once per app, after all migrations ran): the
    trigger that counts writes on every table of every installed model (core/changes.py)."""
    if sender.name != "core":
        return
    from .changes import install

    install(using)
