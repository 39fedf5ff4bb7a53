"""Makes example-video.webm, the demo's stand-in for a video in German Sign Language.

Run with the project's Python (it draws the frames with Pillow) and the path of an ffmpeg
built with libvpx, for example the one in the imageio-ffmpeg wheel (in a throwaway virtual
environment; it is no dependency of the project):

    .venv/bin/python citypartners/demo/data/sign_language/make_example_video.py /path/to/ffmpeg
"""

import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT, FPS, SECONDS = 320, 240, 25, 4  # BITV 2.0: at least 320 × 240 and 25 frames
HERE = Path(__file__).resolve().parent
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
BACKGROUND = (38, 70, 83)  # neither black nor white, as BITV 2.0 asks of the background
LINES = [
    (BOLD, 22, "Beispielvideo"),
    (FONT, 15, "noch keine Gebärdensprache"),
    (BOLD, 22, "Example video"),
    (FONT, 15, "no sign language yet"),
]


def frame(number: int) -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    y = 36
    for font_file, size, text in LINES:
        font = ImageFont.truetype(font_file, size)
        width = draw.textlength(text, font=font)
        draw.text(((WIDTH - width) / 2, y), text, font=font, fill=(255, 255, 255))
        y += size + (20 if size == 15 else 6)
    # A dot that crosses the picture once, and the second: the picture visibly plays.
    x = 20 + (WIDTH - 40) * number / (FPS * SECONDS - 1)
    draw.ellipse((x - 8, 196 - 8, x + 8, 196 + 8), fill=(233, 196, 106))
    second = ImageFont.truetype(FONT, 13)
    draw.text((8, HEIGHT - 20), f"{number // FPS + 1} s", font=second, fill=(255, 255, 255))
    return image


def main(ffmpeg: str):
    with tempfile.TemporaryDirectory() as folder:
        for number in range(FPS * SECONDS):
            frame(number).save(Path(folder) / f"{number:04d}.png")
        subprocess.run(
            [ffmpeg, "-y", "-loglevel", "error", "-framerate", str(FPS),
             "-i", str(Path(folder) / "%04d.png"),
             "-c:v", "libvpx", "-b:v", "150k", "-pix_fmt", "yuv420p", "-an",
             "-metadata", "title=Beispielvideo / Example video",
             str(HERE / "example-video.webm")],
            check=True,
        )  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1])
