"""The signed-in user loaded through the query compiled once (core/prepared.py) is the user
the queryset loads: every field, every role loaded with it, the unread-message count."""

import threading

import pytest
from django.db import connection

from accounts.backends import _SIGNED_IN_USER, PER_REQUEST, ModelBackend, signed_in_user
from notifications.models import Message

from .factories import MessageFactory


def _values(obj):
    if obj is None:
        return None
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def _loaded(user):
    """Every object select_related loaded, by path (None where the person has no such role)."""
    out = {"user": _values(user), "unread": user.inbox_unread_count}
    for path in PER_REQUEST:
        obj = user
        for name in path.split("__"):
            field = obj._meta.get_field(name)
            assert field.is_cached(obj), path  # loaded, not to be fetched later
            obj = field.get_cached_value(obj)
            if obj is None:
                break
        out[path] = _values(obj)
    return out


def test_it_loads_what_the_queryset_loads(cast, district):
    from .factories import UserFactory

    people = [u for u in cast.values() if u is not None]
    people.append(UserFactory(is_superuser=True, is_staff=True))
    MessageFactory(
        recipient=cast["youth_a"],
        channel=Message.Channel.INAPP,
        status="sent",
        sent_at="2026-01-01T00:00Z",
    )
    for person in people:
        (expected,) = signed_in_user(person.pk)
        loaded = _SIGNED_IN_USER.first(person.pk)
        assert type(loaded) is type(expected)
        assert _loaded(loaded) == _loaded(expected), person.email
    assert _SIGNED_IN_USER.first(cast["youth_a"].pk).inbox_unread_count == 1


def test_an_unknown_or_malformed_id_is_nobody(db):
    backend = ModelBackend()
    assert backend.get_user(999_999) is None
    assert backend.get_user("not a number") is None


@pytest.mark.django_db(transaction=True)
def test_each_thread_compiles_on_its_own_connection(youth_a):
    seen = {}

    def load():
        user = _SIGNED_IN_USER.first(youth_a.pk)
        seen[threading.get_ident()] = (user.pk, id(connection.connection))
        connection.close()

    threads = [threading.Thread(target=load) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [pk for pk, _ in seen.values()] == [youth_a.pk, youth_a.pk]
