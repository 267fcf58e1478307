from .pages import HomePage, StandardPage
from .places import PlaceIndexPage, PlacePage, PlacePriority, SteeringGroupMember
from .population import PlacePopulation, PopulationMeasure
from .site_settings import SiteSettings
from .taxonomy import Theme, ThemeIndexPage

__all__ = [
    "HomePage",
    "PlaceIndexPage",
    "PlacePage",
    "PlacePopulation",
    "PlacePriority",
    "PopulationMeasure",
    "SiteSettings",
    "StandardPage",
    "SteeringGroupMember",
    "Theme",
    "ThemeIndexPage",
]
