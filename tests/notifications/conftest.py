import copy
import json
from pathlib import Path

import pytest

from notifications import registry

from . import gateways

TEMPLATES_DIR = Path(__file__).parent / "templates"


@pytest.fixture(autouse=True)
def _clean_gateway_calls():
    gateways.calls.clear()
    gateways.hooks.clear()
    yield
    gateways.calls.clear()
    gateways.hooks.clear()


@pytest.fixture
def sms_log(settings, tmp_path):
    """The logging gateway (the default) writes one JSON line per SMS to this file."""
    path = tmp_path / "sms.log"
    settings.SMS_GATEWAY = "notifications.gateways.LoggingSmsGateway"
    settings.SMS_LOG_FILE = str(path)

    def lines() -> list[dict]:
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text().splitlines()]

    return lines


@pytest.fixture
def counting_gateway(settings):
    settings.SMS_GATEWAY = "tests.notifications.gateways.CountingGateway"
    return gateways.calls


@pytest.fixture
def failing_gateway(settings):
    settings.SMS_GATEWAY = "tests.notifications.gateways.FailingGateway"
    return gateways.calls


@pytest.fixture
def language_kind(settings, monkeypatch):
    """A kind whose templates print the active language and an already translated phrase,
    so the language a message is rendered in can be seen whatever the catalogue holds."""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], TEMPLATES_DIR]
    settings.TEMPLATES = templates
    kind = registry.Kind(code="tests.language", label="Language test")
    monkeypatch.setitem(registry._KINDS, kind.code, kind)
    return kind
