"""The inline body-class script is allowed by its hash, and nothing else inline is."""

import base64
import hashlib
import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_only_inline_script_is_allowed_by_its_hash(client, place_index):
    response = client.get("/")
    html = response.content.decode()
    inline = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(inline) == 1 and "govuk-frontend-supported" in inline[0]
    digest = base64.b64encode(hashlib.sha256(inline[0].encode()).digest()).decode()
    csp = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]+)", csp).group(1).split()
    assert script_src == ["'self'", f"'sha256-{digest}'"]
    assert "unsafe-inline" not in csp


def test_favicon_is_declared_and_the_conventional_path_redirects_to_it(client, home_page):
    html = client.get("/").content.decode()
    assert re.search(r'<link rel="icon" href="/static/images/favicon[^"]*\.svg" type="image/svg\+xml">', html)
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith(".svg")
