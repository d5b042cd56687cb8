"""Audit rows written before core/redaction.py kept the secret part of some links in ``path``
(the e-mail confirmation key, the password-reset key, an invitation's or a registration
drive's token). This replaces it with "[redacted]", as new rows have it. The patterns are
copied here (migrations are frozen) from core.redaction.KNOWN_SECRETS."""

import re

from django.db import migrations

REDACTED = "[redacted]"
PATTERNS = [
    (r"/accounts/confirm-email/", re.compile(r"(/accounts/confirm-email/)[^/\s\"'<>?#]+")),
    (
        r"/accounts/password/reset/key/",
        re.compile(r"(/accounts/password/reset/key/)[^/\s\"'<>?#]+"),
    ),
    (r"/invitation/", re.compile(r"(/invitation/)[^/\s\"'<>?#]+")),
    (r"/drive/", re.compile(r"(/drive/)[^/\s\"'<>?#]+")),
]


def scrub(apps, schema_editor):
    Entry = apps.get_model("audit", "Entry")
    for marker, pattern in PATTERNS:
        rows = Entry.objects.filter(path__contains=marker).only("pk", "path")
        for entry in rows.iterator(chunk_size=500):
            path = pattern.sub(lambda m: m.group(1) + REDACTED, entry.path)
            if path != entry.path:
                Entry.objects.filter(pk=entry.pk).update(path=path)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(scrub, migrations.RunPython.noop)]
