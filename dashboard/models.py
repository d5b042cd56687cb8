from django.db import models
from django.utils.translation import gettext_lazy as _


class FigureValue(models.Model):
    """A figure (core.figures) counted in advance for one centre's subtree (``centre`` null: the
    whole programme, what superusers see) and one period: ``"2026"`` (a year), ``"2026q3"``,
    ``"2026-05"`` (a month, for trends), ``"all"``, or ``"now"`` for a stock figure, which has
    no date. Only values other than 0 are kept (a missing row reads 0). Written only by
    ``dashboard.refresh.refresh_figures``; the staff home reads it. When it was counted is
    ``FigureRefresh`` (one row per figure, so a recount rewrites only the values that moved)."""

    key = models.CharField(_("figure"), max_length=80)
    centre = models.ForeignKey(
        "accounts.OrgUnit",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("youth centre"),
    )
    period = models.CharField(_("period"), max_length=10)
    value = models.BigIntegerField(_("value"), default=0)

    class Meta:
        verbose_name = _("counted figure")
        verbose_name_plural = _("counted figures")
        constraints = [
            models.UniqueConstraint(
                fields=["key", "centre", "period"],
                name="figurevalue_once_per_centre",
                condition=models.Q(centre__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["key", "period"],
                name="figurevalue_once_programme",
                condition=models.Q(centre__isnull=True),
            ),
        ]
        # The page reads one centre's figures for one period, and its children's.
        indexes = [models.Index(fields=["centre", "period"], name="figurevalue_centre_period")]

    def __str__(self):
        return f"{self.key} {self.period} {self.centre_id or '*'}: {self.value}"


class FigureRefresh(models.Model):
    """When each figure was last counted into ``FigureValue`` (a figure whose counting failed
    keeps its older time and values, and the page shows the oldest time)."""

    key = models.CharField(_("figure"), max_length=80, unique=True)
    counted_at = models.DateTimeField(_("counted at"))
    seconds = models.FloatField(_("seconds taken"), default=0)

    class Meta:
        verbose_name = _("figure recount")
        verbose_name_plural = _("figure recounts")

    def __str__(self):
        return f"{self.key} {self.counted_at:%Y-%m-%d %H:%M}"
