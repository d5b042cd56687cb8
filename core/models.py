"""core keeps no data of the programme's own. It holds one proxy: allauth's two-factor
authenticator under a name the Django admin can show in Chinese (allauth's model has no
translatable verbose names; core/admin.py registers the proxy in its place); and the count of
writes to every table that pages are kept by (core/changes.py), written by the database."""

from allauth.mfa.models import Authenticator
from django.db import models
from django.utils.translation import gettext_lazy as _


class TwoFactorAuthenticator(Authenticator):
    class Meta:
        proxy = True
        verbose_name = _("two-factor authenticator")
        verbose_name_plural = _("two-factor authenticators")


class DataChange(models.Model):
    """A write to a table (one row per statement), added by the table's trigger
    (core/changes.py) in the writing transaction."""

    id = models.BigAutoField(primary_key=True)
    relname = models.CharField(_("table"), max_length=63)

    class Meta:
        verbose_name = _("write to a table")
        verbose_name_plural = _("writes to tables")
        indexes = [models.Index(fields=["relname"], name="datachange_relname_idx")]

    def __str__(self):
        return self.relname


class DataChangeTotal(models.Model):
    """The writes to a table that ``core.changes.fold()`` has moved out of the log."""

    relname = models.CharField(_("table"), max_length=63, primary_key=True)
    count = models.BigIntegerField(_("writes"), default=0)

    class Meta:
        verbose_name = _("writes to a table, folded")
        verbose_name_plural = _("writes to tables, folded")

    def __str__(self):
        return f"{self.relname}: {self.count}"
