"""Demo data, app by app, for ``manage.py seed_demo``.

Each app registers a ``Seed`` in ``<app>/seed.py``; the command runs them in dependency order
(``after`` names the seeds that must run first). A seed is idempotent: a second run adds only
what is missing. It may add demo logins to ``context.logins``; the command prints them last.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .registry import Registry

DEMO_PASSWORD = "demo-2026"
# Staff sign in with a second factor; every demo staff account shares this authenticator
# secret (add it to any TOTP app, or run `manage.py demo_totp_code`).
DEMO_TOTP_SECRET = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"


@dataclass
class SeedContext:
    rng: random.Random
    password: str
    password_hash: str
    totp_secret: str
    options: dict = field(default_factory=dict)
    logins: list[tuple[str, str]] = field(default_factory=list)  # (who, sign-in name)
    notes: list[str] = field(default_factory=list)
    shared: dict[str, Any] = field(default_factory=dict)  # what one seed hands the next


@dataclass(frozen=True)
class Seed:
    name: str
    run: Callable[[SeedContext], None]
    after: tuple[str, ...] = ()


SEEDS: Registry[Seed] = Registry("demo data", key=lambda s: s.name)
register = SEEDS.register


def in_order() -> list[Seed]:
    """Seeds with every seed after those it names (a stable topological order)."""
    pending = {s.name: s for s in SEEDS.all()}
    done: list[Seed] = []
    names: set[str] = set()
    while pending:
        ready = [s for s in pending.values() if set(s.after) <= names]
        if not ready:
            missing = {n: sorted(set(s.after) - names) for n, s in pending.items()}
            raise ValueError(f"demo data: unmet or circular dependencies {missing}")
        for seed in sorted(ready, key=lambda s: s.name):
            done.append(seed)
            names.add(seed.name)
            del pending[seed.name]
    return done
