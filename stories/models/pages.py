from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import models
from django.db.models import Q
from django.utils import dateformat, timezone
from django.utils.functional import SimpleLazyObject
from django.utils.module_loading import import_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from site_home.blocks import BodyStreamBlock
from site_home.links import absolute_url
from site_home.models.mixins import HeroImageMixin
from site_home.page_cache import ContentPaginator
from site_home.visibility import PublicPlaceMixin, VisiblePageQuerySet, is_public, public_page_flag
from surveys.models import DiscussionMixin

STORIES_PER_PAGE = 12
RELATED_STORIES = 3
# The hero image's `sizes` (how wide it is shown, so the browser picks a rendition): CSS, the same in
# every language, so kept out of the template's phrases.


class StoryQuerySet(VisiblePageQuerySet):
    def newest_first(self):
        return self.order_by("-publication_date", "-first_published_at", "-pk")

    def with_public_place(self, request=None):
        """Each story's place, for `public_place`: named only when the public may see it."""
        return self.select_related("place").annotate(place_is_public=public_page_flag("place", request))

    def with_cards(self, request=None):
        """What a story card shows: hero image (renditions prefetched) and place, in two queries."""
        return (
            self.with_public_place(request)
            .select_related("hero_image")
            .prefetch_related("hero_image__renditions")
        )

    def for_place(self, place):
        return self.filter(place=place)

    def with_theme(self, theme):
        return self.filter(themes=theme)

    def tagged(self, tag_slug):
        return self.filter(tags__slug=tag_slug)

    def related_to(self, story, theme_ids):
        """Stories from the same place or sharing a theme, the story itself left out."""
        match = Q(place_id=story.place_id) if story.place_id else Q(pk__in=[])
        if theme_ids:
            # A subquery, not a join: no DISTINCT over every story sharing a theme.
            sharing = StoryPage.themes.through.objects.filter(theme_id__in=theme_ids)
            match |= Q(pk__in=sharing.values("storypage_id"))
        return self.filter(match).exclude(pk=story.pk)


class StoryPageTag(TaggedItemBase):
    content_object = ParentalKey("stories.StoryPage", on_delete=models.CASCADE, related_name="tagged_items")


class StoryIndexPage(RoutablePageMixin, Page):
    """Stories of Place: every story, filterable by place, theme and tag, with feeds and the
    'Share your story' form for residents (routes below)."""

    introduction = models.TextField(blank=True, max_length=600)
    share_introduction = models.TextField(
        blank=True,
        max_length=600,
        help_text=_("Shown above the 'Share your story' form: what happens to a story once it is sent."),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("share_introduction")]
    parent_page_types = ["site_home.HomePage"]
    subpage_types = ["stories.StoryPage"]
    max_count = 1

    class Meta:
        verbose_name = _("story index")

    def stories(self):
        return StoryPage.objects.live().public().descendant_of(self).newest_first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Forms, feeds and views import the models, so the models name them by dotted path.
        filters = import_string("stories.forms.StoryFilterForm")(request.GET, request)
        stories = filters.filter(self.stories()).with_cards(request)
        query_string = urlencode(filters.active_params())
        paginator = ContentPaginator(stories, STORIES_PER_PAGE, request, ("stories", self.pk, query_string))
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except (EmptyPage, PageNotAnInteger):
            page_obj = paginator.page(1)
        context.update(
            filters=filters,
            page_obj=page_obj,
            stories=page_obj.object_list,
            query_string=query_string,
            feed_url=self.url + self.reverse_subpage("feed"),
        )
        return context

    def feed_url_for_place(self, place):
        return self.url + self.reverse_subpage("place_feed", args=[place.slug])

    def list_url_for_place(self, place):
        return f"{self.url}?{urlencode({'place': place.slug})}"

    @path("feed/", name="feed")
    def feed(self, request):
        return import_string("stories.feeds.StoryFeed")(self)(request)

    @path("feed/<slug:place_slug>/", name="place_feed")
    def place_feed(self, request, place_slug):
        return import_string("stories.feeds.PlaceStoryFeed")(self)(request, place_slug=place_slug)

    @path("share/", name="share")
    def share(self, request):
        return import_string("stories.views.share_story")(request, self)

    @path("share/thank-you/", name="share_thanks")
    def share_thanks(self, request):
        return self.render(request, template="stories/share_thanks.html")


class StoryPageForm(WagtailAdminPageForm):
    """A story told by a resident or a group needs the teller's recorded consent before it is published;
    a draft may be saved while consent is sought, but never with half of it recorded. Staff telling a
    story of their own are not asked for consent at all."""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("teller_type") == StoryPage.Teller.STAFF:
            cleaned["consent_given"], cleaned["consent_date"] = False, None
            return cleaned
        given, date = cleaned.get("consent_given"), cleaned.get("consent_date")
        publishing = "action-publish" in self.data
        if (publishing or date) and not given:
            self.add_error(
                "consent_given",
                _(
                    "Tick the box once the teller has agreed to publication: a story told by a resident "
                    "or a group is published only with their consent. Stories told by staff do not need it."
                ),
            )
        if (publishing or given) and not date:
            self.add_error("consent_date", _("Enter the date the teller gave their consent."))
        if date and date > timezone.localdate():
            self.add_error("consent_date", _("The date consent was given cannot be in the future."))
        return cleaned


