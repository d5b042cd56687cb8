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
    seen = []  # not keyed by thread ident: a finished thread's ident may be handed on

    def load():
        user = _SIGNED_IN_USER.first(youth_a.pk)
        seen.append((user.pk, id(connection.connection)))
        connection.close()

    threads = [threading.Thread(target=load) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [pk for pk, _ in seen] == [youth_a.pk, youth_a.pk]


def _card_values(projects):
    return [
        (p.pk, p.name, p.stage, p.stage_changed_at, p.centre.pk, p.centre.name) for p in projects
    ]


def test_kept_queries_give_what_the_queryset_gives_and_compile_once(village_a1, town_a):
    from unittest import mock

    from core.prepared import KeptQueries, _Compiled
    from projects.models import VentureProject

    from .factories import VentureProjectFactory

    for n in range(4):
        VentureProjectFactory(centre=village_a1 if n % 2 else town_a, name=f"项目{n}")
    kept = KeptQueries()

    def build():
        return (
            VentureProject.objects.filter(centre__path__startswith=town_a.path)
            .select_related("centre")
            .only("name", "stage", "stage_changed_at", "centre__name")
            .order_by("-stage_changed_at", "-pk")
        )

    with mock.patch("core.prepared._Compiled", wraps=_Compiled) as compiled:
        first = kept.run(("town", "a"), build)
        again = kept.run(("town", "a"), build)
    assert compiled.call_count == 1
    assert _card_values(first) == _card_values(again) == _card_values(build())


@pytest.mark.postgres
def test_the_boards_union_gives_what_the_queryset_gives(town_staff, village_a1, town_a):
    from projects.models import Stage, VentureProject
    from projects.selectors import _latest_per_stage

    from .factories import VentureProjectFactory

    for n, stage in enumerate([Stage.IDEA, Stage.APPLIED, Stage.APPLIED, Stage.SIGNED]):
        VentureProjectFactory(centre=village_a1, stage=stage, name=f"卡片{n}")
    visible = VentureProject.objects.visible_to(town_staff)
    stages = [Stage.IDEA, Stage.APPLIED, Stage.SIGNED]

    cards = _latest_per_stage(town_staff, visible, stages)

    expected = [
        p
        for stage in stages
        for p in visible.select_related("centre").filter(stage=stage).order_by("-stage_changed_at")
    ]
    assert sorted(_card_values(cards)) == sorted(_card_values(expected))


def test_sessions_read_through_the_compiled_query_are_djangos(client, youth_a):
    from importlib import import_module

    from django.conf import settings
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client.force_login(youth_a)
    key = client.session.session_key
    store = import_module(settings.SESSION_ENGINE).SessionStore
    assert store(key).load() == client.session.load()
    assert store("not-a-key-at-all").load() == {}

    Session.objects.filter(session_key=key).update(expire_date=timezone.now())
    expired = store(key)
    assert expired.load() == {} and expired.session_key is None


@pytest.mark.postgres
def test_kept_queries_let_the_server_drop_what_they_forget(youth_a, youth_b):
    from accounts.models import User
    from core.prepared import KeptQueries

    from .factories import UserFactory

    kept = KeptQueries(limit=2)
    people = [youth_a, youth_b, UserFactory()]

    def prepared_statements():
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'yv_%%'")
            return cursor.fetchone()[0]

    before = prepared_statements()
    for person in people:  # a key per person: the third one makes room
        loaded = kept.run(
            ("person", person.pk),
            lambda marker: User.objects.filter(pk=marker),
            value=person.pk,
        )
        assert [u.pk for u in loaded] == [person.pk]
    assert prepared_statements() - before <= 2


def test_kept_page_queries_are_each_young_persons_own(client, youth_a, youth_b, village_a1):
    """The project page's query is kept per viewer's scope; for young people (whose scope is
    their own projects) that is the person: one after the other on the same connection, each
    opens their own project and gets a 404 on the other's, and each home shows their own
    project's history only."""
    from django.urls import reverse

    from projects.models import StageChange

    from .factories import VentureProjectFactory

    mine = VentureProjectFactory(centre=village_a1, lead=youth_a, name="阿丽的小摊")
    theirs = VentureProjectFactory(centre=village_a1, lead=youth_b, name="阿博的工坊")
    for project in (mine, theirs):
        StageChange.objects.create(project=project, from_stage="", to_stage=project.stage)
    for viewer, own, other in ((youth_a, mine, theirs), (youth_b, theirs, mine)):
        client.force_login(viewer)
        assert client.get(reverse("projects:detail", args=[own.pk])).status_code == 200
        assert client.get(reverse("projects:detail", args=[other.pk])).status_code == 404
        home = client.get(reverse("accounts:my_profile")).content.decode()
        assert own.name in home and other.name not in home
