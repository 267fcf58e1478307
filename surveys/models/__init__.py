from .survey_fields import SurveyField, SurveySubmission
from .survey_pages import SurveyIndexPage, SurveyPage

__all__ = ["SurveyField", "SurveyIndexPage", "SurveyPage", "SurveySubmission"]
