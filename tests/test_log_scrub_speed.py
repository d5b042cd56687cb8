"""Scrubbing secret tokens from log lines (core/redaction.py) resolves a path once: paths
without a secret are remembered, paths with one never are."""

from unittest import mock

from core import redaction


def test_a_clean_path_is_resolved_once_and_a_secret_one_every_time(db):
    redaction._CLEAN.clear()
    with mock.patch.object(redaction, "resolve", wraps=redaction.resolve) as resolve:
        for _ in range(3):
            assert redaction.scrub_text('"GET /staff/youth/ HTTP/1.1"') == (
                '"GET /staff/youth/ HTTP/1.1"'
            )
        clean_calls = resolve.call_count
        for _ in range(3):
            line = redaction.scrub_text('"GET /invitation/s3cr3t-token/ HTTP/1.1"')
            assert "s3cr3t-token" not in line and redaction.REDACTED in line
    assert clean_calls == 2  # "/staff/youth/" and "/1.1", once each
    assert resolve.call_count - clean_calls == 3  # the secret one: every time
    assert not any("s3cr3t-token" in path for _, path in redaction._CLEAN)
