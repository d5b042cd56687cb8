"""How many times each table has been written to, counted by the database itself.

On PostgreSQL every table of the portal's models has a statement-level trigger that adds a
row to ``core_datachange`` for each INSERT, UPDATE, DELETE or TRUNCATE that touches it,
whoever runs it: the ORM, ``QuerySet.update()``, raw SQL, an import, the admin, ``psql``.
The row is part of the writing transaction, so it becomes visible exactly when the change
does, and rows are only ever added (never a counter row that two writers would have to
lock). ``version(tables)`` is the number of those rows for the given tables (plus what
``fold()`` has moved into ``core_datachangetotal``): it grows whenever any of them changes,
and a reader that sees the new number also sees the change. ``core.caching.kept_until_changed``
keeps a page under that number.

``fold()`` (Celery beat, every minute) moves the log's rows into one total per table, in one
statement, so the count stays small; the sum never changes while it does. On other databases
(SQLite for ``make run``) nothing is counted and ``version()`` returns None: nothing is kept.

The tables are installed after every ``migrate`` (``install()``, from ``post_migrate``), for
the models of every installed app: an app's tables are counted without the base knowing the
app. Not counted: the sessions (read before any page, and written on every sign-in) and the
two tables of the count itself.
"""

import json
import re

from django.apps import apps
from django.db import connections
from django.db.models import TextField
from django.db.models.expressions import RawSQL

from .models import DataChange, DataChangeTotal

UNCOUNTED = {"django_session", DataChange._meta.db_table, DataChangeTotal._meta.db_table}

_FUNCTION = f"""
CREATE OR REPLACE FUNCTION yv_count_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {DataChange._meta.db_table} (relname) VALUES (TG_TABLE_NAME);
    RETURN NULL;
END $$
"""
_TRIGGER = (
    "CREATE OR REPLACE TRIGGER yv_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
    "ON {table} FOR EACH STATEMENT EXECUTE FUNCTION yv_count_change()"
)


def counted_tables() -> set[str]:
    """Every table of an installed model (many-to-many tables included) but the uncounted."""
    return {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and not model._meta.swapped
    } - UNCOUNTED


def supported(connection) -> bool:
    return connection.vendor == "postgresql"


def install(using: str = "default") -> int:
    """Put the trigger on every counted table that exists; the number of tables."""
    connection = connections[using]
    if not supported(connection):
        return 0
    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
        tables = sorted(counted_tables() & existing)
        cursor.execute(_FUNCTION)
        for table in tables:
            cursor.execute(_TRIGGER.format(table=connection.ops.quote_name(table)))
    return len(tables)


def version(tables, using: str = "default") -> int | None:
    """How many writes the tables have had (one number for all of them), or None where the
    database does not count them. (Kept pages read the counts with the signed-in user and
    call ``version_from``; this asks for them on its own.)"""
    counts = counts_expression(using)
    if counts is None:
        return None
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT {counts.sql}")
        return version_from(cursor.fetchone()[0], tables)


_FOLD = f"""
WITH moved AS (DELETE FROM {DataChange._meta.db_table} RETURNING relname)
INSERT INTO {DataChangeTotal._meta.db_table} (relname, count)
SELECT relname, COUNT(*) FROM moved GROUP BY relname
ON CONFLICT (relname) DO UPDATE SET count = {DataChangeTotal._meta.db_table}.count
                                           + EXCLUDED.count
"""


def fold(using: str = "default") -> int:
    """Move the logged changes into the totals (one statement: a reader sees the same sum
    before and after); the number of tables whose total grew."""
    connection = connections[using]
    if not supported(connection):
        return 0
    with connection.cursor() as cursor:
        cursor.execute(_FOLD)
        return cursor.rowcount


_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_$]*")


def tables_in(sql: str, known: set[str]) -> set[str]:
    """The known tables a statement names (quoted or not); an over-count only means a page is
    written again more often."""
    return {word for word in _WORD.findall(sql) if word in known}


# Every table's count at once, as JSON text ({"accounts_user": 12, ...}): loaded with the
# signed-in user (accounts/backends.py), so a kept page asks no query of its own.
_ALL_COUNTS = """(SELECT COALESCE(json_object_agg(relname, n), '{{}}')::text FROM (
    SELECT relname, SUM(n) AS n FROM (
        SELECT relname, count AS n FROM {totals}
        UNION ALL
        SELECT relname, COUNT(*) AS n FROM {log} GROUP BY relname
    ) AS parts GROUP BY relname
) AS counted)"""


def counts_expression(using: str = "default"):
    """The counts of every table as an expression for a query that is read before a page's
    own queries (the signed-in user), or None where writes are not counted."""
    if not supported(connections[using]):
        return None
    sql = _ALL_COUNTS.format(totals=DataChangeTotal._meta.db_table, log=DataChange._meta.db_table)
    return RawSQL(sql, [], output_field=TextField())


def version_from(counts: str | dict, tables) -> int:
    """``version(tables)`` from the counts ``counts_expression`` loaded."""
    if isinstance(counts, str):
        counts = json.loads(counts)
    return sum(int(counts.get(table, 0)) for table in tables)
