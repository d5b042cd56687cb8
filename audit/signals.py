from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.core.exceptions import ValidationError
from django.db.models.signals import post_save
from django.dispatch import receiver

from core.validators import normalize_mobile

from .models import Entry
from .services import record


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs):
    record("auth.signed_in", actor=user)


@receiver(user_logged_out)
def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        record("auth.signed_out", actor=user)


@receiver(user_login_failed)
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    # The identifier typed is not logged; the account it names is, if there is one.
    User = get_user_model()
    user = None
    if credentials.get("email"):
        user = User.objects.filter(email__iexact=credentials["email"]).first()
    elif credentials.get("phone"):
        try:
            user = User.objects.with_phone(normalize_mobile(credentials["phone"])).first()
        except ValidationError:
            user = None
    record("auth.sign_in_failed", target=user, data={"account_exists": user is not None})


@receiver(post_save, sender=LogEntry)
def _admin_change(sender, instance, created, **kwargs):
    """Changes made in the Django admin join the audit log (object named, values not)."""
    if not created:
        return
    action = {ADDITION: "admin.added", CHANGE: "admin.changed", DELETION: "admin.deleted"}.get(
        instance.action_flag, "admin.changed"
    )
    Entry.objects.create(
        actor_id=instance.user_id,
        action=action,
        target_type=f"{instance.content_type.app_label}.{instance.content_type.model}"
        if instance.content_type_id
        else "",
        target_id=str(instance.object_id or "")[:40],
    )
