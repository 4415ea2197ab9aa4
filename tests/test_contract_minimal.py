"""A package with only the contract's required tables and columns (``tests/fixtures/minimal``,
a Data Package v2 descriptor naming its resources ``event-actors`` and ``theme-mentions``)
works on every page and in every export, in French and English."""

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from anis_viz import contract, export, views
from anis_viz.data import load_dataset
from anis_viz.nav import PAGES
from tests.conftest import FIXTURES, ROOT

MINIMAL = FIXTURES / "minimal"
APP = str(ROOT / "app.py")


@pytest.fixture(scope="module")
def minimal():
    return load_dataset(MINIMAL)


def test_the_fixture_holds_only_what_the_contract_requires():
    files = {p.name for p in MINIMAL.glob("*.csv")}
    assert files == {t.file for t in contract.TABLES if not t.optional}
    for spec in contract.TABLES:
        if not spec.optional:
            header = (MINIMAL / spec.file).read_text(encoding="utf-8").splitlines()[0]
            assert header.split(",") == spec.required, spec.name


def test_left_out_columns_and_tables_take_their_fallbacks(minimal):
    eras = minimal.eras
    assert list(eras["short_label"]) == list(eras["label"])  # short label: the label
    assert (eras["label_en"] == "").all() and (eras["end"] == "").all()
    assert set(minimal.events["status"]) == {"attested"}
    # No era_id: each event goes to the era whose dates hold its start, as the full package
    # declares them (the 1992 background event is before every era).
    full = load_dataset(FIXTURES / "jardins")
    assert list(minimal.events["era_id"]) == list(full.events["era_id"])
    assert set(minimal.relations["start_qualifier"]) == {""}
    assert minimal.relations["start"].isna().all()
    assert minimal.presentation.empty and "slide" in minimal.presentation.columns
    # No vocabulary.csv: the built-in labels of the codes the package uses.
    assert minimal.label("kind", "person", "fr") == "Personne"
    assert minimal.label("kind", "person", "en") == "Person"
    used = set(minimal.actors["kind"])
    assert set(minimal.vocabulary.loc[minimal.vocabulary["vocabulary"] == "kind", "code"]) == used
    assert not [w for w in minimal.warnings if w.severity == "error"]


def test_a_folder_of_csv_files_only_is_described_from_the_contract(tmp_path):
    folder = tmp_path / "bare"
    shutil.copytree(MINIMAL, folder)
    (folder / "datapackage.json").unlink()
    (folder / "event_actors.csv").rename(folder / "event-actors.csv")
    ds = load_dataset(folder)
    assert [w.code for w in ds.warnings] == ["descriptor_inferred"]
    assert ds.warnings[0].severity == "info"
    assert len(ds.event_actors) == len(load_dataset(MINIMAL).event_actors)
    assert ds.file_of("event_actors") == "event-actors.csv"
    assert b'"event-actors.csv"' in ds.files["datapackage.json"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_chart_and_the_assembly_pack(minimal, lang):
    built = views.standard(minimal, lang)
    assert {c.figure.__class__.__name__ for c in built} == {"Figure"}
    assert all(len(c.figure.data) or c.figure.layout.annotations for c in built)
    stamp = export.stamp(minimal, lang)
    pack = zipfile.ZipFile(io.BytesIO(export.assembly_pack(minimal, built, stamp)))
    names = pack.namelist()
    assert sum(n.startswith("png/") for n in names) == len(built)
    assert any(n.endswith("datapackage.json") for n in names)
    assert any(n.endswith("event_actors.csv") for n in names)
    first = built[0]
    assert export.png(first, stamp).startswith(b"\x89PNG")
    assert export.svg(first, stamp).lstrip().startswith(b"<")
    assert export.pdf(first, stamp).startswith(b"%PDF")
    assert b"<html" in export.html_page(first, stamp)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("page", [p[0] for p in PAGES])
def test_every_page_runs(monkeypatch, page, lang):
    monkeypatch.setenv("ANIS_VIZ_DATA", str(MINIMAL))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert at.title, "the page drew nothing"


def test_files_of_the_fixture_are_untouched_by_loading():
    before = {p.name: p.read_bytes() for p in Path(MINIMAL).iterdir()}
    load_dataset(MINIMAL)
    assert {p.name: p.read_bytes() for p in Path(MINIMAL).iterdir()} == before
