"""Re-encrypt every encrypted field under the newest key of FIELD_ENCRYPTION_KEYS.

Rotation: put a new key first in FIELD_ENCRYPTION_KEYS (keep the old ones after
it), deploy, run this command, then remove the old keys. The blind-index key
(FIELD_HASH_KEY) is not rotated by this command.
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from core.crypto import EncryptedCharField


class Command(BaseCommand):
    help = "Re-encrypt personal data under the newest encryption key."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=500)

    def handle(self, *args, batch: int, **options):
        for model in apps.get_models():
            fields = [
                f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedCharField)
            ]
            if not fields:
                continue
            done = 0
            pks = list(model._base_manager.values_list("pk", flat=True).order_by("pk"))
            for start in range(0, len(pks), batch):
                with transaction.atomic():
                    # Locked while re-encrypted: a change made meanwhile waits, and is not undone.
                    rows = (
                        model._base_manager.select_for_update()
                        .filter(pk__in=pks[start : start + batch])
                        .only("pk", *fields)
                    )
                    for row in rows:
                        values = {f: getattr(row, f) for f in fields}
                        # update() encrypts again, with the first (newest) key.
                        model._base_manager.filter(pk=row.pk).update(**values)
                        done += 1
            label = model._meta.label
            self.stdout.write(f"{label}: {done} rows re-encrypted ({', '.join(fields)})")
