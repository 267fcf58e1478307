"""Privacy-preserving view counts: one number per story, nothing about who read it.

The count lives outside the page row so publishing a revision (which rewrites every page field from
the revision) never resets it, and incrementing never creates a revision.
"""

from django.core.cache import cache
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from site_home.people import person

# A reader counts once per story in this window; the key expires and nothing else is kept.
VIEW_DEDUP_SECONDS = 30 * 60


class StoryViewCount(models.Model):
    story = models.OneToOneField(
        "stories.StoryPage", on_delete=models.CASCADE, primary_key=True, related_name="view_count"
    )
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("story view count")

    def __str__(self):
        return f"{self.count} views"


def reader_key(story, request):
    """One reader (site_home.people): their participant key when they have taken part on the site
    before, else their network, so changing browser does not count again. Only ever a cache key."""
    who = person(request, f"seen:{story.pk}")
    return who.participant or who.network


def record_view(story, request):
    """Count one view unless this reader was counted recently. Returns True when counted."""
    key = f"stories:viewed:{story.pk}:{reader_key(story, request)}"
    if not cache.add(key, 1, VIEW_DEDUP_SECONDS):
        return False
    updated = StoryViewCount.objects.filter(story_id=story.pk).update(count=F("count") + 1)
    if not updated:
        _, created = StoryViewCount.objects.get_or_create(story_id=story.pk, defaults={"count": 1})
        if not created:
            StoryViewCount.objects.filter(story_id=story.pk).update(count=F("count") + 1)
    return True
