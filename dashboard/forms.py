from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import OrgUnit
from core.forms import submit_helper
from core.periods import PeriodError, parse_period, standard_periods

from .models import Language
from .report import MAX_PARAGRAPH, MAX_TITLE, SECTIONS


class WorkReportCreateForm(forms.Form):
    """Which centre (the author's own or one below it), which period, which language."""

    centre = forms.ModelChoiceField(
        label=_("Youth centre"), queryset=OrgUnit.objects.none(), empty_label=None
    )
    period = forms.ChoiceField(label=_("Period"))
    start = forms.DateField(
        label=_("First day (custom period)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end = forms.DateField(
        label=_("Last day (custom period)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = OrgUnit.objects.visible_to(user).order_by("path")
        self.fields["period"].choices = [(p.key, p.label) for p in standard_periods()] + [
            ("custom", _("Custom period (give its first and last day)"))
        ]
        self.helper = submit_helper(_("Generate report"))

    def clean(self):
        data = super().clean()
        if "period" in data:
            params = {"period": data["period"]}
            for name in ("start", "end"):
                if data.get(name):
                    params[name] = data[name].isoformat()
            try:
                data["the_period"] = parse_period(params)
            except PeriodError as error:
                self.add_error("period", str(error))
        return data


class WorkReportTextForm(forms.Form):
    """The title and one field per paragraph. The figures are not fields: they are counted."""

    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].initial = report.title
        for section in SECTIONS:
            self.fields[section.key] = forms.CharField(
                label=section.label or section.heading,
                required=False,
                max_length=MAX_PARAGRAPH,
                initial=report.narrative.get(section.key, ""),
                widget=forms.Textarea(attrs={"rows": 6}),
            )
        self.helper = submit_helper(_("Save text"))

    def narrative(self) -> dict:
        return {section.key: self.cleaned_data[section.key].strip() for section in SECTIONS}
