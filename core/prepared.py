"""Queries asked on every request, compiled once.

Compiling a query with several ``select_related`` joins costs Django more than the database
takes to answer it: the signed-in user with their roles (accounts/backends.py) took 1.5 ms
to compile and 0.1 ms to run. ``PreparedQuery`` compiles it once per database connection,
with a marker in place of the value that changes, and afterwards only sends the SQL with the
new value and builds the objects as ``QuerySet`` does (the same populators and converters).
``KeptQueries`` does the same for queries whose SQL and values a key determines (the board's
cards of one part of the centre tree: a UNION of eight, 4 ms to compile). On PostgreSQL the
statement is also prepared on the server (PREPARE once per database session, then EXECUTE),
which spares the planning: 0.3 ms of the user query's 0.4. ``tests/test_prepared.py`` holds
the results equal to the querysets'.
"""

import itertools
import re
from weakref import WeakKeyDictionary

from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models.query import get_related_populators
from django.dispatch import receiver

# Stands for the value in the compiled SQL's parameters; no real key is ever this.
MARKER = -918_273_645


_names = itertools.count(1)
# What each statement prepared in this process asks (``EXECUTE yv_prepared_3(...)`` does not
# say): core.caching reads the tables a page's queries name from it.
STATEMENTS: dict[str, str] = {}
_PLACEHOLDER = re.compile(r"%([s%])")


def _server_prepares(connection) -> bool:
    """PostgreSQL keeps the plan too (PREPARE), unless a transaction pooler may hand the
    session's statements to another client: the setting Django asks for behind one
    (DISABLE_SERVER_SIDE_CURSORS) turns it off here as well."""
    return connection.vendor == "postgresql" and not connection.settings_dict.get(
        "DISABLE_SERVER_SIDE_CURSORS"
    )


@receiver(connection_created)
def _forget_prepared(sender, connection, **kwargs):
    """A new database session has none of the statements prepared in the last one."""
    connection.yv_prepared = set()


class _Compiled:
    def __init__(self, queryset, connection, marker=None):
        compiler = queryset.query.get_compiler(connection=connection)
        self.sql, params = compiler.as_sql()
        self.params = list(params)
        self.statement = None
        self.generic = False
        if _server_prepares(connection):
            numbers = itertools.count(1)
            body = _PLACEHOLDER.sub(
                lambda m: f"${next(numbers)}" if m.group(1) == "s" else "%", self.sql
            )
            self.statement = f"yv_prepared_{next(_names)}"
            STATEMENTS[self.statement] = self.sql
            self.prepare = f"PREPARE {self.statement} AS {body}"
            self.execute = f"EXECUTE {self.statement}({', '.join(['%s'] * len(self.params))})"
        # Where the value goes (a value may be asked twice: lead = x OR member = x).
        self.slots = [i for i, p in enumerate(self.params) if marker is not None and p == marker]
        if marker is not None and not self.slots:
            raise ValueError("the marker is not among the query's parameters")
        self.using = queryset.db
        self.compiler = compiler
        self.converters = self._converters(compiler)
        klass_info = compiler.klass_info
        if klass_info is None:  # values_list(): the rows themselves, converted
            self.model = None
            return
        self.model = klass_info["model"]
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        self.span = slice(start, end)
        self.init_list = [f[0].target.attname for f in compiler.select[start:end]]
        self.populators = get_related_populators(klass_info, compiler.select, queryset.db)
        self.annotations = list(compiler.annotation_col_map.items())

    def with_value(self, value) -> list:
        params = list(self.params)
        for slot in self.slots:
            params[slot] = value
        return params

    def _converters(self, compiler):
        # What results_iter() would work out on every call: the columns' converters
        # (decryption of the encrypted numbers among them).
        fields = [column[0] for column in compiler.select[0 : compiler.col_count]]
        if compiler.has_composite_fields(fields):
            raise ValueError("composite fields are not supported here")
        return compiler.get_converters(fields)


