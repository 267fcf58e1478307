"""import_simd_lookup: the publishers' CSV files in, idempotent, a malformed file rejected with its
reason and nothing loaded."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command, execute_from_command_line

from surveys.equalities.models import DataZone, PostcodeDataZone, SimdRank

pytestmark = pytest.mark.django_db

RANKS = (
    "Data_Zone,DZname,SIMD2020v2_Rank\n"
    "S01006506,Culter - 01,1\nS01006507,Culter - 02,3488\nS01006508,Culter - 03,6976\n"
)
POSTCODES = "Postcode,DZ\nAB1 0AA,S01006506\nab10ab,S01006507\nAB1 0AD,S01006508\n"


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(**files):
    out = StringIO()
    call_command("import_simd_lookup", **files, stdout=out)
    return out.getvalue()


def test_import_records_boundary_set_and_edition_and_derives_bands(tmp_path):
    out = run(simd=write(tmp_path, "r.csv", RANKS), postcodes=write(tmp_path, "p.csv", POSTCODES))
    assert "SIMD ranks (SIMD2020v2): 3 created, 0 updated, 0 unchanged (3 new data zones)" in out
    assert "Postcodes (data zones 2011): 3 created, 0 updated, 0 unchanged (0 new data zones)" in out
    bands = {r.data_zone.code: (r.rank, r.decile, r.quintile, r.edition) for r in SimdRank.objects.all()}
    # Deciles and quintiles over the 6,976 data zones of 2011 that SIMD 2020 ranks.
    assert bands == {
        "S01006506": (1, 1, 1, "SIMD2020v2"),
        "S01006507": (3488, 5, 3, "SIMD2020v2"),
        "S01006508": (6976, 10, 5, "SIMD2020v2"),
    }
    assert set(DataZone.objects.values_list("boundary_set", flat=True)) == {"2011"}
    assert DataZone.objects.get(code="S01006506").name == "Culter - 01"
    assert PostcodeDataZone.objects.get(postcode="AB1 0AB").data_zone.code == "S01006507"  # normalised


def test_importing_again_changes_nothing_and_says_so(tmp_path):
    files = {"simd": write(tmp_path, "r.csv", RANKS), "postcodes": write(tmp_path, "p.csv", POSTCODES)}
    run(**files)
    before = (
        list(SimdRank.objects.values_list("pk", "rank", "decile")),
        list(PostcodeDataZone.objects.values()),
    )
    out = run(**files)
    assert "0 created, 0 updated, 3 unchanged (0 new data zones)" in out
    assert (
        list(SimdRank.objects.values_list("pk", "rank", "decile")),
        list(PostcodeDataZone.objects.values()),
    ) == before
    moved = POSTCODES.replace("AB1 0AD,S01006508", "AB1 0AD,S01006507")
    assert "0 created, 1 updated, 2 unchanged" in run(postcodes=write(tmp_path, "p2.csv", moved))


@pytest.mark.parametrize(
    ("ranks", "postcodes", "message"),
    [
        ("Zone,Rank\nS01006506,1\n", POSTCODES, "no data zone column. Expected one of"),
        (
            RANKS.replace(",6976", ",6977"),
            POSTCODES,
            "line 4: rank '6977' is not a whole number from 1 to 6976",
        ),
        (RANKS.replace(",3488", ",abc"), POSTCODES, "line 3: rank 'abc'"),
        (RANKS, POSTCODES.replace("ab10ab", "not-a-postcode"), "line 3: 'not-a-postcode' is not a postcode"),
        (RANKS, POSTCODES + "AB1 0AA,S01006508\n", "AB1 0AA is given two different data zones"),
        (RANKS, "Postcode,DZ\n", "no rows"),
    ],
)
def test_a_malformed_file_is_rejected_with_its_reason_and_nothing_is_loaded(
    tmp_path, ranks, postcodes, message
):
    with pytest.raises(CommandError, match="Nothing was imported") as error:
        run(simd=write(tmp_path, "r.csv", ranks), postcodes=write(tmp_path, "p.csv", postcodes))
    assert message in str(error.value)
    assert (
        not DataZone.objects.exists()
        and not SimdRank.objects.exists()
        and not PostcodeDataZone.objects.exists()
    )


def test_a_file_that_is_not_text_is_rejected(tmp_path):
    path = tmp_path / "r.csv"
    path.write_bytes(b"\xff\xfe\x00\x01garbage")
    with pytest.raises(CommandError, match="cannot be read as a UTF-8 CSV file"):
        run(simd=str(path))


def test_the_command_exits_non_zero_on_a_malformed_file(tmp_path, capsys):
    bad = write(tmp_path, "r.csv", "Zone,Rank\n")
    with pytest.raises(SystemExit) as exit_:
        execute_from_command_line(["manage.py", "import_simd_lookup", "--simd", bad])
    assert exit_.value.code != 0 and "no data zone column" in capsys.readouterr().err
