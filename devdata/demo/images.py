"""Demo pictures drawn with Pillow: a sky, layered hills and a few buildings, varied by a seed.
Made on this machine, so nothing is downloaded and every image belongs to this repository."""

import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

PALETTES = [
    ((214, 234, 248), (46, 125, 110), (27, 79, 72)),
    ((252, 228, 200), (120, 144, 80), (70, 90, 50)),
    ((225, 220, 245), (84, 110, 160), (44, 62, 100)),
    ((240, 240, 228), (160, 120, 70), (95, 70, 45)),
    ((205, 230, 225), (60, 140, 140), (30, 85, 95)),
]


def draw_scene(seed: int, size=(1200, 675)) -> bytes:
    rng = random.Random(seed)
    sky, hill, dark = PALETTES[seed % len(PALETTES)]
    width, height = size
    image = PILImage.new("RGB", size, sky)
    draw = ImageDraw.Draw(image)
    for band in range(3):
        base = int(height * (0.45 + band * 0.15))
        shade = tuple(int(c * (1 - band * 0.18)) for c in hill)
        points = [(0, height)]
        for x in range(0, width + 100, 100):
            points.append((x, base + rng.randint(-50, 30)))
        points.append((width, height))
        draw.polygon(points, fill=shade)
    for _ in range(rng.randint(4, 9)):
        x = rng.randint(0, width - 120)
        w, h = rng.randint(50, 120), rng.randint(60, 200)
        y = int(height * 0.8) - h
        draw.rectangle([x, y, x + w, int(height * 0.8)], fill=dark)
        for wy in range(y + 12, int(height * 0.8) - 12, 28):
            for wx in range(x + 10, x + w - 10, 24):
                if rng.random() > 0.4:
                    draw.rectangle([wx, wy, wx + 10, wy + 14], fill=(250, 230, 160))
    draw.ellipse([width - 220, 60, width - 140, 140], fill=(255, 245, 215))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82)
    return buffer.getvalue()


def demo_image(title: str, seed: int, description: str = ""):
    """The Wagtail image with this title, drawn and saved if it does not exist yet."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    filename = f"demo-{seed}.jpg"
    image = Image(title=title, description=description)
    image.file = ImageFile(io.BytesIO(draw_scene(seed)), name=filename)
    image.save()
    return image
