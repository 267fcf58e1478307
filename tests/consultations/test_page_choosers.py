"""Page choosers offer only the page type a field expects, and a save refuses any other."""

import pytest
from django.core.exceptions import ValidationError

from consultations.models import ReviewPage
from events.models import EventPage
from tests.consultations.factories import ReviewIndexPageFactory, make_review
from tests.events.factories import EventIndexPageFactory, make_event
from tests.surveys.factories import make_discussion

pytestmark = pytest.mark.django_db


def chooser_models(page_class, field):
    """The page types the editor's chooser offers for `field`, read from the admin form itself."""
    widget = page_class.get_edit_handler().get_form_class().base_fields[field].widget
    return {model._meta.label for model in widget.target_models}


@pytest.fixture
def pages(home_page):
    review = make_review(ReviewIndexPageFactory(parent=home_page))
    events = EventIndexPageFactory(parent=home_page)
    return review, events, make_event(events), make_discussion(home_page)


def test_the_choosers_offer_only_the_expected_page_types():
    assert chooser_models(ReviewPage, "survey_page") == {"surveys.SurveyPage"}
    assert chooser_models(ReviewPage, "discussion_page") == {"surveys.DiscussionPage"}
    assert chooser_models(ReviewPage, "events_page") == {"events.EventPage", "events.EventIndexPage"}
    assert chooser_models(EventPage, "related_review") == {"consultations.ReviewPage"}


def test_a_page_of_another_type_is_refused_on_save(pages):
    review, events, event, discussion = pages
    review.discussion_page = event
    with pytest.raises(ValidationError) as refused:
        review.full_clean()
    assert "discussion_page" in refused.value.message_dict
    event.related_review = discussion
    with pytest.raises(ValidationError) as refused:
        event.full_clean()
    assert "related_review" in refused.value.message_dict


def test_pages_of_the_expected_types_are_accepted(pages):
    review, events, event, discussion = pages
    review.discussion_page, review.events_page = discussion, events
    review.full_clean()
    event.related_review = review
    event.full_clean()
