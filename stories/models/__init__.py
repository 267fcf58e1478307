from .pages import StoryIndexPage, StoryPage, StoryPageTag
from .stats import StoryViewCount
from .submissions import StorySubmission

__all__ = ["StoryIndexPage", "StoryPage", "StoryPageTag", "StorySubmission", "StoryViewCount"]
