"""A person's data, app by app: what the download contains and what erasure removes.

Each app that stores something about a person registers a ``Part`` in
``<app>/personal_data.py`` (the anchor is pretix's ``register_data_shredders``):

- ``export(user)`` returns the app's section of the JSON download (full values: it is the
  person's own copy);
- ``erase(user)`` runs inside the one erasure transaction, *before* the account itself is
  de-identified. It removes what identifies the person (names, numbers, contacts, free text
  they wrote, photos, documents) and keeps the outcome records the programme's figures count,
  de-identified. It returns the files to delete once the transaction has committed (storage
  does not roll back).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .registry import Registry

FileRef = tuple[Any, str]  # (storage, name)


@dataclass(frozen=True)
class Part:
    key: str  # the section's name in the download, e.g. "projects"
    export: Callable[[Any], Any]
    erase: Callable[[Any], list[FileRef]]


PARTS: Registry[Part] = Registry("personal data", key=lambda p: p.key, sort=lambda p: p.key)
register = PARTS.register
