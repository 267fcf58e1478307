import pytest

from tests.surveys.factories import make_discussion


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
