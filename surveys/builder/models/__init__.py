from .drafts import SurveyDraft
from .fields import SurveyField, SurveySubmission
from .pages import SurveyIndexPage, SurveyPage

__all__ = ["SurveyDraft", "SurveyField", "SurveyIndexPage", "SurveyPage", "SurveySubmission"]
