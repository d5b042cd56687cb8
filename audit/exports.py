from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.exports import DATETIME, Column, Export, filtered, for_coordinators, register, text

from . import actions
from .forms import EntryFilter
from .selectors import entry_list_base, with_targets


def _rows(user, params):
    return filtered(EntryFilter, entry_list_base(user), params)


def _action(entry) -> str:
    label = str(actions.label(entry.action))
    fields = (entry.data or {}).get("fields") if isinstance(entry.data, dict) else None
    return f"{label} {', '.join(fields)}" if fields else label


def _object(entry):
    if not entry.target_type:
        return None
    return f"{entry.target_kind} {entry.target_name}".strip()


# The log shows who looked at whom: coordinators only, as its page.
register(
    Export(
        key="audit.entries",
        label=_("Audit log"),
        url_name="audit:entry_list",
        rows=_rows,
        allowed=for_coordinators,
        prepare=with_targets,
        columns=(
            Column(_("When"), lambda e: timezone.localtime(e.created_at), DATETIME),
            Column(_("Who"), lambda e: text(e.actor.email if e.actor_id else "")),
            Column(_("Action"), _action),
            Column(_("Object"), _object),
            Column(_("Address"), lambda e: text(e.ip_address)),
            Column(_("Page"), lambda e: text(e.path)),
        ),
    )
)
