from django.utils.translation import gettext_lazy as _

from core.exports import Column, Export, filtered, register
from core.templatetags.lists import display

from .forms import YouthFilter
from .selectors import youth_list_base
from .templatetags.personal_data import national_id, phone


def _youth_rows(user, params):
    return filtered(YouthFilter, youth_list_base(user), params, user=user)


# The list's columns as it shows them: numbers masked (lists never show them in full).
register(
    Export(
        key="accounts.youth",
        label=_("Young people"),
        url_name="accounts:youth_list",
        rows=_youth_rows,
        columns=(
            Column(_("Name"), lambda p: p.user.name or p.user.email),
            Column(_("Mobile number"), lambda p: phone(p.user.phone) or None),
            Column(_("Resident ID number"), lambda p: national_id(p.national_id) or None),
            Column(_("Youth centre"), lambda p: p.home_centre and str(p.home_centre)),
            Column(_("Education level"), lambda p: display(p, "education_level") or None),
            Column(_("Employment status"), lambda p: display(p, "employment_status") or None),
        ),
    )
)