class StoryPage(PublicPlaceMixin, HeroImageMixin, DiscussionMixin, Page):
    class Teller(models.TextChoices):
        RESIDENT = "resident", _("A resident")
        GROUP = "group", _("A community group")
        STAFF = "staff", _("Staff")

    standfirst = models.TextField(
        max_length=400, help_text=_("One or two sentences that draw the reader in.")
    )
    publication_date = models.DateField(default=timezone.localdate)
    hero_image_credit = models.CharField(_("photo credit"), max_length=120, blank=True)

    teller_type = models.CharField(
        _("told by"), max_length=20, choices=Teller.choices, default=Teller.RESIDENT
    )
    teller_name = models.CharField(
        _("teller's name"),
        max_length=120,
        help_text=_("As the teller wants to be named, for example 'Margaret, Ashgrove' or 'Anonymous'."),
    )
    consent_given = models.BooleanField(
        _("the teller agreed to publication"),
        default=False,
        help_text=_(
            "For a story told by a resident or a group: tick once they have agreed to it being "
            "published as it is. Leave empty for a story told by staff."
        ),
    )
    consent_date = models.DateField(
        _("date consent was given"),
        null=True,
        blank=True,
        help_text=_("Needed to publish a resident's or a group's story."),
    )

    place = models.ForeignKey(
        "site_home.PlacePage", null=True, on_delete=models.SET_NULL, related_name="stories"
    )
    themes = ParentalManyToManyField("site_home.Theme", blank=True, related_name="stories")
    tags = ClusterTaggableManager(through=StoryPageTag, blank=True)
    body = StreamField(BodyStreamBlock())

    objects = PageManager.from_queryset(StoryQuerySet)()
    base_form_class = StoryPageForm

    content_panels = Page.content_panels + [
        FieldPanel("standfirst"),
        FieldPanel("publication_date"),
        HeroImageMixin.hero_panel("hero_image_credit"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("teller_type"), FieldPanel("teller_name")]),
                FieldRowPanel([FieldPanel("consent_given"), FieldPanel("consent_date")]),
            ],
            heading=_("Who tells this story"),
        ),
        FieldPanel("place"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
        FieldPanel("body"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(DiscussionMixin.discussion_panels, heading=_("Comments")),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("standfirst", boost=1),
        index.SearchField("body"),
        index.FilterField("publication_date"),
        index.RelatedFields("place", [index.SearchField("place_name", boost=1)]),
        index.RelatedFields("themes", [index.SearchField("name", boost=1)]),
    ]

    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def clean(self):
        super().clean()
        # A live resident's or group's story always carries the teller's consent, however it was
        # published; staff telling their own story give no consent to themselves. A page being
        # created is `live` until Wagtail's create view marks a draft, so it is left to the form.
        live = self.live and not self._state.adding
        if self.needs_consent and live and not (self.consent_given and self.consent_date):
            raise ValidationError(
                {"consent_given": _("A published story needs the teller's consent and its date.")}
            )

    @property
    def needs_consent(self):
        return self.teller_type != self.Teller.STAFF

    @property
    def teller_label(self):
        if self.teller_type == self.Teller.STAFF:
            return gettext("%(name)s (staff)") % {"name": self.teller_name}
        return self.teller_name

    @property
    def card_meta(self):
        date = dateformat.format(self.publication_date, "j F Y")
        return f"{self.public_place.title} · {date}" if self.public_place else date

    @property
    def views(self):
        count = getattr(self, "view_count", None)
        return count.count if count else 0

    def related_stories(self, themes, request=None):
        theme_ids = [theme.pk for theme in themes]
        return list(
            StoryPage.objects.live()
            .public()
            .related_to(self, theme_ids)
            .with_cards(request)
            .newest_first()[:RELATED_STORIES]
        )

    def share_links(self, request):
        url = absolute_url(self)
        text = f"{self.title}: {self.standfirst}"
        return [
            (gettext("Email"), "mailto:?" + urlencode({"subject": self.title, "body": f"{text}\n\n{url}"})),
            ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})),
            ("X", "https://x.com/intent/post?" + urlencode({"url": url, "text": self.title})),
            ("WhatsApp", "https://wa.me/?" + urlencode({"text": f"{self.title} {url}"})),
            ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url})),
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        index_page = self.get_parent()
        themes = list(self.themes.all())
        # Read only when the template's fragment cache misses.
        self.place_is_public = SimpleLazyObject(lambda: is_public(self.place, request))
        # Tags and related stories are read only when the template's fragment cache misses.
        context.update(
            themes=themes,
            tags=self.tags.all(),
            related_stories=SimpleLazyObject(lambda: self.related_stories(themes, request)),
            share_links=self.share_links(request),
            index_url=index_page.url if index_page else None,
        )
        return context
