"""The app's models, from its parts: the feedback engine, the survey builder and who responded
(equalities)."""

from surveys.builder.models import SurveyDraft, SurveyField, SurveyIndexPage, SurveyPage, SurveySubmission
from surveys.equalities.models import AboutYou, AboutYouAnswer, DataZone, PostcodeDataZone, SimdRank
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
    "AboutYou",
    "AboutYouAnswer",
    "DataZone",
    "PostcodeDataZone",
    "SimdRank",
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
