"""Welsh and Gaelic beside English: the language comes from the URL alone, the switcher and hreflang
links lead to the same page in each language, and feedback counts across languages."""

import pytest
from django.core.cache import cache
from django.utils import translation
from wagtail.models import Locale

from surveys.builder.results import survey_results
from surveys.models import Comment, DiscussionPage, SurveySubmission
from tests.surveys.factories import CommentFactory, make_discussion
from tests.surveys.survey_factories import make_survey, make_survey_index

pytestmark = pytest.mark.django_db


def translate(page, code, **fields):
    """The page copied into another language (its parents too), changed and published."""
    copy = page.copy_for_translation(Locale.objects.get(language_code=code), copy_parents=True)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    cache.clear()  # a new language's home page is read once per content version
    return copy.specific


def test_one_language_shows_no_switcher_and_english_everywhere(client, home_page):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="cy")
    html = response.content.decode()
    assert '<html lang="en-GB"' in html
    assert "cv-language-select" not in html and "hreflang" not in html
    assert response["Content-Language"] == "en-gb"
    assert "Accept-Language" not in response.get("Vary", "")


def test_a_translated_home_page_is_served_under_its_prefix_with_its_words(client, home_page):
    translate(home_page, "cy", title="Dweud eich dweud", introduction="Helpwch i siapio eich ardal.")
    welsh = client.get("/cy/").content.decode()
    assert '<html lang="cy"' in welsh
    assert "Helpwch i siapio eich ardal." in welsh
    assert "Chwilio’r wefan hon" in welsh  # our own interface strings, from locale/cy
    assert '<span aria-current="true">Cymraeg</span>' in welsh
    assert 'href="/" hreflang="en-gb" lang="en-gb" rel="alternate">English</a>' in welsh

    english = client.get("/", HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "Shape what happens where you live." in english and "Search this site" in english
    assert 'href="/cy/" hreflang="cy" lang="cy" rel="alternate">Cymraeg</a>' in english
    assert '<link rel="alternate" hreflang="cy" href="http://testserver/cy/">' in english
    assert '<link rel="alternate" hreflang="en-gb" href="http://testserver/">' in english
    assert "Gàidhlig" not in english  # no Gaelic home page yet: not offered


def test_an_untranslated_page_links_to_the_other_languages_home(client, home_page):
    translate(home_page, "cy", title="Dweud eich dweud")
    discussion = make_discussion(home_page, title="The hall", slug="hall")
    html = client.get(discussion.url).content.decode()
    assert 'href="/cy/" hreflang="cy"' in html
    assert 'hreflang="cy" href=' not in html  # no <link rel=alternate> to a page that does not exist


def test_cached_parts_are_kept_per_language(client, home_page):
    translate(home_page, "gd", title="Abair do bheachd")
    assert "Lorg san làrach-lìn seo" in client.get("/gd/").content.decode()
    assert "Search this site" in client.get("/").content.decode()
    assert "Lorg san làrach-lìn seo" in client.get("/gd/").content.decode()


def test_feedback_on_a_translation_counts_with_the_original(client, home_page):
    discussion = make_discussion(home_page, title="The hall", slug="hall")
    welsh = translate(discussion, "cy", title="Y neuadd")
    CommentFactory(page=welsh, body="Agorwch hi ar brynhawn Sul.", state=Comment.State.PUBLISHED)
    CommentFactory(page=discussion, body="Open it on Sundays.", state=Comment.State.PUBLISHED)

    assert Comment.objects.published().for_page(discussion).count() == 2
    assert Comment.objects.published().for_page(welsh).count() == 2
    english_page = client.get(discussion.url).content.decode()
    assert "Agorwch hi ar brynhawn Sul." in english_page and "Open it on Sundays." in english_page
    assert "Open it on Sundays." in client.get(welsh.url).content.decode()


def test_listings_show_each_page_once_in_its_first_language(home_page):
    discussion = make_discussion(home_page, title="The hall", slug="hall")
    translate(discussion, "cy", title="Y neuadd")
    assert list(DiscussionPage.objects.visible()) == [discussion]


def test_survey_answers_in_every_language_count_together(client, home_page):
    survey = make_survey(
        make_survey_index(home_page),
        fields=[{"label": "How good is the hall?", "field_type": "rating", "scale_min": 1, "scale_max": 5}],
        results_public=True,
    )
    welsh = translate(survey, "cy", title="Y neuadd")
    (question,) = survey.get_form_fields()
    (welsh_question,) = welsh.get_form_fields()
    assert welsh_question.clean_name == question.clean_name  # the answer key is kept
    SurveySubmission.objects.create(page=survey, form_data={question.clean_name: 4})
    SurveySubmission.objects.create(page=welsh, form_data={question.clean_name: 2})

    assert survey_results(survey).total == 2
    assert survey_results(welsh).total == 2
    rows = [submission.get_data() for submission in survey.get_submissions().order_by("pk")]
    assert [row["language"] for row in rows] == ["English", "Cymraeg"]  # the export's rows and column
    with translation.override("en-gb"):  # the column's heading is in the reader's language
        assert ("language", "Language") in survey.get_data_fields()
    with translation.override("cy"):
        assert ("language", "Iaith") in survey.get_data_fields()


def test_a_resident_is_told_in_their_language_that_a_moderator_published_their_comment(
    home_page, admin_user, django_capture_on_commit_callbacks, monkeypatch
):
    from surveys.feedback import moderation

    discussion = make_discussion(home_page, title="The hall", slug="hall")
    welsh = translate(discussion, "cy", title="Y neuadd")
    comment = CommentFactory(page=welsh, email="rhian@example.org", state=Comment.State.PENDING)
    queued = []
    monkeypatch.setattr(moderation, "queue_email", lambda to, template, context, **kw: queued.append(kw))
    with django_capture_on_commit_callbacks(execute=True):
        moderation.moderate([comment], moderation.Action.APPROVE, admin_user)  # in English
    assert queued == [{"language": "cy"}]
