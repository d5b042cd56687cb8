from django.utils.functional import SimpleLazyObject

from .models import Message


def inbox(request) -> dict:
    """Unread in-app messages: counted when the user was loaded (accounts/backends.py), or
    else only if a template asks."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    counted = getattr(user, "inbox_unread_count", None)
    if counted is not None:
        return {"inbox_unread": counted}
    return {
        "inbox_unread": SimpleLazyObject(
            lambda: Message.objects.inbox(user).filter(read_at__isnull=True).count()
        )
    }
