from .comments import Comment, DiscussionMixin
from .discussion_page import DiscussionPage
from .follows import Follow, FollowUpdate
from .moderation import ModerationEvent, Reaction, Report
from .settings import FeedbackSettings

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
]
