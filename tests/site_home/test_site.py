import os
import subprocess
import sys

import pytest

from site_home.models import StandardPage

from .factories import ThemeFactory, make_place

pytestmark = pytest.mark.django_db


def test_search_finds_a_field_of_a_page_subclass(client, place_index):
    make_place(place_index, title="Glenholm", summary="Famous for its Thursday tea dance.")
    make_place(place_index, title="Lochview", summary="Beside the country park.")

    html = client.get("/search/", {"q": "tea dance"}).content.decode()

    assert "Glenholm" in html
    assert "Lochview" not in html


def test_search_queries_do_not_grow_with_results(client, place_index):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        client.get("/search/", {"q": "tea dance"})
        with CaptureQueriesContext(connection) as captured:
            html = client.get("/search/", {"q": "tea dance"}).content.decode()
        return len(captured), html.count("tea dance")

    make_place(place_index, summary="Famous for its Thursday tea dance.")
    few, shown = queries()
    for _ in range(9):
        make_place(place_index, summary="Another tea dance on Fridays.")
    many, shown_now = queries()
    assert shown_now > shown and many == few


def test_search_without_query_and_with_hostile_query(client, home_page):
    assert client.get("/search/").status_code == 200
    response = client.get("/search/", {"q": "<script>alert(1)</script>" * 50})
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.content.decode()


def test_sitemap_lists_pages_and_theme_pages(client, place_index, theme_index):
    place = make_place(place_index, title="Fernbank")
    ThemeFactory(name="Funding")
    xml = client.get("/sitemap.xml").content.decode()
    assert place.url in xml
    assert "/themes/funding/" in xml


def test_robots_txt_points_at_the_sitemap(client, home_page):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text


def test_404_page_is_friendly(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_500_page_renders_without_database():
    from django.test import RequestFactory

    from site_home.views import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_standing_pages_linked_in_footer(client, home_page):
    from site_home.models import SiteSettings

    privacy = StandardPage(title="Privacy notice", slug="privacy", body=[])
    home_page.add_child(instance=privacy)
    privacy.save_revision().publish()
    settings = SiteSettings.for_site(home_page.get_site())
    settings.privacy_page = privacy
    settings.organisation_name = "Testford Partnership"
    settings.save()

    html = client.get("/").content.decode()
    assert 'href="/privacy/"' in html
    assert "Testford Partnership" in html


def test_security_headers_on_public_pages(client, home_page):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def _run_production(env_overrides, *args):
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for themselves; a deployment never has it.
    unset = {
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "REDIS_URL",
        "LIMITS_REDIS_URL",
        "SINGLE_PROCESS",
    }
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(DJANGO_SETTINGS_MODULE="site_home.settings.production", **env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_production_settings_refuse_to_start_without_secret_key_and_hosts():
    result = _run_production({}, "check")
    assert result.returncode != 0
    assert "SECRET_KEY, ALLOWED_HOSTS" in result.stderr


def test_production_settings_do_not_ship_the_demo_and_benchmark_commands():
    secrets = {
        "SECRET_KEY": "x7!k2@p9#q4$w8%e3^r6&t1*y5(u0)i-o=p+a[s]d{f}g|h;j:k",
        "ALLOWED_HOSTS": "example.org",
    }
    for command in ("load_demo", "bench_data", "bench_probe"):
        result = _run_production(secrets, command, "--help")
        assert result.returncode != 0
        assert f"Unknown command: '{command}'" in result.stderr


def test_production_settings_pass_check_deploy():
    result = _run_production(
        {
            "SECRET_KEY": "x7!k2@p9#q4$w8%e3^r6&t1*y5(u0)i-o=p+a[s]d{f}g|h;j:k",
            "ALLOWED_HOSTS": "example.org",
            "REDIS_URL": "redis://127.0.0.1:6379/1",
        },
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_personal_data_permission_is_needed_to_see_personal_data(django_user_model):
    from django.contrib.auth.models import Permission

    from site_home.permissions import can_see_personal_data

    editor = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    assert not can_see_personal_data(editor)
    editor.user_permissions.add(Permission.objects.get(codename="view_personal_data"))
    editor = django_user_model.objects.get(pk=editor.pk)
    assert can_see_personal_data(editor)


@pytest.mark.parametrize("extra, refused", [({}, True), ({"SINGLE_PROCESS": "1"}, False)])
def test_production_refuses_a_process_local_cache_unless_one_process_serves(extra, refused):
    secrets = {
        "SECRET_KEY": "x7!k2@p9#q4$w8%e3^r6&t1*y5(u0)i-o=p+a[s]d{f}g|h;j:k",
        "ALLOWED_HOSTS": "example.org",
    }
    result = _run_production({**secrets, **extra}, "check")
    assert (result.returncode != 0) is refused
    assert ("site_home.E001" in result.stdout + result.stderr) is refused
