from .pages import HomePage, StandardPage
from .places import PlaceIndexPage, PlacePage, PlacePriority, SteeringGroupMember
from .site_settings import SiteSettings
from .taxonomy import Theme, ThemeIndexPage

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
