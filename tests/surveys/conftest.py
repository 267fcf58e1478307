import pytest
from django.contrib.auth.models import Permission

from tests.site_home.factories import make_place
from tests.surveys.factories import make_discussion

MODERATOR_PERMS = ["wagtailadmin.access_admin", "surveys.view_comment", "surveys.moderate_comment"]


@pytest.fixture
def discussion(home_page):
    return make_discussion(home_page, title="How should the community hall be used?", slug="hall")


@pytest.fixture
def comment_data(discussion):
    return {
        "page_id": discussion.pk,
        "display_name": "Morag",
        "email": "morag@example.org",
        "body": "Open it on Sunday afternoons for families.",
        "consent": "on",
        "return_to": discussion.url,
    }


@pytest.fixture
def make_user(django_user_model):
    def make(username, *perms):
        user = django_user_model.objects.create_user(
            username, f"{username}@example.org", "a-long-password-123"
        )
        for perm in perms:
            app_label, codename = perm.split(".")
            user.user_permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        return django_user_model.objects.get(pk=user.pk)  # fresh permission cache

    return make


@pytest.fixture
def moderator(make_user):
    return make_user("moderator", *MODERATOR_PERMS)


@pytest.fixture
def place(place_index):
    return make_place(place_index, title="Ashgrove")


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run what was queued for after the commit (the emails), as the worker would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
