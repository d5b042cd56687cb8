"""The audit log's action codes and their labels, declared by the apps that record them.

Each app registers its codes in ``<app>/audit_actions.py``; ``audit.services.record`` refuses a
code that is not registered, so every row in the log has a label to show.
"""

from dataclasses import dataclass
from typing import Any

from core.registry import Registry


@dataclass(frozen=True)
class Action:
    code: str  # "<noun>.<past participle>", e.g. "project.stage_changed"
    label: Any


ACTIONS: Registry[Action] = Registry("audit actions", key=lambda a: a.code)


def register(code: str, label) -> Action:
    return ACTIONS.register(Action(code, label))


def label(code: str):
    return ACTIONS.get(code).label if code in ACTIONS else code


def choices() -> list[tuple[str, Any]]:
    return [(a.code, a.label) for a in ACTIONS]
