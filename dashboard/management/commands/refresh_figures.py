from django.core.management.base import BaseCommand

from dashboard.refresh import refresh_figures


class Command(BaseCommand):
    help = (
        "Count every dashboard figure into the summary table now (beat does it every few minutes)."
    )

    def add_arguments(self, parser):
        parser.add_argument("keys", nargs="*", help="only these figures (e.g. jobs.placed)")

    def handle(self, *args, keys, **options):
        result = refresh_figures(keys=set(keys) or None)
        self.stdout.write(
            f"figures={result['figures']} rows={result['rows']} "
            f"failed={len(result['failed'])} seconds={result['seconds']}"
        )
        for key in result["failed"]:
            self.stderr.write(f"failed: {key}")
        if result["failed"]:
            raise SystemExit(1)
