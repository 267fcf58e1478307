"""The app's models, from its parts: the feedback engine, the survey builder and the analysis of
what residents said (coding frames)."""

from surveys.analysis.models import Code, Coding, Suggestion
from surveys.builder.models import SurveyField, SurveyIndexPage, SurveyPage, SurveySubmission
from surveys.feedback.models import (
    Comment,
    DiscussionMixin,
    DiscussionPage,
    FeedbackSettings,
    Follow,
    FollowUpdate,
    ModerationEvent,
    Reaction,
    Report,
)

__all__ = [
    "Code",
    "Coding",
    "Comment",
    "DiscussionMixin",
    "DiscussionPage",
    "FeedbackSettings",
    "Follow",
    "FollowUpdate",
    "ModerationEvent",
    "Reaction",
    "Report",
    "Suggestion",
    "SurveyField",
    "SurveyIndexPage",
    "SurveyPage",
    "SurveySubmission",
]
