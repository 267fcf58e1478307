import pytest

from tests.events.factories import EventIndexPageFactory


@pytest.fixture
def event_index(home_page):
    page = EventIndexPageFactory(parent=home_page, show_in_menus=True)
    page.save_revision().publish()
    return page
