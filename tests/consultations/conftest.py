import pytest

from .factories import CommitmentIndexPageFactory, ReviewIndexPageFactory


@pytest.fixture
def review_index(home_page):
    index = ReviewIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    return index


@pytest.fixture
def commitment_index(home_page):
    index = CommitmentIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    return index
