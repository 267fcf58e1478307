import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.files.base import ContentFile
from wagtail.models import GroupPagePermission

from site_home.permissions import PERSONAL_DATA_PERMISSION
from stories.models import StoryPage, StorySubmission

from .factories import StorySubmissionFactory, image_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission(story_index, places, themes):
    item = StorySubmissionFactory(place=places["ashgrove"], photo_alt="Volunteers outside the hall")
    item.photo.save("photo.jpg", ContentFile(image_bytes((800, 600))), save=True)
    item.themes.set([themes["funding"], themes["natural-space"]])
    return item


def editor(django_user_model, story_index, *perms, username="editor"):
    """A Wagtail editor in a group with the given model permissions and page rights on the index."""
    group = Group.objects.create(name=f"Editors {username}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for perm in perms:
        app_label, codename = perm.split(".")
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=story_index, permission=Permission.objects.get(codename=codename)
        )
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "pw-long-enough-123")
    user.groups.add(group)
    return user


def test_submission_becomes_a_draft_story_with_everything_carried_over(
    admin_client, submission, places, themes
):
    response = admin_client.post(f"/admin/stories/submissions/{submission.pk}/draft/")

    story = StoryPage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{story.pk}/edit/"
    assert not story.live
    assert story.has_unpublished_changes
    assert story.title == submission.title
    assert story.place == places["ashgrove"]
    assert set(story.themes.all()) == {themes["funding"], themes["natural-space"]}
    assert story.teller_type == StoryPage.Teller.RESIDENT and story.teller_name == "Rena"
    assert story.consent_given and story.consent_date == submission.created_at.date()
    # The opening paragraph becomes the standfirst and only the rest the body: nothing is said twice.
    assert story.standfirst == "The hall was cold."
    paragraph = story.body[0]
    assert paragraph.block_type == "paragraph"
    assert "<p>So we fixed the heating together.</p>" in paragraph.value.source
    assert "The hall was cold." not in paragraph.value.source
    assert story.hero_image is not None
    assert story.hero_image_alt == "Volunteers outside the hall"
    assert story.hero_image_credit == "Rena"
    assert story.hero_image.width == 800
    submission.refresh_from_db()
    assert submission.status == StorySubmission.Status.DRAFTED and submission.story == story
    # A second click does not make a second story.
    admin_client.post(f"/admin/stories/submissions/{submission.pk}/draft/")
    assert StoryPage.objects.count() == 1


def test_anonymous_submission_is_credited_as_anonymous(admin_client, submission):
    submission.display_name = ""
    submission.save()
    admin_client.post(f"/admin/stories/submissions/{submission.pk}/draft/")
    story = StoryPage.objects.get()
    assert story.teller_name == "Anonymous" and story.hero_image_credit == "Anonymous"


def test_resident_is_emailed_once_when_the_story_goes_live(
    admin_client, submission, django_capture_on_commit_callbacks
):
    admin_client.post(f"/admin/stories/submissions/{submission.pk}/draft/")
    story = StoryPage.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()
        story.title = "A better title"
        story.save_revision().publish()

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["rena@example.org"]
    assert "is now published" in mail.outbox[0].subject
    assert story.url in mail.outbox[0].body
    submission.refresh_from_db()
    assert submission.status == StorySubmission.Status.PUBLISHED


def test_rejection_keeps_the_reason_and_emails_it_when_allowed(
    admin_client, submission, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/stories/submissions/{submission.pk}/reject/", {"reason": "It names a neighbour."}
        )

    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == StorySubmission.Status.REJECTED
    assert submission.rejection_reason == "It names a neighbour."
    assert len(mail.outbox) == 1 and "It names a neighbour." in mail.outbox[0].body


def test_rejection_needs_a_reason_and_no_email_without_contact_consent(
    admin_client, submission, django_capture_on_commit_callbacks
):
    submission.consent_contact = False
    submission.save()
    url = f"/admin/stories/submissions/{submission.pk}/reject/"

    assert "This field is required" in admin_client.post(url, {"reason": ""}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, {"reason": "Off topic."})

    submission.refresh_from_db()
    assert submission.status == StorySubmission.Status.REJECTED
    assert mail.outbox == []


