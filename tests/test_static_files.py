"""Production collects the static files with whitenoise's manifest storage, which refuses a
file that names one it cannot find (a vendored script's source map, a CSS url()): the deploy
would stop there. Collected here as production does, into a temporary folder."""

from django.core.management import call_command
from django.test import override_settings


def test_collectstatic_succeeds_with_the_production_manifest_storage(tmp_path, settings):
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", "--noinput", verbosity=0)
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert "vendor/chartjs/chart.umd.js" in manifest
    assert "js/dashboard-charts.js" in manifest
