"""Privacy-preserving view counts: one number per story, nothing about who read it.

The count lives outside the page row so publishing a revision (which rewrites every page field from
the revision) never resets it, and incrementing never creates a revision.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.db.models import F
from django.utils import timezone

# A reader counts once per story in this window; the key expires and nothing else is kept.
VIEW_DEDUP_SECONDS = 30 * 60


class StoryViewCount(models.Model):
    story = models.OneToOneField(
        "stories.StoryPage", on_delete=models.CASCADE, primary_key=True, related_name="view_count"
    )
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "story view count"

    def __str__(self):
        return f"{self.count} views"


def reader_fingerprint(request):
    """A salted hash of address and browser, rotated daily so it cannot link visits across days.

    The address itself is never stored; only this hash is used, as a short-lived cache key.
    """
    address = request.META.get("REMOTE_ADDR", "")
    agent = request.META.get("HTTP_USER_AGENT", "")[:300]
    salt = f"{settings.SECRET_KEY}:{timezone.now().date().isoformat()}"
    return hashlib.sha256(f"{salt}|{address}|{agent}".encode()).hexdigest()


def record_view(story, request):
    """Count one view unless this reader was counted recently. Returns True when counted."""
    key = f"stories:viewed:{story.pk}:{reader_fingerprint(request)}"
    if not cache.add(key, 1, VIEW_DEDUP_SECONDS):
        return False
    updated = StoryViewCount.objects.filter(story_id=story.pk).update(count=F("count") + 1)
    if not updated:
        _, created = StoryViewCount.objects.get_or_create(story_id=story.pk, defaults={"count": 1})
        if not created:
            StoryViewCount.objects.filter(story_id=story.pk).update(count=F("count") + 1)
    return True
