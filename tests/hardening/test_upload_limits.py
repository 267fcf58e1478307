"""Too big a request body is refused from its declared length, before Django reads or spools any of
it, with a readable page; a body of unknown length is refused too."""

from unittest import mock

import pytest
from django.conf import settings
from django.http import HttpResponse

from site_home.request_limits import RequestBodyLimitMiddleware
from tests.stories.factories import make_index

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


class UnreadableBody:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the request body was read")

    readline = read


@pytest.fixture
def share_url(home_page):
    return make_index(home_page).url + "share/"


def post_declaring(client, url, length, **extra):
    return client.post(
        url,
        data=b"",
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": UnreadableBody()},
        **extra,
    )


def test_oversized_story_post_gets_413_without_reaching_the_form(client, share_url):
    with mock.patch("stories.views.share_story") as view:
        response = post_declaring(client, share_url, 150 * MB)

    assert response.status_code == 413
    view.assert_not_called()
    html = response.content.decode()
    assert "Your form could not be sent" in html
    assert "larger than 11 MB" in html and "smaller than 10 MB" in html
    assert "no-store" in response["Cache-Control"]
    # Refusals carry the same security headers as every page.
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_a_body_within_the_limit_reaches_the_form(client, share_url):
    response = client.post(share_url, {"title": ""})
    assert response.status_code == 200
    assert "Enter your story" in response.content.decode()


def test_a_body_of_unknown_length_is_refused_unread(client, share_url):
    with mock.patch("stories.views.share_story") as view:
        response = post_declaring(client, share_url, "", HTTP_TRANSFER_ENCODING="chunked")

    assert response.status_code == 411
    view.assert_not_called()
    assert "did not say how much it was sending" in response.content.decode()


def test_a_length_that_is_not_a_number_is_refused(client, share_url):
    assert post_declaring(client, share_url, "12abc").status_code == 413


def test_staff_may_upload_documents_in_the_admin_but_not_without_bound(rf):
    middleware = RequestBodyLimitMiddleware(lambda request: HttpResponse("reached"))

    def answer(path, length):
        return middleware(rf.post(path, CONTENT_LENGTH=str(length), content_type="multipart/form-data"))

    document = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    assert answer("/admin/documents/multiple/add/", document).content == b"reached"
    assert answer("/admin/documents/multiple/add/", 100 * MB).status_code == 413
    assert answer("/administrivia/", document).status_code == 413
