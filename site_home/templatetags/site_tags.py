from django import template
from django.template.backends.utils import csrf_input
from django.utils import translation
from django.utils.safestring import mark_safe

from site_home import navigation
from site_home.frontend import BODY_CLASS_SCRIPT
from site_home.languages import language_links
from site_home.page_cache import cached_fragment, may_share
from site_home.security import has_session
from site_home.social import page_description, social_metadata

register = template.Library()

# The `sizes` of responsive images (how wide each is shown, so the browser picks a rendition): CSS,
# the same in every language, kept here rather than as a phrase in the templates.
IMAGE_SIZES = {
    "hero": "(max-width: 640px) 100vw, 960px",
    "figure": "(max-width: 1020px) 100vw, 960px",
}


@register.simple_tag(takes_context=True)
def main_navigation(context):
    request = context.get("request")
    if request is None:
        return []
    items = navigation.main_navigation(request)
    path = request.path
    return [
        {**item, "active": item["url"] and item["url"] != "/" and path.startswith(item["url"])}
        for item in items
    ]


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page):
    """The page's ancestors below the site root, in one query."""
    if page is None or page.depth <= 2:
        return []
    return list(page.get_ancestors().filter(depth__gte=2).only("title", "url_path", "path", "depth"))


@register.simple_tag(takes_context=True)
def theme_url(context, theme):
    return theme.get_url(context.get("request"))


@register.inclusion_tag("components/theme_tags.html", takes_context=True)
def theme_tags(context, themes):
    request = context.get("request")
    return {"themes": [(theme, theme.get_url(request)) for theme in themes]}


@register.inclusion_tag("components/social_meta.html", takes_context=True)
def social_meta(context, title=None, description=None):
    """Canonical link, Open Graph and Twitter card tags for the page being shown (none elsewhere).
    A route of a page that shows something else (a theme) passes its own title and description."""
    page, request = context.get("page"), context.get("request")
    if page is None or request is None or not hasattr(page, "seo_title"):
        return {}
    site = context["settings"]["site_home"]["SiteSettings"]
    metadata = social_metadata(page, request, site.organisation_name, site.tagline)
    if title:
        metadata["title"] = title
    if description:
        metadata["description"] = description
    metadata["locale"] = open_graph_locale(translation.get_language())
    return metadata


def open_graph_locale(language_code):
    """Open Graph's language_TERRITORY for a language code: en-gb -> en_GB, cy -> cy_GB."""
    locale = translation.to_locale(language_code or "en-gb")
    return locale if "_" in locale else f"{locale}_GB"


@register.simple_tag
def image_sizes(name):
    """{% image_sizes "hero" as sizes %}: the `sizes` of a responsive image (IMAGE_SIZES)."""
    return IMAGE_SIZES[name]


@register.simple_tag(takes_context=True)
def page_languages(context):
    """The page in each of the site's languages (site_home.languages), for the switcher and hreflang."""
    request = context.get("request")
    if request is None:
        return []
    if not hasattr(request, "_page_languages"):  # read once for the head and the header
        request._page_languages = language_links(request, context.get("page"))
    return request._page_languages


@register.simple_tag(takes_context=True)
def meta_description(context):
    site = context["settings"]["site_home"]["SiteSettings"]
    page = context.get("page")
    return page_description(page, site.tagline) if page is not None else site.tagline


@register.simple_tag
def page_numbers(page_obj):
    """The page links to show: the first, the last and two either side of the current page, with
    ellipses between (not a loop over every page of a 250-page comment thread)."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)


@register.simple_tag
def body_class_script():
    """GOV.UK's body-class snippet, allowed by its hash in the CSP (site_home/frontend.py)."""
    return mark_safe(f"<script>{BODY_CLASS_SCRIPT}</script>")


@register.simple_tag(takes_context=True)
def form_token(context):
    """The CSRF token field for visitors with a session; nothing for anonymous visitors, whose posts
    are checked by origin instead (site_home.security), so the page can be cached."""
    request = context.get("request")
    if request is None or not has_session(request):
        return ""
    return csrf_input(request)


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, parts):
        self.nodelist, self.name, self.parts = nodelist, name, parts

    def render(self, context):
        request = context.get("request")
        if not may_share(request):
            return self.nodelist.render(context)
        parts = [part.resolve(context) for part in self.parts]
        return cached_fragment(request, self.name, parts, lambda: self.nodelist.render(context))


@register.tag
def fragment(parser, token):
    """{% fragment "name" value ... %}...{% endfragment %}: the enclosed HTML made once per content
    version, site and set of values (site_home.page_cache.cached_fragment), then shared by every
    visitor without a session. The values are what the HTML depends on besides published content
    (a page's id, a sort order, a page number): plain strings and numbers. Visitors with a session
    get it rendered afresh, as it may hold their form token, and so does a preview."""
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "'\"":
        raise template.TemplateSyntaxError("{% fragment %} needs a quoted name first")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, bits[1][1:-1], [parser.compile_filter(bit) for bit in bits[2:]])
