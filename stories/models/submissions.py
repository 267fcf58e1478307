"""Stories residents send in: stored first, moderated in the admin, turned into draft StoryPages."""

import uuid
from pathlib import Path

from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from site_home.retention import After, Delete, PersonalData, Rule

ANONYMOUS = "Anonymous"


def private_storage():
    # settings.STORAGES["private"]: outside MEDIA_ROOT (or a private bucket with signed links), so a
    # photo is seen only through the permission-checked admin view (stories.admin_views.photo).
    return storages["private"]


def submission_photo_path(instance, filename):
    # A random name: the resident's file name may hold personal data, and nothing should be guessable.
    suffix = Path(filename).suffix.lower()
    return f"story-submissions/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class StorySubmissionQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(status=StorySubmission.Status.NEW)


class StorySubmission(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("Waiting for review")
        DRAFTED = "drafted", _("Draft story created")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Not published")

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    title = models.CharField(max_length=120)
    text = models.TextField(_("story"), max_length=8000)
    place = models.ForeignKey(
        "site_home.PlacePage", null=True, on_delete=models.SET_NULL, related_name="story_submissions"
    )
    themes = models.ManyToManyField("site_home.Theme", blank=True, related_name="story_submissions")
    display_name = models.CharField(
        _("name to show"),
        max_length=80,
        blank=True,
        help_text=_("Empty means the resident asked to be anonymous."),
    )
    email = models.EmailField()
    photo = models.FileField(
        upload_to=submission_photo_path, storage=private_storage, blank=True, max_length=200
    )
    photo_alt = models.CharField(_("photo description"), max_length=250, blank=True)
    consent_publish = models.BooleanField(_("agreed to publication"), default=False)
    consent_contact = models.BooleanField(_("agreed to be contacted"), default=False)

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW, db_index=True)
    rejection_reason = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    story = models.ForeignKey(
        "stories.StoryPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="submissions"
    )
    published_notified_at = models.DateTimeField(null=True, blank=True)

    objects = StorySubmissionQuerySet.as_manager()

    # A story that was published lives on as its StoryPage (with the name the resident chose and
    # a copy of the photo); the submission, its email and its private photo file go.
    personal_data = PersonalData(
        fields=("display_name", "email", "photo", "text"),
        rules=(
            Rule(
                "story submission and photo",
                After("created_at", days="PERSONAL_DATA_RETENTION_DAYS"),
                Delete(files=["photo"]),
            ),
        ),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("story submission")

    def __str__(self):
        return self.title

    def page_cache_scope(self, created):
        return None  # staff-only records: the public pages stay cached (site_home.cache_versions)

    @property
    def shown_name(self):
        """The name as editors see it in the queue, in their language."""
        return self.display_name or gettext("Anonymous")

    @property
    def credit(self):
        """The name a story made from it is told by: page content, so not translated here."""
        return self.display_name or ANONYMOUS
