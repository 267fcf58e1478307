from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from site_home import links, sign_in, views
from site_home.page_cache import shared
from site_home.paths import ADMIN_PATH

urlpatterns = [
    path(ADMIN_PATH.lstrip("/"), include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", shared(sitemap), {"sitemaps": {"wagtail": links.Sitemap}}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Wagtail's page-password form, behind guessing limits (same URL, so Wagtail's links still work).
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        sign_in.authenticate_with_password,
    ),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
]

# What residents read and post to, in every language: English has no prefix, /cy/ and /gd/ the others.
# Each feature app owns its non-page URLs (feeds, confirmations, exports).
translated_patterns = [
    path("search/", views.search, name="search"),
    path("", include("surveys.feedback.urls")),
    path("", include("stories.urls")),
    path("", include("events.urls")),
    path("", include("consultations.urls")),
]

if settings.MEDIA_URL.startswith("/"):
    # Local media (DEBUG, or SERVE_MEDIA=1 for `make serve`); the view refuses otherwise.
    urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", views.media, name="media")]

urlpatterns += i18n_patterns(
    *translated_patterns, path("", include(wagtail_urls)), prefix_default_language=False
)

handler404 = "site_home.views.page_not_found"
handler500 = "site_home.views.server_error"
