"""The app shell and the overview page, run headless with Streamlit's AppTest."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from anis_viz import overview
from anis_viz.data import load_dataset
from anis_viz.filters import SharedFilters, filter_events
from anis_viz.i18n import t

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")


def run_app(monkeypatch, data=None, **params):
    if data is not None:
        monkeypatch.setenv("ANIS_VIZ_DATA", str(data))
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params.update(params)
    return at.run()


@pytest.mark.parametrize("lang, title, header", [("fr", "Vue d’ensemble", "Les périodes"),
                                                 ("en", "Overview", "The eras")])
def test_overview_in_both_languages(monkeypatch, lang, title, header):
    at = run_app(monkeypatch, lang=lang)
    assert not at.exception and not at.error
    assert at.title[0].value == title
    assert at.header[0].value == header
    ds = load_dataset()
    cards = overview.era_cards(ds, lang)
    assert len(cards) >= 3
    shown = [s.value.replace("\\", "") for s in at.subheader]
    assert shown[:len(cards)] == list(cards["short_label"])
    assert shown[:2] == ["ANIS 1.0", "ANIS 2.0"]
    labels = [m.label for m in at.metric]
    assert len(labels) == 5
    assert at.metric[0].value == str(len(ds.actors))


def test_language_switch_translates_the_page(monkeypatch):
    at = run_app(monkeypatch)
    assert at.title[0].value == "Vue d’ensemble"
    at.sidebar.radio(key="lang").set_value("en").run()
    assert at.title[0].value == "Overview"
    assert at.sidebar.multiselect(key="f_eras").label == "Eras"


def test_shared_filters_come_from_the_url(monkeypatch):
    at = run_app(monkeypatch, era="anis_2", years="2011-2015")
    assert at.sidebar.multiselect(key="f_eras").value == ["anis_2"]
    assert at.sidebar.slider(key="f_years").value == (2011, 2015)
    ds = load_dataset()
    shown = filter_events(ds.events, SharedFilters(eras=("anis_2",), years=(2011, 2015)))
    assert 0 < len(shown) < len(ds.events)
    line = t("overview.filtered", "fr", events=len(shown))  # "with the shared filters: N"
    assert line in [c.value for c in at.caption]


def test_reset_clears_the_shared_filters(monkeypatch):
    at = run_app(monkeypatch, era="anis_2")
    at.sidebar.button[0].click().run()
    assert at.sidebar.multiselect(key="f_eras").value == []


def test_another_package_gets_the_same_dashboard(monkeypatch):
    from tests.conftest import JARDINS

    at = run_app(monkeypatch, data=JARDINS, lang="en")
    assert not at.exception and not at.error
    assert [s.value for s in at.subheader][:5] == ["Sowing", "Roots", "Fallow", "Network",
                                                   "Commons"]


def test_invalid_data_shows_a_report_not_a_traceback(monkeypatch, package):
    (package / "eras.csv").write_text("")
    at = run_app(monkeypatch, data=package)
    assert not at.exception
    assert "1" in at.error[0].value
    report = at.dataframe[0].value
    assert list(report.columns)[:3] == ["Fichier", "Ligne", "Colonne"]
    assert "eras.csv" in set(report["Fichier"])


def test_assembly_pack_button_builds_a_zip(monkeypatch):
    from tests.conftest import JARDINS

    def pack_buttons(at):
        return [b for b in at.get("download_button")
                if b.proto.label.startswith("Télécharger le dossier")]

    at = run_app(monkeypatch, data=JARDINS)
    assert pack_buttons(at) == []
    at.button(key="pack_build").click().run(timeout=300)  # every chart and the animation
    assert not at.exception
    assert len(pack_buttons(at)) == 1  # the zip is offered once built
