"""No CSV the app writes runs as a formula in a spreadsheet: chart data, the template zip,
the package zip and the pack's data files all go through one guard."""

import csv
import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from anis_viz import export, text, upload
from anis_viz.data import load_dataset
from tests.payloads import poisoned_package

ROOT = Path(__file__).resolve().parents[1]
FORMULAS = ['=HYPERLINK("http://127.0.0.2/?leak","x")', "＝1+1", "+1+1", "-1+1", "@SUM(1)",
            "＋1", "－1", "＠SUM(1)"]


@pytest.mark.parametrize("cell", FORMULAS + ["\t=1+1", "\r=1+1"])
def test_guard_cell_neutralises_every_formula_start(cell):
    assert text.guard_cell(cell) == "'" + cell
    assert text.guard_cell("a" + cell) == "a" + cell
    assert text.guard_cell(3) == 3


def test_guard_csv_copies_a_clean_file_byte_for_byte_and_guards_a_risky_one():
    clean = "\ufeffa,b\r\n1,x\r\n".encode()
    assert text.guard_csv(clean) == clean
    risky = 'a,b\n1,"=HYPERLINK(""u"")"\n2,＠x\n'.encode()
    rows = list(csv.reader(io.StringIO(text.guard_csv(risky).decode())))
    assert rows == [["a", "b"], ["1", "'=HYPERLINK(\"u\")"], ["2", "'＠x"]]


def _cells(raw: bytes):
    for row in csv.reader(io.StringIO(raw.decode("utf-8-sig"))):
        yield from row


@pytest.fixture(scope="module")
def formulas(tmp_path_factory):
    """jardins once per formula, the formula in place of every free-text cell."""
    folder = tmp_path_factory.mktemp("formulas")
    return [load_dataset(poisoned_package(ROOT / "tests" / "fixtures" / "jardins",
                                          folder / str(i), formula, replace=True))
            for i, formula in enumerate(FORMULAS)]


def _guarded(archive_bytes: bytes) -> int:
    """The number of guarded cells in the zip's CSV files; fails on a formula."""
    guarded = 0
    with zipfile.ZipFile(io.BytesIO(archive_bytes)) as archive:
        for name in archive.namelist():
            if name.endswith(".csv"):
                for cell in _cells(archive.read(name)):
                    assert not cell.startswith(text.FORMULA_START), (name, cell)
                    guarded += cell.startswith("'")
    return guarded


def test_template_and_package_zips_carry_no_formula(formulas):
    meta = upload.descriptor_meta("t", "t")
    for ds in formulas:
        assert ds.actors["name"].iloc[0].lstrip("'") == ds.actors["name"].iloc[0]  # raw data
        assert _guarded(upload.template_zip(ds, meta)) > 10
        assert _guarded(upload.package_zip(ds)) > 10


def test_chart_csv_guards_fullwidth_and_column_names():
    frame = pd.DataFrame({"＝name": ["＝1", "ok", None], "n": [1, 2, 3]})
    cells = list(_cells(export.csv_bytes(frame)))
    assert cells[:2] == ["'＝name", "n"] and "'＝1" in cells and "ok" in cells