def test_moderation_queue_needs_permission(client, django_user_model, story_index, submission):
    nobody = editor(django_user_model, story_index, username="nobody")
    client.force_login(nobody)

    assert client.get("/admin/snippets/stories/storysubmission/").status_code in (302, 403)
    # Wagtail answers a refused admin view with a redirect to the dashboard and a message.
    for method, suffix in [("get", ""), ("post", "draft/"), ("get", "photo/")]:
        response = getattr(client, method)(f"/admin/stories/submissions/{submission.pk}/{suffix}")
        assert response.status_code in (302, 403)
        assert response.get("Location", "/admin/") == "/admin/"
    assert StoryPage.objects.count() == 0


def test_moderator_without_personal_data_permission_does_not_see_emails(
    client, django_user_model, story_index, submission
):
    moderator = editor(
        django_user_model, story_index, "stories.view_storysubmission", "stories.change_storysubmission"
    )
    client.force_login(moderator)

    listing = client.get("/admin/snippets/stories/storysubmission/")
    review = client.get(f"/admin/stories/submissions/{submission.pk}/")

    assert listing.status_code == 200 and submission.title in listing.content.decode()
    assert "rena@example.org" not in listing.content.decode()
    assert "rena@example.org" not in review.content.decode()
    photo = client.get(f"/admin/stories/submissions/{submission.pk}/photo/")
    assert photo.status_code == 200 and "no-store" in photo["Cache-Control"]
    assert b"".join(photo.streaming_content)[:2] == b"\xff\xd8"

    response = client.post(f"/admin/stories/submissions/{submission.pk}/draft/")
    assert response.status_code == 302 and not StoryPage.objects.get().live


def test_staff_with_personal_data_permission_see_emails(client, django_user_model, story_index, submission):
    app_label, codename = PERSONAL_DATA_PERMISSION.split(".")
    moderator = editor(
        django_user_model,
        story_index,
        "stories.view_storysubmission",
        "stories.change_storysubmission",
        f"{app_label}.{codename}",
    )
    client.force_login(moderator)

    assert "rena@example.org" in client.get("/admin/snippets/stories/storysubmission/").content.decode()
    assert "rena@example.org" in client.get(f"/admin/stories/submissions/{submission.pk}/").content.decode()


def test_submission_list_filters_by_state_and_place(admin_client, submission, places):
    StorySubmissionFactory(title="Other place story", place=places["brackenhill"])
    StorySubmissionFactory(
        title="Declined story", place=places["ashgrove"], status=StorySubmission.Status.REJECTED
    )
    url = "/admin/snippets/stories/storysubmission/"

    by_place = admin_client.get(url, {"place": places["brackenhill"].pk}).content.decode()
    by_state = admin_client.get(url, {"status": "rejected"}).content.decode()

    assert "Other place story" in by_place and submission.title not in by_place
    assert "Declined story" in by_state and "Other place story" not in by_state


def test_private_photo_is_not_served_from_media(client, submission):
    assert client.get("/media/private/" + submission.photo.name).status_code == 404


@pytest.mark.parametrize(
    "text, standfirst, body",
    [
        ("One paragraph. With two sentences.", "One paragraph.", "With two sentences."),
        ("Just one sentence", "Just one sentence", ""),
        ("First.\n\nSecond.\n\nThird.", "First.", "Second.\n\nThird."),
        ("x" * 400 + "\n\nMore.", "x" * 299 + "…", "x" * 400 + "\n\nMore."),
    ],
)
def test_a_submission_splits_into_standfirst_and_body_without_repeating(text, standfirst, body):
    from stories.moderation import split_standfirst

    assert split_standfirst(text) == (standfirst, body)


def test_a_one_sentence_submission_still_makes_a_draft(admin_client, submission):
    submission.text = "We need a bench outside the chemist."
    submission.save()
    admin_client.post(f"/admin/stories/submissions/{submission.pk}/draft/")
    story = StoryPage.objects.get()
    assert story.standfirst == "We need a bench outside the chemist."
    assert "We need a bench" not in str(story.body.raw_data)
