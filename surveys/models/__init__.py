from .comments import Comment, DiscussionMixin
from .discussion_page import DiscussionPage
from .moderation import ModerationEvent, Reaction, Report
from .settings import FeedbackSettings
from .survey_fields import SurveyField, SurveySubmission
from .survey_pages import SurveyIndexPage, SurveyPage

__all__ = [
    "Comment",
    "DiscussionMixin",
    "DiscussionPage",
    "FeedbackSettings",
    "ModerationEvent",
    "Reaction",
    "Report",
    "SurveyField",
    "SurveyIndexPage",
    "SurveyPage",
    "SurveySubmission",
]
