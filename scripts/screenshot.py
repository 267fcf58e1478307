"""Take the README screenshot: `python scripts/screenshot.py http://127.0.0.1:8000/ docs/screenshot-home.png`.

Needs the test extras (Playwright) and Debian's chromium. Saves a 1280x900 view as a 128-colour PNG,
which keeps it small enough for the repository.
"""

import io
import os
import shutil
import sys

from PIL import Image
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


def main(url, out, width=1280, height=900):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(url, wait_until="networkidle")
        png = page.screenshot()
        browser.close()
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image.quantize(colors=128, dither=Image.Dither.NONE).save(out, optimize=True)


if __name__ == "__main__":
    main(*sys.argv[1:3])
