import pytest
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from site_home.models import HomePage, Theme
from surveys.builder.models.fields import PREFER_NOT_TO_SAY
from surveys.models import SurveyField, SurveyIndexPage, SurveyPage
from tests.site_home.factories import ThemeFactory
from tests.surveys.survey_factories import AGE, AGREE, CHECKBOXES, days, make_survey, make_survey_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey_index(home_page):
    return make_survey_index(home_page)


@pytest.mark.parametrize(
    ("opens", "closes", "state"),
    [(1, 10, "upcoming"), (0, 10, "open"), (-10, 0, "open"), (-10, -1, "closed")],
)
def test_state_follows_the_dates(survey_index, opens, closes, state):
    survey = make_survey(survey_index, opens_on=days(opens), closes_on=days(closes))
    assert survey.state == state
    assert SurveyPage.objects.open_now().filter(pk=survey.pk).exists() == (state == "open")
    assert SurveyPage.objects.upcoming().filter(pk=survey.pk).exists() == (state == "upcoming")
    assert SurveyPage.objects.closed().filter(pk=survey.pk).exists() == (state == "closed")


def test_closing_before_opening_is_refused(survey_index):
    from django.core.exceptions import ValidationError

    survey = make_survey(survey_index)
    survey.closes_on = days(-30)
    with pytest.raises(ValidationError) as error:
        survey.clean()
    assert "closes_on" in error.value.message_dict


def test_about_you_choices_offer_prefer_not_to_say():
    assert SurveyField(**AGE).choice_list()[-1] == PREFER_NOT_TO_SAY
    assert PREFER_NOT_TO_SAY not in SurveyField(**CHECKBOXES).choice_list()
    assert SurveyField(**AGREE).choice_list() == ["Agree", "Disagree", "Unsure"]


@pytest.mark.parametrize(
    "choices",
    ["Bus, Bike, Walk", "Bus\nBike\nWalk", "Bus,\nBike,\nWalk", "  Bus ,Bike,  Walk  "],
)
def test_options_are_read_one_a_line_or_comma_separated(choices):
    question = SurveyField(field_type="radio", label="How", choices=choices)
    assert question.choice_list() == ["Bus", "Bike", "Walk"]


def test_place_standard_preset_adds_the_questions_in_one_step(survey_index):
    survey = make_survey(survey_index, is_place_standard=True)
    fields = list(survey.form_fields.select_related("theme"))
    ratings = [f for f in fields if f.field_type == "rating"]
    texts = [f for f in fields if f.field_type == "multiline"]
    assert len(ratings) == 14 and len(texts) == 28 and len(fields) == 42
    assert {f.theme.group for f in fields} == {Theme.Group.PLACE_STANDARD}
    assert len({f.theme_id for f in ratings}) == 14
    assert all((f.scale_min, f.scale_max) == (1, 7) for f in ratings)
    assert {f.label for f in texts if f.theme.slug == "feeling-safe"} == {
        "Feeling safe: what is good now?",
        "Feeling safe: what could be better?",
    }
    survey.save_revision().publish()  # editing later keeps the questions as they are
    assert survey.form_fields.count() == 42


def test_preset_does_not_replace_questions_an_editor_wrote(survey_index):
    survey = make_survey(survey_index, is_place_standard=True, fields=[AGREE])
    assert [f.label for f in survey.form_fields.all()] == ["The park feels safe"]


class TestAdmin(WagtailPageTestCase):
    @pytest.fixture(autouse=True)
    def _admin(self, client, admin_user, survey_index):
        client.force_login(admin_user)
        self.client = client
        self.index = survey_index

    def test_tree_rules(self):
        self.assertCanCreateAt(HomePage, SurveyIndexPage)
        self.assertCanCreateAt(SurveyIndexPage, SurveyPage)
        self.assertCanNotCreateAt(HomePage, SurveyPage)
        assert SurveyIndexPage.max_count == 1

    def test_editor_creates_a_place_standard_survey_in_one_step(self):
        theme = ThemeFactory(name="Parks")
        data = nested_form_data(
            {
                "title": "Place Standard 2027",
                "slug": "place-standard-2027",
                "introduction": "Fourteen questions about where you live.",
                "thank_you_text": rich_text(""),
                "opens_on": str(days(0)),
                "closes_on": str(days(30)),
                "themes": [theme.pk],
                "preset": "place_standard",
                "form_fields": inline_formset([]),
            }
        )
        self.assertCanCreate(self.index, SurveyPage, data)
        survey = SurveyPage.objects.get(slug="place-standard-2027")
        assert survey.form_fields.filter(field_type="rating").count() == 14
        assert survey.form_fields.filter(field_type="multiline").count() == 28
        assert survey.live

    def test_editor_opens_edit_preview_and_submissions(self):
        survey = make_survey(self.index, fields=[AGREE])
        assert self.client.get(f"/admin/pages/{survey.pk}/edit/").status_code == 200
        draft = self.client.get(reverse("wagtailadmin_pages:view_draft", args=[survey.pk]))
        assert draft.status_code == 200 and b"Send my answers" in draft.content
        assert self.client.get(f"/admin/forms/submissions/{survey.pk}/").status_code == 200
