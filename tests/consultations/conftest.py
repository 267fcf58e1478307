import pytest

from .factories import ReviewIndexPageFactory


@pytest.fixture
def review_index(home_page):
    index = ReviewIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    return index
