"""Reads of the audit log for people: entries with the names of what they are about."""

from collections import defaultdict

from django.apps import apps
from django.core.exceptions import ValidationError

from .models import Entry


def with_targets(entries):
    """Give each entry ``target_kind`` ("创业项目") and ``target_name`` (the object's own name,
    "溪口竹编工作室"; its number when it no longer exists), one query per kind of object."""
    entries = list(entries)
    wanted: dict[str, set] = defaultdict(set)
    for entry in entries:
        if entry.target_type and entry.target_id:
            wanted[entry.target_type].add(entry.target_id)
    names, kinds = {}, {}
    for label, ids in wanted.items():
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            continue
        kinds[label] = model._meta.verbose_name
        try:
            keys = [model._meta.pk.to_python(i) for i in ids]
        except ValidationError:
            continue
        for obj in model._base_manager.filter(pk__in=keys):
            names[(label, str(obj.pk))] = str(obj)
    for entry in entries:
        entry.target_kind = kinds.get(entry.target_type, entry.target_type)
        name = names.get((entry.target_type, entry.target_id), "").strip()
        entry.target_name = name or (f"#{entry.target_id}" if entry.target_id else "")
    return entries


def entry_list_base(user):
    """The entries of the audit log page (and its export), newest first."""
    return Entry.objects.visible_to(user).select_related("actor", "centre")
