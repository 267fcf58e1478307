from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = _("Stories of Place")

    def ready(self):
        # Models load once the app registry is ready.
        from .models import StoryPage
        from .moderation import notify_on_publish, tell_followers

        page_published.connect(notify_on_publish, sender=StoryPage, dispatch_uid="stories-notify-publish")
        page_published.connect(tell_followers, sender=StoryPage, dispatch_uid="stories-tell-followers")
