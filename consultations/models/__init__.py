from .commitments import (
    CommitmentIndexPage,
    CommitmentPage,
    CommitmentQuerySet,
    CommitmentReminder,
    CommitmentStatus,
    CommitmentUpdate,
    Partner,
)
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
