from .feedback import RecommendationResponse
from .pages import OutcomeItem, ReviewDocument, ReviewIndexPage, ReviewPage, ReviewSection
from .status import ReviewStatus

__all__ = [
    "OutcomeItem",
    "RecommendationResponse",
    "ReviewDocument",
    "ReviewIndexPage",
    "ReviewPage",
    "ReviewSection",
    "ReviewStatus",
]
