import pytest

from tests.site_home.factories import ThemeFactory, make_place

from .factories import make_index


@pytest.fixture
def story_index(home_page):
    return make_index(home_page)


@pytest.fixture
def places(place_index):
    return {
        "ashgrove": make_place(place_index, title="Ashgrove"),
        "brackenhill": make_place(place_index, title="Brackenhill"),
    }


@pytest.fixture
def themes():
    return {
        "funding": ThemeFactory(name="Funding"),
        "natural-space": ThemeFactory(name="Natural space"),
    }
