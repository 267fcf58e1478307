from .pages import HomePage, StandardPage, ThemeIndexPage
from .places import PlaceIndexPage, PlacePage, PlacePriority, SteeringGroupMember
from .site_settings import SiteSettings
from .taxonomy import Theme

__all__ = [
    "HomePage",
    "PlaceIndexPage",
    "PlacePage",
    "PlacePriority",
    "SiteSettings",
    "StandardPage",
    "SteeringGroupMember",
    "Theme",
    "ThemeIndexPage",
]
