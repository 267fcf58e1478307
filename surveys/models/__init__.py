"""The app's models, from its two parts: the feedback engine and the survey builder."""

from surveys.builder.models import SurveyDraft, SurveyField, SurveyIndexPage, SurveyPage, SurveySubmission
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
    "Comment",
    "DiscussionMixin",
    "DiscussionPage",
    "FeedbackSettings",
    "Follow",
    "FollowUpdate",
    "ModerationEvent",
    "Reaction",
    "Report",
    "SurveyField",
    "SurveyIndexPage",
    "SurveyDraft",
    "SurveyPage",
    "SurveySubmission",
]
