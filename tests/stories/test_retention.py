"""Story submissions and their photo files are deleted after the retention period."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from stories.models import StorySubmission
from tests.stories.factories import StorySubmissionFactory, upload

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def test_old_submissions_are_deleted_with_their_photo_files_and_recent_ones_kept(settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    old = StorySubmissionFactory(
        photo=upload(), created_at=timezone.now() - datetime.timedelta(days=31), status="published"
    )
    old_without_photo = StorySubmissionFactory(created_at=timezone.now() - datetime.timedelta(days=40))
    recent = StorySubmissionFactory(photo=upload(), created_at=timezone.now() - datetime.timedelta(days=29))
    storage, old_photo, recent_photo = old.photo.storage, old.photo.name, recent.photo.name
    assert storage.exists(old_photo) and storage.exists(recent_photo)

    assert "stories.StorySubmission: story submission and photo" in run("--dry-run")
    assert StorySubmission.objects.count() == 3 and storage.exists(old_photo)

    run()
    assert list(StorySubmission.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not StorySubmission.objects.filter(pk__in=[old.pk, old_without_photo.pk]).exists()
    assert not storage.exists(old_photo)  # the file, not only the row
    assert storage.exists(recent_photo)
    assert "Total erased: 0" in run()
    recent.photo.delete(save=False)


def test_a_photo_file_already_gone_does_not_stop_the_submission_being_deleted(settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    old = StorySubmissionFactory(photo=upload(), created_at=timezone.now() - datetime.timedelta(days=31))
    old.photo.storage.delete(old.photo.name)
    run()
    assert not StorySubmission.objects.exists()
