from .feedback import OutcomeNotice, RecommendationResponse
from .pages import OutcomeItem, ReviewDocument, ReviewIndexPage, ReviewPage, ReviewSection
from .status import ReviewStatus

__all__ = [
    "OutcomeItem",
    "OutcomeNotice",
    "RecommendationResponse",
    "ReviewDocument",
    "ReviewIndexPage",
    "ReviewPage",
    "ReviewSection",
    "ReviewStatus",
]
