"""``{% work_queues %}``: the card of what awaits the staff member viewing the page."""

from django import template

from core.scoping import is_staff_member

from ..selectors import work_queue_card

register = template.Library()


@register.inclusion_tag("dashboard/_queues.html", takes_context=True)
def work_queues(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not is_staff_member(user):
        return {"queues": []}
    return work_queue_card(user)
