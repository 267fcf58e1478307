"""Serving like production: hashed static files, local media switch, optional shared services."""

import json
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.test import override_settings

from site_home.storage import StaticFilesStorage

SITE_JS = "js/site.mjs"
GOVUK_JS = "vendor/govuk/govuk-frontend.min.js"


def test_hashed_site_module_imports_the_hashed_govuk_bundle(tmp_path):
    source = FileSystemStorage(location=settings.BASE_DIR / "static")
    storage = StaticFilesStorage(location=tmp_path, base_url="/static/")
    for name in (SITE_JS, GOVUK_JS):
        with source.open(name) as f:
            storage.save(name, f)
    processed = list(storage.post_process({name: (source, name) for name in (SITE_JS, GOVUK_JS)}))
    assert not [error for *_, error in processed if isinstance(error, Exception)]

    hashed_site, hashed_govuk = storage.stored_name(SITE_JS), storage.stored_name(GOVUK_JS)
    assert re.fullmatch(r"js/site\.[0-9a-f]{12}\.mjs", hashed_site)
    module = (tmp_path / hashed_site).read_text()
    imported = re.search(r'from\s*"([^"]+)"', module).group(1)
    assert imported == "../vendor/govuk/" + hashed_govuk.rsplit("/", 1)[1]
    assert (tmp_path / "js" / imported).resolve() == (tmp_path / hashed_govuk).resolve()
    assert (tmp_path / hashed_govuk).exists()
    # whitenoise serves these pre-compressed copies
    assert (tmp_path / (hashed_site + ".gz")).exists()


def test_production_uses_the_hashed_storage():
    assert settings.STORAGES["staticfiles"]["BACKEND"] in {
        "site_home.storage.StaticFilesStorage",
        "django.contrib.staticfiles.storage.StaticFilesStorage",  # tests skip collectstatic
    }
    env = _env(SECRET_KEY="x7!k2@p9#q4$w8%e3^r6&t1*y5(u0)i-o=p+a[s]d{f}g|h;j:k", ALLOWED_HOSTS="localhost")
    out = _settings_in_subprocess("site_home.settings.production", env, "STORAGES", "WHITENOISE_MAX_AGE")
    assert out["STORAGES"]["staticfiles"]["BACKEND"] == "site_home.storage.StaticFilesStorage"
    assert out["WHITENOISE_MAX_AGE"] >= 60 * 60 * 24 * 365


@pytest.mark.django_db
def test_media_is_served_only_when_switched_on(client, tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "pic.txt").write_text("pixels")
    with override_settings(MEDIA_ROOT=tmp_path, SERVE_MEDIA=False, DEBUG=False):
        assert client.get("/media/images/pic.txt").status_code == 404
    with override_settings(MEDIA_ROOT=tmp_path, SERVE_MEDIA=True, DEBUG=False):
        response = client.get("/media/images/pic.txt")
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"pixels"
        assert "public" in response["Cache-Control"]
        assert client.get("/media/../pyproject.toml").status_code in {400, 404}
        assert client.get("/media/%2e%2e/pyproject.toml").status_code in {400, 404}


SWITCHES = ("REDIS_", "FRONTEND_CACHE_", "DJANGO_", "AWS_")


def _env(**overrides):
    keep = {k: v for k, v in os.environ.items() if not k.startswith(SWITCHES)}
    return {**keep, **overrides}


def _settings_in_subprocess(module, env, *names):
    code = (
        # Import the settings module alone (no django.setup): fast, and exactly what the env gives.
        f"import importlib, json; s = importlib.import_module({module!r}); "
        f"print(json.dumps({{n: getattr(s, n, None) for n in {list(names)!r}}}, default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_redis_cache_when_redis_url_is_set():
    out = _settings_in_subprocess(
        "site_home.settings.dev",
        _env(REDIS_URL="redis://cache:6379/1", LIMITS_REDIS_URL="redis://limits:6379/2"),
        "CACHES",
    )
    assert out["CACHES"]["default"]["BACKEND"] == "site_home.cache_setup.FailSoftRedisCache"
    assert out["CACHES"]["default"]["LOCATION"] == "redis://cache:6379/1"
    assert out["CACHES"]["limits"]["LOCATION"] == "redis://limits:6379/2"
    local = _settings_in_subprocess("site_home.settings.dev", _env(), "CACHES")
    assert local["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")


def test_frontend_cache_invalidation_switches_on_from_the_environment():
    off = _settings_in_subprocess("site_home.settings.dev", _env(), "WAGTAILFRONTENDCACHE")
    assert off["WAGTAILFRONTENDCACHE"] is None
    http = _settings_in_subprocess(
        "site_home.settings.dev", _env(FRONTEND_CACHE_PURGE_URL="http://varnish:8080"), "WAGTAILFRONTENDCACHE"
    )
    assert http["WAGTAILFRONTENDCACHE"]["varnish"]["LOCATION"] == "http://varnish:8080"
    cloudflare = _settings_in_subprocess(
        "site_home.settings.dev",
        _env(FRONTEND_CACHE_CLOUDFLARE_TOKEN="token", FRONTEND_CACHE_CLOUDFLARE_ZONEID="zone"),
        "WAGTAILFRONTENDCACHE",
    )
    assert cloudflare["WAGTAILFRONTENDCACHE"]["cloudflare"]["BACKEND"].endswith("CloudflareBackend")
    assert cloudflare["WAGTAILFRONTENDCACHE"]["cloudflare"]["ZONEID"] == "zone"


def test_media_goes_to_s3_when_a_bucket_is_set():
    env = _env(AWS_STORAGE_BUCKET_NAME="cv-media", AWS_S3_CUSTOM_DOMAIN="media.example.org")
    out = _settings_in_subprocess(
        "site_home.settings.dev", env, "STORAGES", "AWS_STORAGE_BUCKET_NAME", "CONTENT_SECURITY_POLICY"
    )
    assert out["STORAGES"]["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert out["AWS_STORAGE_BUCKET_NAME"] == "cv-media"
    assert "https://media.example.org" in out["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"]
    local = _settings_in_subprocess("site_home.settings.dev", _env(), "STORAGES")
    assert local["STORAGES"]["default"]["BACKEND"].endswith("FileSystemStorage")
