"""Share images (Open Graph, 1200×630 PNG), drawn on the server with Pillow: the site's own,
and one per partner city with its name and a dot at its place on the world map.

No outside service and no map tiles: the country outlines are the shipped Natural Earth
data (geo.world), the font is DejaVu from Debian's fonts-dejavu, found by fontconfig.
"""

import functools
import io
import subprocess
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from PIL import Image, ImageDraw, ImageFont

from citypartners.geo.projection import project
from citypartners.geo.world import world_rings

SIZE = (1200, 630)
BACKGROUND = "#0b4f6c"
LAND = "#2a6f8c"
TEXT = "#ffffff"
DOT = "#f5c542"
# The land is fitted into the image below the text band.
MAP_BOX = (20, 200, 1180, 620)


# Where Debian's fonts-dejavu-core puts the font, when fontconfig's fc-match is not installed.
DEBIAN_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


@functools.cache
def font_path(style: str = "DejaVu Sans:bold") -> str:
    """The file of a DejaVu font, by fontconfig; a clear error when fonts-dejavu is missing."""
    try:
        found = subprocess.run(
            ["fc-match", "-f", "%{file}", style], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        found = str(DEBIAN_FONT) if DEBIAN_FONT.exists() else ""
    if "DejaVu" not in found or not Path(found).exists():
        raise ImproperlyConfigured(
            f"Share images need the DejaVu fonts (Debian package fonts-dejavu-core); "
            f"fontconfig found {found or 'nothing'} for {style!r}."
        )
    return found


@functools.cache
def _transform() -> tuple[float, float, float]:
    """Scale and offsets that fit the land (without Antarctica) into MAP_BOX."""
    points = [point for ring in world_rings() for point in ring]
    min_x, max_x = min(x for x, _y in points), max(x for x, _y in points)
    min_y, max_y = min(y for _x, y in points), max(y for _x, y in points)
    left, top, right, bottom = MAP_BOX
    scale = min((right - left) / (max_x - min_x), (bottom - top) / (max_y - min_y))
    dx = left + ((right - left) - (max_x - min_x) * scale) / 2 - min_x * scale
    dy = top + ((bottom - top) - (max_y - min_y) * scale) / 2 - min_y * scale
    return scale, dx, dy


def _to_image(x: float, y: float) -> tuple[float, float]:
    scale, dx, dy = _transform()
    return (x * scale + dx, y * scale + dy)


@functools.cache
def _base_map() -> Image.Image:
    """The background with the world's land (drawn once per process)."""
    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    for ring in world_rings():
        draw.polygon([_to_image(x, y) for x, y in ring], fill=LAND)
    return image


def _fit(draw, text: str, *, size: int, width: int) -> ImageFont.FreeTypeFont:
    """The largest font up to `size` in which `text` fits `width` pixels."""
    while True:
        font = ImageFont.truetype(font_path(), size)
        if size <= 24 or draw.textlength(text, font=font) <= width:
            return font
        size -= 4


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _with_text(image: Image.Image, title: str, subtitle: str) -> Image.Image:
    draw = ImageDraw.Draw(image)
    # A band behind the text, so that it stays readable over the land.
    draw.rectangle([0, 0, SIZE[0], 190], fill=BACKGROUND)
    draw.text((60, 40), subtitle, font=_fit(draw, subtitle, size=34, width=1080), fill=TEXT)
    draw.text((60, 88), title, font=_fit(draw, title, size=76, width=1080), fill=TEXT)
    return image


def site_image(*, title: str, subtitle: str) -> bytes:
    """The image shared for every page that has none of its own."""
    return _png(_with_text(_base_map().copy(), title, subtitle))


def city_image(*, name: str, subtitle: str, longitude, latitude) -> bytes:
    """A partner city's image: its name, and a dot at its place when the place is known."""
    image = _base_map().copy()
    if longitude is not None and latitude is not None:
        x, y = _to_image(*project(float(longitude), float(latitude)))
        draw = ImageDraw.Draw(image)
        for radius, colour in ((22, BACKGROUND), (16, DOT)):
            draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=colour)
    return _png(_with_text(image, name, subtitle))
