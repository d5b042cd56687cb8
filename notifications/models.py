from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedCharField
from core.scoping import centre_q


class MessageQuerySet(models.QuerySet):
    def claimable(self, now=None) -> "MessageQuerySet":
        """Waiting to be sent, or claimed by a worker whose lease has run out."""
        now = now or timezone.now()
        return self.filter(
            Q(status=Message.Status.PENDING, available_at__lte=now)
            | Q(status=Message.Status.SENDING, claimed_until__lt=now)
        )

    def visible_to(self, user) -> "MessageQuerySet":
        """Staff see messages to the young people and staff of their part of the tree."""
        return self.filter(
            centre_q(user, "recipient__youth_profile__home_centre")
            | centre_q(user, "recipient__staff_profile__centre")
        )

    def inbox(self, user) -> "MessageQuerySet":
        return self.filter(
            recipient=user, channel=Message.Channel.INAPP, status=Message.Status.SENT
        )


def unread_inbox_count(user_ref: str = "pk"):
    """The number of unread in-app messages of the user in an outer query, as an expression:
    the user is loaded with it (accounts/backends.py) instead of a query of its own for the
    badge on every page."""
    unread = Message.objects.filter(
        recipient=OuterRef(user_ref),
        channel=Message.Channel.INAPP,
        status=Message.Status.SENT,
        read_at__isnull=True,
    )
    counted = unread.order_by().values("recipient").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0)


class Message(models.Model):
    """One message to one person on one channel: the outbox row written in the same
    transaction as the change that causes it. ``key`` makes it once-only."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        SMS = "sms", _("Text message")
        INAPP = "inapp", _("In-app")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    key = models.CharField(_("key"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=100)
    # Empty for messages to someone without an account yet (an invitation).
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="messages",
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    # A phone number or e-mail address: personal data, so encrypted like the originals.
    address = EncryptedCharField(_("address"), blank=True)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("text"))
    url = models.CharField(_("link"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    available_at = models.DateTimeField(_("send after"), default=timezone.now)
    claimed_until = models.DateTimeField(_("being sent until"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "available_at"], name="message_due_idx"),
            models.Index(fields=["recipient", "channel", "read_at"], name="message_inbox_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="message_sent_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.key

    @property
    def kind_label(self):
        from . import registry

        try:
            return registry.get(self.kind).label
        except KeyError:
            return self.kind


class OptOut(models.Model):
    """A person does not want an optional kind of reminder."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="notification_opt_outs",
    )
    kind = models.CharField(_("reminder"), max_length=100)
    created_at = models.DateTimeField(_("switched off at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder opt-out")
        verbose_name_plural = _("reminder opt-outs")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="optout_once_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.user} − {self.kind}"
