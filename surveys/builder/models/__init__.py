from .fields import SurveyField, SurveySubmission
from .pages import SurveyIndexPage, SurveyPage

__all__ = ["SurveyField", "SurveyIndexPage", "SurveyPage", "SurveySubmission"]
