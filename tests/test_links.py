"""URLs without arguments are reversed once (core/links.py, the {% url %} builtin), and give
what reverse() gives; the inbox badge comes with the user, not from a query of its own."""

import pytest
from django.db import connection
from django.template import engines
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, set_script_prefix
from django.utils import timezone

from core.links import link
from notifications.models import Message

from .factories import MessageFactory


@pytest.mark.parametrize("prefix", ["/", "/portal/"])
def test_link_and_the_url_tag_give_what_reverse_gives(prefix):
    engine = engines["django"]
    template = engine.from_string(
        "{% url 'home' %}|{% url 'projects:detail' 7 %}|{% url 'projects:board' as b %}{{ b }}"
    )
    set_script_prefix(prefix)
    try:
        for _ in range(2):  # reversed, then kept
            assert link("projects:board") == reverse("projects:board")
            assert template.render({}) == "|".join(
                [reverse("home"), reverse("projects:detail", args=[7]), reverse("projects:board")]
            )
    finally:
        set_script_prefix("/")


def test_the_inbox_badge_comes_with_the_user(client, youth_a):
    for n in range(3):
        MessageFactory(
            recipient=youth_a,
            channel=Message.Channel.INAPP,
            status=Message.Status.SENT,
            key=f"badge-{n}",
            sent_at=timezone.now(),
        )
    client.force_login(youth_a)
    client.get(reverse("accounts:my_profile"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("accounts:my_profile"))

    assert response.context["inbox_unread"] == 3
    counts = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT COUNT")]
    assert not any('"notifications_message"' in sql for sql in counts), counts
