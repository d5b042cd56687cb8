from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .validators import normalize_mobile, normalize_national_id, normalize_uscc


class _NormalisingField(forms.CharField):
    normaliser = staticmethod(lambda value: value)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        if "\x00" in value:
            raise ValidationError(_("This value contains characters that are not allowed."))
        return self.normaliser(value)


class MobileField(_NormalisingField):
    normaliser = staticmethod(normalize_mobile)

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Mobile number"))
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "tel", "autocomplete": "tel", "placeholder": "13812345678"})
        return attrs


class NationalIdField(_NormalisingField):
    normaliser = staticmethod(normalize_national_id)

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Resident ID number"))
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)


class UsccField(_NormalisingField):
    normaliser = staticmethod(normalize_uscc)

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Unified social credit code"))
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)
