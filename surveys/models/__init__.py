"""The app's models, from its parts: the feedback engine, the survey builder, who responded
(equalities) and the analysis of what residents said (coding frames)."""

from surveys.analysis.models import Code, Coding, Suggestion
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
    "SurveyDraft",
    "SurveyPage",
    "SurveySubmission",
]
