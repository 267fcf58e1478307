from .commitments import (
    CommitmentIndexPage,
    CommitmentPage,
    CommitmentQuerySet,
    CommitmentReminder,
    CommitmentStatus,
    CommitmentUpdate,
    Partner,
)
from .engagement import EngagementRecord, NationalStandard
from .feedback import OutcomeNotice, RecommendationResponse
from .minutes import MeetingMinutesPage
from .pages import OutcomeItem, ReviewDocument, ReviewIndexPage, ReviewPage, ReviewSection
from .status import ReviewStatus

__all__ = [
    "CommitmentIndexPage",
    "CommitmentPage",
    "CommitmentQuerySet",
    "CommitmentReminder",
    "CommitmentStatus",
    "CommitmentUpdate",
    "MeetingMinutesPage",
    "EngagementRecord",
    "NationalStandard",
    "OutcomeItem",
    "OutcomeNotice",
    "Partner",
    "RecommendationResponse",
    "ReviewDocument",
    "ReviewIndexPage",
    "ReviewPage",
    "ReviewSection",
    "ReviewStatus",
]
