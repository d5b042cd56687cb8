"""The data migration that takes secret tokens out of audit rows written before."""

import importlib

from django.apps import apps

from audit.models import Entry

migration = importlib.import_module("audit.migrations.0002_scrub_secret_paths")


def test_it_takes_the_tokens_out_of_old_rows_and_leaves_the_rest(db):
    paths = {
        "/accounts/confirm-email/MQ:1vQ2xR:abcdef/": "/accounts/confirm-email/[redacted]/",
        "/accounts/password/reset/key/2-ab12-cd34/": "/accounts/password/reset/key/[redacted]/",
        "/invitation/aZ09_tok3n/": "/invitation/[redacted]/",
        "/accounts/login/?next=/invitation/aZ09_tok3n/": (
            "/accounts/login/?next=/invitation/[redacted]/"
        ),
        "/staff/youth/12/": "/staff/youth/12/",
        "": "",
    }
    rows = {path: Entry.objects.create(action="auth.signed_in", path=path) for path in paths}

    migration.scrub(apps, None)

    for path, entry in rows.items():
        entry.refresh_from_db()
        assert entry.path == paths[path]
