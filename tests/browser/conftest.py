"""Browser tests: Playwright driving Debian's Chromium against Django's live server.

Run alone with `pytest -m browser`. Each public page gets an axe-core check (WCAG 2.2 AA).
"""

import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # sync Playwright and the ORM in one test
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture
def live_site(live_server, home_page):
    """The live server with the test site pointing at its host and port."""
    from urllib.parse import urlparse

    parsed = urlparse(live_server.url)
    site = home_page.get_site()
    site.hostname, site.port = parsed.hostname, parsed.port
    site.save()
    return live_server.url


@pytest.fixture
def assert_accessible():
    axe = Axe()

    def check(page):
        results = axe.run(page, options=WCAG)
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"

    return check


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()