class PreparedQuery:
    """``build(value)`` returns the queryset (``build(MARKER)`` is compiled); ``first(value)``
    runs it for ``value`` and returns its first object, or None."""

    def __init__(self, build, using: str = "default", marker=MARKER):
        self.build = build
        self.using = using
        self.marker = marker
        self._compiled: WeakKeyDictionary = WeakKeyDictionary()

    def _for(self, connection) -> _Compiled:
        compiled = self._compiled.get(connection)
        if compiled is None:
            compiled = _Compiled(self.build(self.marker), connection, marker=self.marker)
            self._compiled[connection] = compiled
        return compiled

    def first(self, value):
        connection = connections[self.using]
        compiled = self._for(connection)
        objects = _run(compiled, connection, compiled.with_value(value), limit=1)
        return objects[0] if objects else None


_NO_VALUE = object()


class KeptQueries:
    """Querysets compiled once per key and database connection: ``run(key, build)`` runs
    ``build()``'s SQL, compiled the first time the key is seen, and returns its objects. The
    key must determine the SQL and its values entirely (e.g. the viewer's scope), except one
    value: with ``value=``, ``build(MARKER)`` is compiled and the value put in its place."""

    def __init__(self, limit: int = 512, generic: bool = False):
        self.limit = limit
        # PostgreSQL plans a prepared statement afresh for its first runs, and keeps doing
        # so when its generic plan looks dearer; ``generic`` asks for the generic plan at
        # once (the timeline's UNION of ten parts: 15 ms planning for 1 ms of work).
        self.generic = generic
        self._compiled: WeakKeyDictionary = WeakKeyDictionary()

    def run(self, key, build, using: str = "default", value=_NO_VALUE) -> list:
        connection = connections[using]
        kept = self._compiled.setdefault(connection, {})
        compiled = kept.get(key)
        if compiled is None:
            if len(kept) >= self.limit:
                _forget(connection, kept.values())
                kept.clear()
            if value is _NO_VALUE:
                compiled = _Compiled(build().using(using), connection)
            else:
                compiled = _Compiled(build(MARKER).using(using), connection, marker=MARKER)
            compiled.generic = self.generic
            kept[key] = compiled
        params = compiled.params if value is _NO_VALUE else compiled.with_value(value)
        return _run(compiled, connection, params)


def _forget(connection, compiled) -> None:
    """Let the server drop the statements it prepared for these (a new key per young person
    would otherwise pile them up in a long-lived session)."""
    prepared = getattr(connection, "yv_prepared", None) or set()
    names = [c.statement for c in compiled if c.statement in prepared]
    if names and not connection.needs_rollback:
        with connection.cursor() as cursor:
            for name in names:
                cursor.execute(f"DEALLOCATE {name}")
                prepared.discard(name)


def _run(compiled: _Compiled, connection, params, limit: int | None = None) -> list:
    """The objects of the compiled query, built as ``QuerySet`` builds them."""
    with connection.cursor() as cursor:
        if compiled.statement is None:
            cursor.execute(compiled.sql, params)
        else:
            prepared = getattr(connection, "yv_prepared", None)
            if prepared is None:
                prepared = connection.yv_prepared = set()
            if compiled.statement not in prepared:
                cursor.execute(compiled.prepare)
                prepared.add(compiled.statement)
            if compiled.generic:
                # One message: a failed EXECUTE takes the SET back with it.
                cursor.execute(
                    f"SET plan_cache_mode = force_generic_plan; {compiled.execute}", params
                )
            else:
                cursor.execute(compiled.execute, params)
        try:
            rows = cursor.fetchmany(limit) if limit else cursor.fetchall()
        finally:
            if compiled.generic and compiled.statement is not None:
                cursor.execute("RESET plan_cache_mode")
    if compiled.converters:
        rows = compiled.compiler.apply_converters(rows, compiled.converters)
    if compiled.model is None:
        return [tuple(row) for row in rows]
    objects = []
    for row in rows:
        obj = compiled.model.from_db(compiled.using, compiled.init_list, row[compiled.span])
        for populator in compiled.populators:
            populator.populate(row, obj)
        for name, position in compiled.annotations:
            setattr(obj, name, row[position])
        objects.append(obj)
    return objects
