from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from site_home.models import PlacePopulation
from tests.site_home.factories import make_place

pytestmark = pytest.mark.django_db

GOOD = "Place,Measure,Group,Share\nnorth,age_band,16 to 24,12.4\nnorth,simd_quintile,1,40%\n"


def run(tmp_path, text):
    path = tmp_path / "population.csv"
    path.write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("import_place_population", str(path), stdout=out)
    return out.getvalue()


def test_population_import_is_idempotent_and_rejects_bad_rows(tmp_path, place_index):
    make_place(place_index, title="North", slug="north")
    assert "2 created, 0 updated, 0 unchanged" in run(tmp_path, GOOD)
    assert "0 created, 0 updated, 2 unchanged" in run(tmp_path, GOOD)
    assert "0 created, 1 updated, 1 unchanged" in run(tmp_path, GOOD.replace("12.4", "13"))
    assert PlacePopulation.objects.get(group="16 to 24").share == 13
    for bad, message in [
        (GOOD + "south,age_band,16 to 24,3\n", "line 4: no place with the slug 'south'"),
        (GOOD + "north,height,tall,3\n", "line 4: unknown measure 'height'"),
        (GOOD + "north,sex,Female,120\n", "line 4: share '120' is not a percentage"),
        ("Place,Group,Share\n", "missing column(s) Measure"),
    ]:
        with pytest.raises(CommandError, match="Nothing was imported") as error:
            run(tmp_path, bad)
        assert message in str(error.value)
    assert PlacePopulation.objects.count() == 2
