"""``{% work_queues %}``: the card of what awaits the staff member viewing the page."""

from django import template

from ..selectors import work_queues as queues_of

register = template.Library()


@register.inclusion_tag("dashboard/_queues.html", takes_context=True)
def work_queues(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"queues": queues_of(user) if user is not None else []}
