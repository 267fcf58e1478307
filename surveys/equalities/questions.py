"""The standard "about you" questions, worded with the categories of Scotland's Census 2022, so
answers can be set beside each place's population from the census. Editors may add their own.

The options are stored as answered, in English, so counts from different surveys add up."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from site_home.models import PopulationMeasure

PREFER_NOT_TO_SAY = "Prefer not to say"

AGE_BANDS = ["Under 16", "16 to 24", "25 to 34", "35 to 49", "50 to 64", "65 to 74", "75 and over"]
SEX = ["Female", "Male"]
DISABILITY = ["Yes, limited a lot", "Yes, limited a little", "No"]
ETHNICITY = [
    "White: Scottish",
    "White: Other British",
    "White: Irish",
    "White: Polish",
    "White: Gypsy/Traveller",
    "White: Roma",
    "White: Showman/Showwoman",
    "White: Other white ethnic group",
    "Mixed or multiple ethnic groups",
    "Asian: Pakistani, Scottish Pakistani or British Pakistani",
    "Asian: Indian, Scottish Indian or British Indian",
    "Asian: Bangladeshi, Scottish Bangladeshi or British Bangladeshi",
    "Asian: Chinese, Scottish Chinese or British Chinese",
    "Asian: Other Asian",
    "African: African, Scottish African or British African",
    "African: Other African",
    "Caribbean or Black: Caribbean, Caribbean Scottish or Caribbean British",
    "Caribbean or Black: Black, Black Scottish or Black British",
    "Caribbean or Black: Other Caribbean or Black",
    "Other ethnic group: Arab, Scottish Arab or British Arab",
    "Other ethnic group: Other ethnic group",
]
SEXUAL_ORIENTATION = ["Straight/Heterosexual", "Gay or Lesbian", "Bisexual", "Other sexual orientation"]
TRANS = ["No", "Yes"]
RELIGION = [
    "None",
    "Church of Scotland",
    "Roman Catholic",
    "Other Christian",
    "Buddhist",
    "Hindu",
    "Jewish",
    "Muslim",
    "Pagan",
    "Sikh",
    "Other religion or body",
]
SIMD_QUINTILES = ["1", "2", "3", "4", "5"]


class StandardQuestion(models.TextChoices):
    """The questions a survey can ask from the standard set; the keys match PopulationMeasure."""

    AGE_BAND = PopulationMeasure.AGE_BAND.value, _("Age band")
    SEX = PopulationMeasure.SEX.value, _("Sex")
    DISABILITY = PopulationMeasure.DISABILITY.value, _("Disability (day-to-day activities limited)")
    ETHNICITY = PopulationMeasure.ETHNICITY.value, _("Ethnic group")
    SEXUAL_ORIENTATION = PopulationMeasure.SEXUAL_ORIENTATION.value, _("Sexual orientation")
    TRANS = PopulationMeasure.TRANS.value, _("Trans or trans history")
    RELIGION = PopulationMeasure.RELIGION.value, _("Religion")


# (question as residents read it, the options in census order, asked by default)
STANDARD_QUESTIONS = {
    StandardQuestion.AGE_BAND: ("What is your age?", AGE_BANDS, True),
    StandardQuestion.SEX: ("What is your sex?", SEX, True),
    StandardQuestion.DISABILITY: (
        "Are your day-to-day activities limited because of a health problem or disability which has "
        "lasted, or is expected to last, at least 12 months?",
        DISABILITY,
        True,
    ),
    StandardQuestion.ETHNICITY: ("What is your ethnic group?", ETHNICITY, True),
    StandardQuestion.SEXUAL_ORIENTATION: (
        "Which of the following best describes your sexual orientation?",
        SEXUAL_ORIENTATION,
        False,
    ),
    StandardQuestion.TRANS: ("Do you consider yourself to be trans, or have a trans history?", TRANS, False),
    StandardQuestion.RELIGION: (
        "What religion, religious denomination or body do you belong to?",
        RELIGION,
        False,
    ),
}

# The measures the staff view shows, in order, with the options each can take.
MEASURE_OPTIONS = {
    PopulationMeasure.SIMD_QUINTILE.value: SIMD_QUINTILES,
    **{key.value: options for key, (_label, options, _default) in STANDARD_QUESTIONS.items()},
}

WHY_WE_ASK = _(
    "These questions are optional. We ask them to check whether we are hearing from everyone in the "
    "area, for example younger people, disabled people and people from minority ethnic groups, and to "
    "find who we have missed. The categories are the ones Scotland's Census 2022 used, so we can compare "
    "who answered with who lives here. Your answers are kept apart from the rest of your response, only "
    "staff allowed to see personal data can read them, we report them only as counts (never fewer than "
    "5 people) and we delete them at the end of the retention period. If you give your postcode, we use "
    "it only to find your neighbourhood's data zone and its deprivation level (SIMD), then discard it."
)


def standard_options(key):
    return list(STANDARD_QUESTIONS[key][1]) if key in STANDARD_QUESTIONS else []


def measure_label(key):
    try:
        return PopulationMeasure(key).label
    except ValueError:
        return key


POSTCODE_FIELD_TYPE = "postcode"
POSTCODE_LABEL = "What is your postcode?"
