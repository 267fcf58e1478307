"""Submission photos live in private storage, outside MEDIA_ROOT: only staff who moderate stories
see them, through a permission-checked admin view that no cache keeps."""

import importlib
import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from site_home.storage import PrivateFileSystemStorage
from stories.models import StorySubmission

from .factories import StorySubmissionFactory, image_bytes
from .test_moderation import editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission(story_index, places):
    item = StorySubmissionFactory(place=places["ashgrove"], photo_alt="Volunteers outside the hall")
    item.photo.save("photo.jpg", ContentFile(image_bytes((800, 600))), save=True)
    yield item
    item.photo.delete(save=False)


def run_python(code, env):
    return subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=settings.BASE_DIR,
    )


def photo_url(submission):
    return f"/admin/stories/submissions/{submission.pk}/photo/"


def test_submission_photo_is_stored_outside_media_root(submission):
    path = Path(submission.photo.path).resolve()
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    with pytest.raises(ValueError):
        submission.photo.url  # noqa: B018 - private files have no public URL


@override_settings(SERVE_MEDIA=True)
def test_anonymous_visitor_cannot_get_a_submission_photo(client, submission):
    for url in (f"/media/{submission.photo.name}", f"/media/private/{submission.photo.name}"):
        assert client.get(url).status_code == 404, url
    response = client.get(photo_url(submission))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_staff_who_moderate_stories_get_the_photo_never_cached(
    client, django_user_model, story_index, submission
):
    client.force_login(editor(django_user_model, story_index, "stories.change_storysubmission"))

    response = client.get(photo_url(submission))

    assert response.status_code == 200
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))
    assert response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


def test_staff_without_the_moderation_permission_are_refused_the_photo(
    client, django_user_model, story_index, submission
):
    client.force_login(editor(django_user_model, story_index, "stories.view_storysubmission"))

    response = client.get(photo_url(submission))

    assert response.status_code in (302, 403)
    assert not getattr(response, "streaming", False)


def test_photos_left_in_the_old_public_folder_are_moved_to_private_storage(tmp_path):
    old_root = tmp_path / "media" / "private"
    (old_root / "story-submissions" / "2026" / "11").mkdir(parents=True)
    (old_root / "story-submissions" / "2026" / "11" / "a1.jpg").write_bytes(b"pixels")
    storage = PrivateFileSystemStorage(location=tmp_path / "private-media")
    migration = importlib.import_module("stories.migrations.0003_move_submission_photos_out_of_media")

    assert migration.move_private_files(old_root, storage) == 1

    assert storage.open("story-submissions/2026/11/a1.jpg").read() == b"pixels"
    assert not old_root.exists()
    # A private storage configured on the old folder itself is left alone, not emptied.
    old_root.mkdir()
    (old_root / "b2.jpg").write_bytes(b"kept")
    assert migration.move_private_files(old_root, PrivateFileSystemStorage(location=old_root)) == 0
    assert (old_root / "b2.jpg").read_bytes() == b"kept"


def test_private_storage_on_s3_signs_links_that_expire():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "DJANGO_"))}
    env.update(AWS_STORAGE_BUCKET_NAME="cv-media", AWS_S3_CUSTOM_DOMAIN="media.example.org")
    code = (
        "import importlib, json; s = importlib.import_module('site_home.settings.dev'); "
        "print(json.dumps(s.STORAGES['private']))"
    )
    result = run_python(code, env)
    assert result.returncode == 0, result.stderr
    private = json.loads(result.stdout.strip().splitlines()[-1])
    assert private["BACKEND"] == "storages.backends.s3.S3Storage"

    from storages.backends.s3 import S3Storage

    credentials = {"access_key": "AKIDEXAMPLE", "secret_key": "secret", "region_name": "eu-west-2"}
    options = {**private["OPTIONS"], **credentials}
    url = S3Storage(**options).url("story-submissions/2026/11/a1.jpg")
    assert "media.example.org" not in url
    assert "/private/story-submissions/2026/11/a1.jpg?" in url
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=300" in url


def test_production_refuses_private_media_inside_media_root(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "DJANGO_"))}
    env.update(
        SECRET_KEY="x7!k2@p9#q4$w8%e3^r6&t1*y5(u0)i-o=p+a[s]d{f}g|h;j:k",
        ALLOWED_HOSTS="localhost",
        MEDIA_ROOT=str(tmp_path),
        PRIVATE_MEDIA_ROOT=str(tmp_path / "private"),
    )
    code = "import importlib; importlib.import_module('site_home.settings.production')"
    result = run_python(code, env)
    assert result.returncode != 0
    assert "PRIVATE_MEDIA_ROOT must be outside MEDIA_ROOT" in result.stderr


def test_retention_deletes_an_expired_submission_and_its_private_photo(submission, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    StorySubmission.objects.filter(pk=submission.pk).update(created_at=timezone.now() - timedelta(days=31))
    path = Path(submission.photo.path)
    assert path.exists()

    call_command("apply_retention")

    assert not StorySubmission.objects.filter(pk=submission.pk).exists()
    assert not path.exists()
