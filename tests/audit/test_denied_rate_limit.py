"""Refused accesses are audited, but a person probing URLs cannot flood the log: one row per
path a minute and at most DENIED_PER_MINUTE rows a minute, per person."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from audit import services as audit_services
from audit.models import Entry
from audit.services import DENIED_PER_MINUTE


def _denied(actor=None):
    entries = Entry.objects.filter(action="access.denied")
    return entries.filter(actor=actor) if actor is not None else entries


def test_the_same_refused_path_is_recorded_once_a_minute(client, other_town_staff, youth_a):
    client.force_login(other_town_staff)
    url = reverse("accounts:youth_detail", args=[youth_a.youth_profile.pk])
    for _ in range(5):
        assert client.get(url).status_code == 404
    assert _denied(other_town_staff).count() == 1

    cache.clear()  # the minute is over
    assert client.get(url).status_code == 404
    assert _denied(other_town_staff).count() == 2


def test_at_most_so_many_refused_paths_are_recorded_a_minute(
    client, other_town_staff, town_staff, youth_a, caplog
):
    client.force_login(other_town_staff)
    for pk in range(1000, 1000 + DENIED_PER_MINUTE + 15):  # a script walking through ids
        assert client.get(reverse("accounts:youth_detail", args=[pk])).status_code == 404
    assert _denied(other_town_staff).count() == DENIED_PER_MINUTE
    assert "refused accesses this minute" in caplog.text  # the rest are told in the log

    # Another person's refusals are counted apart.
    client.force_login(town_staff)
    assert client.get(reverse("accounts:youth_detail", args=[999])).status_code == 404
    assert _denied(town_staff).count() == 1


def test_the_next_minute_records_again(client, other_town_staff, monkeypatch):
    clock = [1_800_000_000.0]
    monkeypatch.setattr(audit_services, "time", type("T", (), {"time": lambda: clock[0]}))
    client.force_login(other_town_staff)
    for pk in range(2000, 2000 + DENIED_PER_MINUTE + 3):
        client.get(reverse("accounts:youth_detail", args=[pk]))
    assert _denied(other_town_staff).count() == DENIED_PER_MINUTE

    clock[0] += 60
    client.get(reverse("accounts:youth_detail", args=[3000]))
    assert _denied(other_town_staff).count() == DENIED_PER_MINUTE + 1


@pytest.mark.parametrize("broken", ["add", "incr"])
def test_without_a_cache_refusals_are_still_recorded(
    client, other_town_staff, youth_a, monkeypatch, broken
):
    class BrokenCache:
        def add(self, key, *args, **kwargs):
            if broken == "add":
                raise ConnectionError("cache down")
            return ":m" not in key  # the per-minute counter exists already: incr is next

        def incr(self, *args, **kwargs):
            raise ConnectionError("cache down")

    monkeypatch.setattr(audit_services, "cache", BrokenCache())
    client.force_login(other_town_staff)
    client.get(reverse("accounts:youth_detail", args=[youth_a.youth_profile.pk]))
    assert _denied(other_town_staff).count() == 1
