"""System checks of the notifications settings (run by manage.py check, migrate, runserver)."""

from django.conf import settings
from django.core.checks import Warning, register

from . import registry

ALIYUN_GATEWAY = "notifications.aliyun.AliyunSmsGateway"


@register()
def sms_templates_cover_the_kinds(app_configs, **kwargs):
    """With a template provider, every kind that sends text messages needs a template: its
    messages would otherwise all be FAILED (NoTemplateFits)."""
    if settings.SMS_GATEWAY != ALIYUN_GATEWAY:
        return []
    kinds = {kind.code for kind in registry.all_kinds()}
    uncovered = sorted(
        kind.code
        for kind in registry.all_kinds()
        if "sms" in kind.channels and kind.code not in settings.SMS_TEMPLATES
    )
    unknown = sorted(set(settings.SMS_TEMPLATES) - kinds)
    problems = []
    if uncovered:
        problems.append(
            Warning(
                f"SMS_TEMPLATES has no template for {', '.join(uncovered)}",
                hint="Their text messages will fail; add the templates approved for them.",
                id="notifications.W001",
            )
        )
    if unknown:
        problems.append(
            Warning(
                f"SMS_TEMPLATES names kinds of message that do not exist: {', '.join(unknown)}",
                hint="A typo? The kinds are the codes in <app>/reminders.py.",
                id="notifications.W002",
            )
        )
    return problems
