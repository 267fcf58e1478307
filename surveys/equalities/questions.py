"""The standard "about you" questions, worded with the categories of Scotland's Census 2022, so
answers can be set beside each place's population from the census. Editors may add their own.

The options are stored as answered, in English, so counts from different surveys add up; they are
marked for translation (gettext_noop) and shown in the reader's language (option_label in
surveys.builder.models.fields). So are the questions' wordings while an editor keeps them as they are."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from site_home.models import PopulationMeasure

PREFER_NOT_TO_SAY = gettext_noop("Prefer not to say")

AGE_BANDS = [
    gettext_noop("Under 16"),
    gettext_noop("16 to 24"),
    gettext_noop("25 to 34"),
    gettext_noop("35 to 49"),
    gettext_noop("50 to 64"),
    gettext_noop("65 to 74"),
    gettext_noop("75 and over"),
]
SEX = [gettext_noop("Female"), gettext_noop("Male")]
DISABILITY = [gettext_noop("Yes, limited a lot"), gettext_noop("Yes, limited a little"), gettext_noop("No")]
ETHNICITY = [
    gettext_noop("White: Scottish"),
    gettext_noop("White: Other British"),
    gettext_noop("White: Irish"),
    gettext_noop("White: Polish"),
    gettext_noop("White: Gypsy/Traveller"),
    gettext_noop("White: Roma"),
    gettext_noop("White: Showman/Showwoman"),
    gettext_noop("White: Other white ethnic group"),
    gettext_noop("Mixed or multiple ethnic groups"),
    gettext_noop("Asian: Pakistani, Scottish Pakistani or British Pakistani"),
    gettext_noop("Asian: Indian, Scottish Indian or British Indian"),
    gettext_noop("Asian: Bangladeshi, Scottish Bangladeshi or British Bangladeshi"),
    gettext_noop("Asian: Chinese, Scottish Chinese or British Chinese"),
    gettext_noop("Asian: Other Asian"),
    gettext_noop("African: African, Scottish African or British African"),
    gettext_noop("African: Other African"),
    gettext_noop("Caribbean or Black: Caribbean, Caribbean Scottish or Caribbean British"),
    gettext_noop("Caribbean or Black: Black, Black Scottish or Black British"),
    gettext_noop("Caribbean or Black: Other Caribbean or Black"),
    gettext_noop("Other ethnic group: Arab, Scottish Arab or British Arab"),
    gettext_noop("Other ethnic group: Other ethnic group"),
]
SEXUAL_ORIENTATION = [
    gettext_noop("Straight/Heterosexual"),
    gettext_noop("Gay or Lesbian"),
    gettext_noop("Bisexual"),
    gettext_noop("Other sexual orientation"),
]
TRANS = [gettext_noop("No"), gettext_noop("Yes")]
RELIGION = [
    # Translators: no religion, an answer to "What religion … do you belong to?"
    gettext_noop("None"),
    gettext_noop("Church of Scotland"),
    gettext_noop("Roman Catholic"),
    gettext_noop("Other Christian"),
    gettext_noop("Buddhist"),
    gettext_noop("Hindu"),
    gettext_noop("Jewish"),
    gettext_noop("Muslim"),
    gettext_noop("Pagan"),
    gettext_noop("Sikh"),
    gettext_noop("Other religion or body"),
]
SIMD_QUINTILES = ["1", "2", "3", "4", "5"]

POSTCODE_FIELD_TYPE = "postcode"
POSTCODE_LABEL = gettext_noop("What is your postcode?")
POSTCODE_HELP = gettext_noop(
    "For example, EH1 1YZ. We use it only to find your neighbourhood, then discard it."
)


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
    StandardQuestion.AGE_BAND: (gettext_noop("What is your age?"), AGE_BANDS, True),
    StandardQuestion.SEX: (gettext_noop("What is your sex?"), SEX, True),
    StandardQuestion.DISABILITY: (
        gettext_noop(
            "Are your day-to-day activities limited because of a health problem or disability which has "
            "lasted, or is expected to last, at least 12 months?"
        ),
        DISABILITY,
        True,
    ),
    StandardQuestion.ETHNICITY: (gettext_noop("What is your ethnic group?"), ETHNICITY, True),
    StandardQuestion.SEXUAL_ORIENTATION: (
        gettext_noop("Which of the following best describes your sexual orientation?"),
        SEXUAL_ORIENTATION,
        False,
    ),
    StandardQuestion.TRANS: (
        gettext_noop("Do you consider yourself to be trans, or have a trans history?"),
        TRANS,
        False,
    ),
    StandardQuestion.RELIGION: (
        gettext_noop("What religion, religious denomination or body do you belong to?"),
        RELIGION,
        False,
    ),
}

# Every option of the standard questions, to show in the reader's language.
STANDARD_OPTIONS = {
    PREFER_NOT_TO_SAY,
    *(option for _q, options, _d in STANDARD_QUESTIONS.values() for option in options),
}
# The standard wordings, to show in the reader's language while an editor has not changed them.
STANDARD_WORDINGS = {
    *(question for question, _o, _d in STANDARD_QUESTIONS.values()),
    POSTCODE_LABEL,
    POSTCODE_HELP,
}


def standard_option_label(option):
    """A standard option in the current language; any other answer as it was given."""
    return _(option) if option in STANDARD_OPTIONS else option


def standard_wording(text):
    """A question's label or hint: the standard wording in the current language, else as written."""
    return _(text) if text in STANDARD_WORDINGS else text


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
