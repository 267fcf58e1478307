"""The site's languages: which exist (Wagtail locales), and, for the page being read, the same page
in each of them, for the language switcher and the `hreflang` links.

English pages have no prefix; Welsh and Gaelic ones live under /cy/ and /gd/ (site_home/urls.py).
A language shows in the switcher once editors have a home page in it; a page not yet translated
links to that language's home page, so the switcher never leads to a 404."""

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site

from .links import absolute_url
from .page_cache import cached_content


def language_homes(request):
    """{language code: URL of its home page}, for the languages with one: kept per content version."""

    def build():
        site = Site.find_for_request(request)
        if site is None:
            return {}
        site_root = site.root_page
        homes = Page.objects.filter(translation_key=site_root.translation_key, live=True)
        return {
            home.locale.language_code: home.get_url(request)
            for home in homes.select_related("locale").only("url_path", "locale__language_code")
        }

    return cached_content(request, "language-homes", (), build)


def page_in_each_language(page, request):
    """{language code: URL} of the live translations of `page`, itself included: one query, once
    per content version (a translation published starts a new one)."""

    def build():
        translations = Page.objects.filter(translation_key=page.translation_key, live=True)
        translations = translations.select_related("locale")
        return {
            found.locale.language_code: found.get_url(request)
            for found in translations.only("url_path", "locale__language_code")
        }

    return cached_content(request, "page-languages", (request.get_host(), page.pk), build)


def language_links(request, page=None):
    """[{code, name, url, absolute_url, current, translated}] in the order of settings.LANGUAGES,
    or [] while the site has one language (then it costs no query beyond a cached lookup)."""
    homes = language_homes(request)
    if len(homes) < 2:
        return []
    current = translation.get_language()
    same_page = page_in_each_language(page, request) if isinstance(page, Page) else {}
    links = []
    for code, name in settings.LANGUAGES:
        if code not in homes:
            continue
        # Not a page (search, a form's error page): the same address in the other language.
        url = same_page.get(code, homes[code]) if same_page else translate_url(request.get_full_path(), code)
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "absolute_url": absolute_url(url),
                "current": code == current,
                "translated": code in same_page,
            }
        )
    return links


def in_every_language(page):
    """The ids of `page` and its translations, as a subquery: feedback given on any language version
    of a page (a comment, a vote, a survey answer) counts for them all, and remembers which one it
    was given on."""
    return Page.objects.filter(translation_key=page.translation_key).values("pk")


def language_name(code):
    """A language's name in itself ("Cymraeg"), for exports' language column."""
    return dict(settings.LANGUAGES).get(code, code)
