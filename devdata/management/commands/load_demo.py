import os
from io import StringIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Locale, Page, Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from devdata.demo import DemoContext, child_page
from devdata.demo.coding import build_coding_demo
from devdata.demo.commitments import build_commitment_demo
from devdata.demo.consultations import build_demo as build_consultations
from devdata.demo.discussions import build_discussion_demo
from devdata.demo.events import build_event_demo
from devdata.demo.languages import build_language_demo
from devdata.demo.minutes import build_minutes_demo
from devdata.demo.places import build_places
from devdata.demo.standing_pages import build_standing_pages
from devdata.demo.stories import build_story_demo
from devdata.demo.surveys import build as build_surveys
from devdata.demo.themes import build_themes
from devdata.demo.who_we_heard import build_who_we_heard_demo
from site_home.models import HomePage, PlaceIndexPage, SiteSettings, ThemeIndexPage

DEMO_ADMIN_USERNAME = "admin"
# Each feature's demo content, in the order they build on each other (discussions cite the rest).
FEATURE_BUILDERS = [
    build_consultations,
    build_story_demo,
    build_surveys,
    build_who_we_heard_demo,
    build_event_demo,
    build_discussion_demo,
    build_commitment_demo,
    build_minutes_demo,
    build_coding_demo,
    build_language_demo,  # last: it translates pages the others made
]


class Command(BaseCommand):
    help = "Build the demo site (idempotent: a second run adds nothing twice and keeps edits)."

    def add_arguments(self, parser):
        parser.add_argument("--no-admin", action="store_true", help="Do not create the demo admin account.")

    def handle(self, *args, no_admin=False, **options):
        # Updating Wagtail's reference index on every save is a third of the build time: rebuild it
        # once at the end instead.
        pages_before = Page.objects.count()
        with transaction.atomic(), disable_reference_index_auto_update():
            demo = self.build_foundation()
            for builder in FEATURE_BUILDERS:
                builder(demo)
        if Page.objects.count() != pages_before:  # a second run that adds nothing skips the rebuild
            call_command("rebuild_references_index", verbosity=0, stdout=StringIO())
        for line in demo.log:
            self.stdout.write(f"  {line}")
        self.stdout.write(
            self.style.SUCCESS(f"Demo site ready: {len(demo.places)} places, {len(demo.themes)} themes.")
        )
        if not no_admin:
            self.ensure_admin()

    def build_foundation(self):
        home = HomePage.objects.filter(locale=Locale.get_default()).first()
        if home is None:
            root = Page.get_first_root_node()
            home = HomePage(
                title="Have your say in Kelvinford",
                slug="home",
                introduction=(
                    "Read and comment on plans for your area, answer surveys, come along to events "
                    "and share what you know about the place you live."
                ),
            )
            # The Wagtail starter page owns the slug 'home'; retire it before taking its place.
            for starter in root.get_children().exclude(content_type__model="homepage"):
                starter.delete()
            root.add_child(instance=home)
            home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first() or Site(hostname="localhost", port=80)
        site.root_page = home
        site.is_default_site = True
        site.site_name = "Kelvinford Community Partnership"
        site.save()

        standing = build_standing_pages(home)
        settings = SiteSettings.for_site(site)
        if not settings.contact_email:
            settings.organisation_name = "Kelvinford Community Partnership"
            settings.tagline = "Local people shaping what happens in their area"
            settings.contact_email = "haveyoursay@kelvinford.example.org"
            settings.privacy_page = standing["privacy"]
            settings.accessibility_page = standing["accessibility"]
            settings.guidelines_page = standing["community-guidelines"]
            settings.social_links = [
                ("link", {"label": "Mastodon", "url": "https://mastodon.example.org/@kelvinford"})
            ]
            settings.save()
        if not settings.postal_address:  # printed on paper surveys and response forms
            settings.contact_phone = settings.contact_phone or "0800 000 0000"
            settings.postal_address = "Freepost KELVINFORD COMMUNITY PARTNERSHIP\nKelvinford\nKF1 1AA"
            settings.save()

        demo = DemoContext(site=site, home=home)
        demo.themes = build_themes()
        theme_index, _ = child_page(
            home,
            ThemeIndexPage,
            "themes",
            title="Themes",
            show_in_menus=True,
            introduction="Everything here is tagged by theme, so you can see what has been said about each.",
        )
        place_index, _ = child_page(
            home,
            PlaceIndexPage,
            "places",
            title="Places",
            show_in_menus=True,
            introduction=(
                "Ten neighbourhoods, each with a ten-year plan shaped by the people who live there, a "
                "community connector and a steering group of local people."
            ),
        )
        demo.places = build_places(place_index, demo.themes)
        return demo

    def ensure_admin(self):
        User = get_user_model()
        password = os.environ.get("DEMO_ADMIN_PASSWORD", "community-demo-2026")
        if not User.objects.filter(username=DEMO_ADMIN_USERNAME).exists():
            User.objects.create_superuser(DEMO_ADMIN_USERNAME, "admin@kelvinford.example.org", password)
            self.stdout.write(self.style.SUCCESS("Created the demo admin account."))
        self.stdout.write(
            f"Admin: {settings.WAGTAILADMIN_BASE_URL}/admin/  "
            f"username: {DEMO_ADMIN_USERNAME}  password: {password} (unless you changed it)"
        )
