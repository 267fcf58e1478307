"""A Welsh version of a few pages, so the language switcher and results counted across languages
can be seen: the home page, one review's title and summary, and a two-question survey answered in
both languages. Short texts, translated with care; everything else stays English until an editor
translates it with wagtail-localize (Translate in the page's menu)."""

import datetime

from django.utils import timezone
from wagtail.models import Locale

from consultations.models import ReviewPage
from surveys.builder.models.fields import SurveyField, SurveyFieldType, SurveySubmission
from surveys.models import SurveyIndexPage, SurveyPage

from . import ORIGINALS, DemoContext, child_page

HALL_QUESTIONS = [
    # (English, Welsh) for the label, then the rating's ends.
    ("How good is the community hall for your group?", "Pa mor dda yw’r neuadd gymunedol i’ch grŵp chi?"),
    ("What would make it better?", "Beth fyddai’n ei gwneud yn well?"),
]
HALL_ENDS = (("Very poor", "Gwael iawn"), ("Very good", "Da iawn"))


def translated(page, locale, **fields):
    """`page` in `locale`: the existing translation, or a new one with `fields` changed, published."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific, False
    copy = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    return copy.specific, True


def hall_survey(demo, index_page):
    today = timezone.localdate()
    (rating, rating_cy), (better, better_cy) = HALL_QUESTIONS
    survey, created = child_page(
        index_page,
        SurveyPage,
        "community-hall",
        title="The community hall: two questions",
        introduction="Two quick questions about the community hall. Answer in English or in Welsh: "
        "both count together.",
        opens_on=today - datetime.timedelta(days=14),
        closes_on=today + datetime.timedelta(days=28),
        results_public=True,
        children={
            "form_fields": [
                SurveyField(
                    label=rating,
                    field_type=SurveyFieldType.RATING,
                    scale_min=1,
                    scale_max=5,
                    scale_min_label=HALL_ENDS[0][0],
                    scale_max_label=HALL_ENDS[1][0],
                ),
                SurveyField(label=better, field_type="multiline", required=False),
            ]
        },
    )
    return survey, created


def translate_survey(survey, locale):
    welsh, created = translated(
        survey,
        locale,
        title="Y neuadd gymunedol: dau gwestiwn",
        introduction="Dau gwestiwn cyflym am y neuadd gymunedol. Atebwch yn Gymraeg neu yn Saesneg: "
        "mae’r ddau’n cyfrif gyda’i gilydd.",
    )
    if created:
        # The questions keep their answer keys (clean_name), so both versions' answers count as one.
        words = dict(HALL_QUESTIONS)
        for field in welsh.form_fields.all():
            field.label = words.get(field.label, field.label)
            field.scale_min_label, field.scale_max_label = HALL_ENDS[0][1], HALL_ENDS[1][1]
            field.save()
    return welsh, created


def hall_answers(survey, welsh):
    rating, better = (field.clean_name for field in survey.get_form_fields())
    said = [
        (survey, 4, "Longer opening on Saturdays."),
        (survey, 3, ""),
        (survey, 5, "It is perfect for our lunch club."),
        (welsh, 4, "Mwy o gadeiriau, os gwelwch yn dda."),
        (welsh, 2, "Mae angen gwresogi gwell yn y gaeaf."),
        (welsh, 5, ""),
    ]
    rows = [
        SurveySubmission(page=page, form_data={rating: score, better: text}) for page, score, text in said
    ]
    SurveySubmission.objects.bulk_create(rows)
    return len(rows)


def build_language_demo(demo: DemoContext):
    locale, _ = Locale.objects.get_or_create(language_code="cy")
    translated(
        demo.home,
        locale,
        title="Dweud eich dweud yn Kelvinford",
        introduction=(
            "Darllenwch a rhowch sylwadau ar gynlluniau ar gyfer eich ardal, atebwch arolygon, dewch i "
            "ddigwyddiadau a rhannwch yr hyn rydych chi’n ei wybod am y lle rydych chi’n byw ynddo."
        ),
    )
    review = ReviewPage.objects.filter(slug="community-halls-opening-hours", **ORIGINALS).first()
    if review is not None:
        translated(
            review,
            locale,
            title="Oriau agor neuaddau cymunedol",
            summary="Cynigion i newid pryd mae neuaddau cymunedol y cyngor ar agor, fel y gall mwy o "
            "grwpiau eu defnyddio gyda’r nos ac ar benwythnosau.",
        )
    index_page = SurveyIndexPage.objects.child_of(demo.home).first()
    if index_page is not None:
        survey, created = hall_survey(demo, index_page)
        welsh, _ = translate_survey(survey, locale)
        if created:
            demo.say(
                f"Survey in English and Welsh: {survey.title} with {hall_answers(survey, welsh)} answers"
            )
    demo.say("Welsh: the home page, a review's summary and a survey")
