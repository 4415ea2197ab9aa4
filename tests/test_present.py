"""The presentation deck, its page, the chart registry and the export command."""

import io
import zipfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from anis_viz import charts, slides, style
from anis_viz.__main__ import main

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")


def test_parse_view():
    assert slides.parse_view("era=anis_1&lanes=kind") == {"era": "anis_1", "lanes": "kind"}
    assert slides.parse_view("") == {}


def test_deck_reads_titles_and_notes_in_both_languages(jardins):
    french, english = slides.deck(jardins, "fr"), slides.deck(jardins, "en")
    assert [s.number for s in french] == [1, 2]
    assert french[0].title == "Les Jardins Partagés en un coup d’œil"
    assert english[0].title == "The Shared Gardens at a glance"
    assert english[1].notes == ""  # no notes: nothing invented
    assert slides.clamp(99, french) == 1 and slides.clamp(0, french) == 0


@pytest.mark.parametrize("package", ["anis", "jardins"])
def test_every_slide_of_the_deck_builds(request, package):
    ds = request.getfixturevalue(package)
    deck = slides.deck(ds, "fr")
    assert 1 <= len(deck) <= 12
    for slide in deck:
        built = charts.build(slide.page, ds, "fr", slide.view, template=style.PRESENT_TEMPLATE)
        assert built, slide
        for chart in built:
            assert chart.figure.data and chart.alt and chart.title
            assert chart.figure.layout.template.layout.font.size >= 18


def test_anis_deck_tells_the_story(anis):
    deck = slides.deck(anis, "fr")
    assert 6 <= len(deck) <= 10
    assert {s.page for s in deck} >= {"timeline", "network", "themes"}


def at_slide(monkeypatch, data, **params):
    monkeypatch.setenv("ANIS_VIZ_DATA", str(data))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(params)
    at.run()
    return at.switch_page("pages/present.py").run()


def test_presentation_page_steps_through_slides(monkeypatch):
    from tests.conftest import JARDINS

    at = at_slide(monkeypatch, JARDINS, lang="en")
    assert not at.exception
    assert at.title[0].value == "The Shared Gardens at a glance"
    assert "Slide **1** of 2" in at.markdown[0].value
    at.button[1].click().run()  # next
    assert at.title[0].value == "Who keeps the gardens alive\\?"  # escaped: shown as typed
    assert at.button[1].disabled  # the last slide: no next
    at.toggle[0].set_value(True).run()
    assert not at.info  # slide 2 has no notes


def test_presenter_notes_show_on_demand(monkeypatch):
    from tests.conftest import JARDINS

    at = at_slide(monkeypatch, JARDINS)
    assert not at.info
    at.toggle[0].set_value(True).run()
    assert at.info[0].value == "Présenter les cinq périodes\\."  # escaped: shown as typed


def test_cli_export_writes_a_complete_pack(tmp_path, capsys):
    from tests.conftest import JARDINS

    assert main(["export", "--out", str(tmp_path), "--data", str(JARDINS), "--lang", "en"]) == 0
    pack = tmp_path / "jardins_assembly_en.zip"
    names = zipfile.ZipFile(io.BytesIO(pack.read_bytes())).namelist()
    assert "README.txt" in names and "jardins_report_en.pdf" in names
    assert any(n.startswith("png/") for n in names) and any(n.startswith("svg/") for n in names)
    assert main(["export", "--out", str(tmp_path), "--data", str(JARDINS), "--lang", "en"]) == 1
    assert "--force" in capsys.readouterr().out  # nothing is overwritten silently
