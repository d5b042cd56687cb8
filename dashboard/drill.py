"""The rows of a figure's drill-down: the records behind the number, or for a figure that
counts people once (``distinct``), the people.

Rows are read as plain values in primary-key order (the primary key's index, never a sort of
a large set), with the record's date and centre, so a page of 50 costs the same few queries
whatever the figure or the number of records.
"""

from dataclasses import dataclass

from django.db import models
from django.db.models import F

from core.figures import Figure
from core.templatetags.lists import row_url

_NAME_FIELDS = ("name", "title")


@dataclass
class Kind:
    people: bool
    model: type
    has_date: bool
    has_centre: bool
    name_field: str | None
    url: str
    profiles: bool = False  # rows are young people's profiles: each links to their page

    def rows(self, page) -> list[dict]:
        rows = []
        for item in page:
            if self.people:
                profile = getattr(item, "_profile", None)
                url = row_url(profile, "accounts:youth_detail") if profile else _url(item)
                rows.append({"description": str(item), "date": None, "centre": "", "url": url})
                continue
            if self.profiles:
                description = item.get("_name") or _describe(self.model, item, None)
                url = row_url(item["pk"], "accounts:youth_detail")
            else:
                description = _describe(self.model, item, self.name_field)
                url = self.url
            rows.append(
                {
                    "pk": item["pk"],
                    "description": description,
                    "date": item.get("_date"),
                    "centre": item.get("_centre") or "",
                    "url": url,
                }
            )
        return rows


def _has_youth_profile(model) -> bool:
    try:
        model._meta.get_field("youth_profile")
    except Exception:  # noqa: BLE001 - no such relation
        return False
    return True


def _url(obj) -> str:
    try:
        return obj.get_absolute_url()
    except AttributeError:
        return ""


def _describe(model, item, name_field) -> str:
    label = f"{model._meta.verbose_name} #{item['pk']}"
    if name_field and item.get("_name"):
        return f"{label} · {item['_name']}"
    return label


def _name_field(model) -> str | None:
    for name in _NAME_FIELDS:
        try:
            field = model._meta.get_field(name)
        except Exception:  # noqa: BLE001 - no such field
            continue
        if isinstance(field, models.CharField | models.TextField) and not field.is_relation:
            return name
    return None


def drill_rows(figure: Figure, records):
    """(the queryset to page through, a ``Kind`` that turns a page into rows)."""
    url = figure.url() if figure.url else ""
    if figure.distinct:
        field_name = figure.distinct.removesuffix("_id")
        field = records.model._meta.get_field(field_name)
        if field.is_relation:
            model = field.related_model
            people = model._default_manager.filter(pk__in=records.values(figure.distinct))
            people = people.order_by("pk")
            if _has_youth_profile(model):
                # Each young person links to their page (by profile, in the same query).
                people = people.annotate(_profile=F("youth_profile__pk"))
            return people, Kind(True, model, False, False, None, "")
    model = records.model
    annotations = {}
    if figure.date_field:
        annotations["_date"] = F(figure.date_field)
    if figure.centre_field:
        annotations["_centre"] = F(f"{figure.centre_field}__name")
    else:
        annotations["_centre"] = F("name")
    # The records of a figure that counts young people across services (an outcome figure)
    # are their profiles: each row names the person and links to their page.
    profiles = _has_youth_page(model)
    name = "user__name" if profiles else _name_field(model)
    if name:
        annotations["_name"] = F(name)
    queryset = records.order_by("pk").annotate(**annotations).values("pk", *annotations)
    return queryset, Kind(False, model, bool(figure.date_field), True, name, url, profiles)


def _has_youth_page(model) -> bool:
    return model._meta.label == "accounts.YouthProfile"
