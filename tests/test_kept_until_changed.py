"""Signed-in lists and pages kept until what they read is written to (core/changes.py,
``core.caching.kept_until_changed``; PostgreSQL, where the database counts the writes).

A page shown again is the page that would be written: any write to a table it read, however
it is made (``QuerySet.update()``, raw SQL), shows on the next request; a request that writes
(a logged reveal) is never served from a kept copy; a viewer moved to another centre sees
their new scope at once."""

import pytest
from django.db import connection
from django.urls import reverse

from accounts.models import StaffProfile, YouthProfile
from audit.models import Entry
from core import changes
from core.models import DataChange, DataChangeTotal

from .test_caching import _renders
from .test_kept import local_cache  # noqa: F401 (a fixture)

pytestmark = pytest.mark.postgres

YOUTH_TABLE = YouthProfile._meta.db_table


def _shown(client, url: str) -> tuple[str, list]:
    seen, stop = _renders()
    try:
        response = client.get(url)
    finally:
        stop()
    assert response.status_code == 200
    return response.content.decode(), seen


def test_every_kind_of_write_is_counted_and_folding_keeps_the_sum(db, youth_a):
    before = changes.version([YOUTH_TABLE])
    other = changes.version([StaffProfile._meta.db_table])

    YouthProfile.objects.filter(user=youth_a).update(school="一中")  # no save(), no signal
    after_update = changes.version([YOUTH_TABLE])
    with connection.cursor() as cursor:  # raw SQL, as psql would
        cursor.execute(f"UPDATE {YOUTH_TABLE} SET school = 'x' WHERE id = -1")
    after_raw = changes.version([YOUTH_TABLE])

    assert before < after_update < after_raw
    assert changes.version([StaffProfile._meta.db_table]) == other  # another table: unchanged

    # The counts loaded with the signed-in user give the same numbers as the query.
    from accounts.models import User

    loaded = User.objects.annotate(counts=changes.counts_expression()).get(pk=youth_a.pk).counts
    for tables in ([YOUTH_TABLE], [StaffProfile._meta.db_table], [YOUTH_TABLE, "accounts_user"]):
        assert changes.version_from(loaded, tables) == changes.version(tables)

    logged = DataChange.objects.count()
    assert logged > 0
    assert changes.fold() > 0
    assert DataChange.objects.count() == 0
    assert DataChangeTotal.objects.filter(relname=YOUTH_TABLE).exists()
    assert changes.version([YOUTH_TABLE]) == after_raw  # the same number after folding


def test_a_list_is_kept_until_a_row_it_shows_changes(local_cache, client, town_staff, youth_a):  # noqa: F811
    client.force_login(town_staff)
    url = reverse("accounts:youth_list")
    for _ in range(2):  # the first request learns the tables the page reads
        first, rendered = _shown(client, url)
        assert rendered
    kept, rendered = _shown(client, url)
    assert rendered == [] and kept == first  # served as written, nothing rendered

    # A write the ORM's signals never see still shows on the very next request.
    from accounts.models import User

    User.objects.filter(pk=youth_a.pk).update(name="Alicia")
    changed, rendered = _shown(client, url)
    assert rendered and "Alicia" in changed and "Alicia" not in first


def test_a_request_that_writes_is_never_served_from_a_kept_copy(
    local_cache,  # noqa: F811
    client,
    district_staff,
    youth_a,
):
    client.force_login(district_staff)
    profile = YouthProfile.objects.get(user=youth_a)
    url = reverse("accounts:youth_detail", args=[profile.pk]) + "?reveal=1"
    for _ in range(3):
        client.get(url)
    revealed = Entry.objects.filter(action="youth.personal_data_revealed").count()
    assert revealed == 3  # each reveal logged, none skipped by a kept page


def test_a_viewer_moved_to_another_centre_sees_the_new_scope_at_once(
    local_cache,  # noqa: F811
    client,
    town_staff,
    town_b,
    youth_a,
    youth_b,
):
    client.force_login(town_staff)
    url = reverse("accounts:youth_list")
    for _ in range(3):
        page, _rendered = _shown(client, url)
    assert "Alice" in page and "Bob" not in page

    StaffProfile.objects.filter(user=town_staff).update(centre=town_b)
    moved, rendered = _shown(client, url)
    assert rendered and "Bob" in moved and "Alice" not in moved


def test_beat_folds_the_log_every_minute(settings):
    from youthventure.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["core-fold-changes"]
    assert entry["schedule"] == 60.0
    app.loader.import_default_modules()
    assert entry["task"] in app.tasks
