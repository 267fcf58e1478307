"""Screenshots of the main pages at phone and desktop widths, for the README and design reviews.

    python scripts/screenshots.py http://127.0.0.1:8000/            # the demo site (`make run`)
    python scripts/screenshots.py http://127.0.0.1:8000/ --out docs/screenshots --page place=/places/fernbank/

It serves nothing itself: start the site first. Each page is captured full-page at 375 px and
1280 px wide into OUT/<page>-<width>.png, cut at --max-height pixels and saved as a 128-colour PNG
to stay small in the repository. Needs the test extras (Playwright) and Debian's chromium.
"""

import argparse
import io
import os
import shutil
import sys
from pathlib import Path
from urllib.parse import urljoin

from PIL import Image
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"

# Paths on the demo site that `manage.py load_demo` builds.
PAGES = {
    "home": "/",
    "place": "/places/ashgrove/",
    "review": "/consultations/better-relationships-better-outcomes/",
    "event": "/events/ashgrove-library-drop-in/",
    "story": "/stories/allotments-that-feed-a-street/",
    "survey": "/surveys/working-together/",
    "survey-results": "/surveys/place-standard-2026/results/",
}
WIDTHS = (375, 1280)


def save_png(png, out, max_height):
    image = Image.open(io.BytesIO(png)).convert("RGB")
    if image.height > max_height:
        image = image.crop((0, 0, image.width, max_height))
    image.quantize(colors=128, dither=Image.Dither.NONE).save(out, optimize=True)


def capture(base_url, pages, out_dir, widths=WIDTHS, max_height=3000):
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for width in widths:
            context = browser.new_context(viewport={"width": width, "height": 900}, reduced_motion="reduce")
            page = context.new_page()
            for name, path in pages.items():
                response = page.goto(urljoin(base_url, path), wait_until="networkidle")
                if response is None or response.status >= 400:
                    status = response.status if response else "no response"
                    raise SystemExit(f"{name}: {urljoin(base_url, path)} answered {status}")
                out = out_dir / f"{name}-{width}.png"
                save_png(page.screenshot(full_page=True), out, max_height)
                written.append(out)
            context.close()
        browser.close()
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base_url", help="where the site runs, e.g. http://127.0.0.1:8000/")
    parser.add_argument("--out", default="docs/screenshots", type=Path, help="folder for the PNGs")
    parser.add_argument("--max-height", default=3000, type=int, help="cut full-page shots at this height")
    parser.add_argument(
        "--page", action="append", default=[], metavar="NAME=PATH", help="add or replace a page to capture"
    )
    parser.add_argument("--only", action="append", default=[], metavar="NAME", help="only these pages")
    args = parser.parse_args(argv)
    pages = dict(PAGES)
    for item in args.page:
        name, _, path = item.partition("=")
        pages[name] = path
    if args.only:
        pages = {name: pages[name] for name in args.only}
    for out in capture(args.base_url, pages, args.out, max_height=args.max_height):
        print(f"{out} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    sys.exit(main())
