"""Load a demo district shaped like the programme in DESIGN.md. Safe to run again.

Each app's demo data is a ``core.seeding.Seed`` in ``<app>/seed.py``, run here in
dependency order. Names are invented; everything is keyed (centre codes, e-mail addresses,
credit codes), so a second run adds only what is missing.
"""

import logging
import random

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from core import seeding


class Command(BaseCommand):
    help = "Load the demo district (idempotent) and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--youth", type=int, default=300)

    def handle(self, *args, youth: int, **options):
        if not settings.DEBUG:
            # Demo accounts share a known password and authenticator secret.
            raise CommandError("seed_demo is for development and demos only (DEBUG on).")
        context = seeding.SeedContext(
            rng=random.Random(2026),
            password=seeding.DEMO_PASSWORD,
            password_hash=make_password(seeding.DEMO_PASSWORD),
            totp_secret=seeding.DEMO_TOTP_SECRET,
            options={"youth": youth},
        )
        # The demo's messages stay in the outbox (marked sent), not on the console, and the
        # logins are not scrolled away by a thousand lines of sending.
        logging.disable(logging.INFO)
        try:
            with (
                override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
                transaction.atomic(),
            ):
                for seed in seeding.in_order():
                    seed.run(context)
        finally:
            logging.disable(logging.NOTSET)
        for note in context.notes:
            self.stdout.write(note)
        self.stdout.write(self.style.SUCCESS("Demo district ready. Demo logins:"))
        for role, login in context.logins:
            self.stdout.write(f"  {role:<28} {login:<34} {seeding.DEMO_PASSWORD}")
        self.stdout.write(
            f"Staff and partners sign in with a two-factor code: authenticator secret "
            f"{seeding.DEMO_TOTP_SECRET}, or `make totp` prints the current code."
        )
