"""Draw the base map (static/citypartners/img/world-110m.svg) from the shipped TopoJSON."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from citypartners.geo.world import world_svg

TARGET = Path(settings.PROJECT_DIR) / "static" / "citypartners" / "img" / "world-110m.svg"


class Command(BaseCommand):
    help = "Write the base map SVG from citypartners/geo/data/countries-110m.json."

    def handle(self, *args, **options):
        TARGET.parent.mkdir(parents=True, exist_ok=True)
        TARGET.write_text(world_svg(), encoding="utf-8")
        self.stdout.write(f"{TARGET} ({TARGET.stat().st_size} bytes)")
