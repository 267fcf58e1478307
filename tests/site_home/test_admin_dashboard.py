import json
import re

from django.contrib.staticfiles import finders


def test_staff_avatars_are_local_images_not_gravatar(admin_client, home_page):
    html = admin_client.get("/admin/").content.decode()

    avatars = re.findall(r'class="avatar[^"]*"[^>]*>\s*<img src="([^"]+)"', html)
    avatars += [json.loads(f'"{url}"') for url in re.findall(r"avatarUrl&quot;: &quot;([^&]+)&quot;", html)]
    avatars += [json.loads(f'"{url}"') for url in re.findall(r'"avatarUrl": "([^"]+)"', html)]
    assert avatars, "the admin shows the signed-in user's avatar"
    assert "gravatar" not in html
    for src in avatars:
        assert src.startswith("/static/"), src
        assert finders.find(src.removeprefix("/static/").split("?")[0]), f"{src} is served by this site"
