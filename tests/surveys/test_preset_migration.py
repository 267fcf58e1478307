"""Surveys made with the old "Place Standard survey" tick box become the adult preset."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from surveys.builder.presets import SurveyPreset
from surveys.models import SurveyPage
from tests.surveys.survey_factories import make_survey, make_survey_index

BEFORE = [("surveys", "0011_publication_consent_and_coding_frames")]


def migrate(targets=None):
    """To `targets`, or forward to the latest migration of every app (as the other tests expect)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_ticked_surveys_keep_the_adult_place_standard(home_page):
    index = make_survey_index(home_page)
    ticked = make_survey(index, title="Ticked", preset=SurveyPreset.PLACE_STANDARD)
    plain = make_survey(index, title="Plain")
    try:
        migrate(BEFORE)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT page_ptr_id, is_place_standard FROM surveys_surveypage ORDER BY page_ptr_id"
            )
            flags = dict(cursor.fetchall())
        assert bool(flags[ticked.pk]) and not flags[plain.pk]  # undone, the tick box comes back
    finally:
        migrate()
    assert SurveyPage.objects.get(pk=ticked.pk).preset == SurveyPreset.PLACE_STANDARD
    assert SurveyPage.objects.get(pk=plain.pk).preset == SurveyPreset.NONE
