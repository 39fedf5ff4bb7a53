"""Load the Berlin demo data set (idempotent)."""

from django.core.management.base import BaseCommand

from citypartners.demo.loader import load_berlin


class Command(BaseCommand):
    help = "Load the Berlin demo data: partnerships, cities and the bilingual pages."

    def handle(self, *args, **options):
        report = load_berlin()
        if report.total:
            created = ", ".join(f"{n} {what}" for what, n in sorted(report.created.items()) if n)
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {created}."))
        else:
            self.stdout.write("Demo data already loaded; nothing changed.")
