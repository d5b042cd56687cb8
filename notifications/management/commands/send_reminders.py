from django.core.management.base import BaseCommand

from notifications import services


class Command(BaseCommand):
    help = "Write the periodic reminders that are due and send everything pending (no beat needed)."

    def handle(self, *args, **options):
        for kind, count in services.run_reminders().items():
            self.stdout.write(f"{kind}: {count} new")
        self.stdout.write(f"queued: {services.sweep()}")
