from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The floor every other app stands on. It has no models; it is an app so that its
    management commands (``seed_demo``) and translations are found."""

    name = "core"
    verbose_name = "Youthventure core"
