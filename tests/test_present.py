"""The presentation deck, its page, the chart registry and the export command."""

import io
import zipfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from anis_viz import charts, slides, style, views
from anis_viz.__main__ import main

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")


def test_query():
    assert slides.query("era=anis_1&lanes=kind") == {"era": "anis_1", "lanes": "kind"}
    assert slides.query("") == {}


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
        built = views.build(views.of(slide.page, slide.view, ds), ds, "fr", template=style.PRESENT_TEMPLATE)
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


def without_deck(ds):
    from dataclasses import replace

    return replace(ds, tables={k: v for k, v in ds.tables.items() if k != "presentation"})


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_package_without_a_deck_gets_one_from_its_data(jardins, lang):
    ds = without_deck(jardins)
    deck = slides.deck(ds, lang)
    eras = ds.eras.sort_values("start_date")
    assert deck[0].kind == "title" and deck[0].title == ds.title_in(lang)
    era_slides = [s for s in deck if s.kind == "era"]
    labels = list(eras["label_en" if lang == "en" else "label"])
    assert [s.title for s in era_slides] == labels  # every era, in order, in its own words
    assert [s.quote for s in era_slides] == list(eras["quote"])
    assert deck[-1].page == "themes" and deck[-1].view == {"chart": "flow"}
    assert [s.number for s in deck] == list(range(1, len(deck) + 1))
    # "jachere" has no event, nobody joins and no theme rises in it: its era slide only
    after_fallow = deck[deck.index(next(s for s in era_slides if "jach" in s.title.lower()
                                        or "fallow" in s.title.lower())) + 1]
    assert after_fallow.kind == "era"
    for slide in deck:
        if slide.kind == "chart":
            assert views.build(views.of(slide.page, slide.view, ds), ds, lang, template=style.PRESENT_TEMPLATE)


def test_who_joined_and_which_themes_rose_come_from_the_data(jardins):
    joined = slides.joined_by_era(jardins)
    assert set(joined["racines"]) == {"paul", "voisins"}
    assert not joined["jachere"]
    risen = slides.rising_themes(jardins)
    assert risen["semis"] == ["jardinage"] and risen["racines"] == ["voisinage"]
    assert "jardinage" in risen["reseau"]  # none in the fallow era, one again after it


def test_slide_charts_use_projector_type_scaled_to_the_screen(anis):
    deck = slides.deck(anis, "fr")
    figure = views.build(views.of(deck[1].page, deck[1].view, anis), anis, "fr", template=style.PRESENT_TEMPLATE)[0].figure
    sizes = []

    def collect(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key.endswith("font") and isinstance(value, dict) and \
                        isinstance(value.get("size"), int | float):
                    sizes.append(value["size"])
                collect(value)
        elif isinstance(node, list):
            for item in node:
                collect(item)

    big = charts.slide_figure(figure, height=800, scale=1.0).to_dict()
    collect(big)
    assert min(sizes) >= style.SLIDE_MIN_FONT and big["layout"]["height"] == 800
    sizes.clear()
    collect(charts.slide_figure(figure, height=500, scale=2 / 3).to_dict())
    assert min(sizes) >= style.SLIDE_MIN_FONT * 2 / 3 - 0.1
    assert max(sizes) < 40


def test_the_chart_takes_the_height_the_title_leaves():
    full = slides.chart_height("Titre", 1, "", (1920, 1080))
    small = slides.chart_height("Titre", 1, "", (1280, 720))
    assert 800 < full < 1080 and 500 < small < 720
    assert slides.chart_height("Titre " * 40, 1, "", (1280, 720)) < small  # two lines
    assert slides.chart_height("Titre", 1, "Des notes.", (1280, 720)) < small
    assert slides.chart_height("Titre", 2, "", (1280, 720)) < small / 2 + 10


def test_the_rise_chart_sets_an_era_beside_the_one_before(jardins):
    (chart,) = views.build(views.of("themes", {"chart": "rise", "era": "racines"}, jardins), jardins, "en")
    assert [trace.name for trace in chart.figure.data] == ["Sowing", "Roots"]  # before, now
    assert list(chart.figure.data[1].y) == ["Neighbourhood"] and chart.figure.data[1].x == (1,)
    assert chart.data["before"].tolist() == [0] and "Neighbourhood (0 → 1)" in chart.alt
    (first,) = views.build(views.of("themes", {"chart": "rise", "era": "semis"}, jardins), jardins, "fr")
    assert len(first.figure.data) == 1 and not first.figure.layout.showlegend  # nothing before
    (none,) = views.build(views.of("themes", {"chart": "rise", "era": "jachere"}, jardins), jardins, "fr")
    assert not none.figure.data and "Jachère" in none.alt


def _labels(figure) -> dict:
    return {(i, j): (text, trace.textposition[j]) for i, trace in enumerate(figure.data)
            if "text" in (getattr(trace, "mode", None) or "") and not isinstance(trace.text, str | None)
            for j, text in enumerate(trace.text) if text}


def test_slide_labels_are_placed_again_for_the_size_they_are_drawn_at():
    """A crowded chart: the names that would meet on a short slide are moved around their
    mark or left to the hover box; on a tall one every name stays where it was."""
    import plotly.graph_objects as go

    names = [f"Acteur numéro {n}" for n in range(6)]
    figure = go.Figure(go.Scatter(
        x=[0, 0.05, 0.1, 0.15, 0.2, 0.25], y=[0, 0.02, 0.04, 0.06, 0.08, 0.1],
        mode="markers+text", text=names, textposition=["middle right"] * 6,
        marker=dict(size=[30, 25, 20, 15, 12, 10]), textfont=dict(size=12)))
    figure.update_layout(xaxis=dict(range=[-1, 1]), yaxis=dict(range=[-1, 1]),
                         margin=dict(l=10, r=10, t=10, b=10))
    tall = _labels(charts.slide_figure(figure, height=6000, scale=1.0, width=1800))
    assert tall == _labels(figure)  # room: nothing moves
    short = charts.slide_figure(figure, height=300, scale=2 / 3, width=600)
    kept = _labels(short)
    assert 0 < len(kept) < 6 and (0, 0) in kept  # the largest mark keeps its name
    spec = short.to_dict()  # what is written meets nothing: fitting again keeps it all
    charts.fit_labels(spec, width=600, height=300, base_font=20 * 2 / 3)
    assert _labels(go.Figure(spec)) == kept


def test_every_event_of_an_era_keeps_its_title_on_a_slide(anis):
    for era in anis.eras["era_id"]:
        figure = views.build(views.of("timeline", {"zoom": era, "era": era}, anis), anis, "fr", template=style.PRESENT_TEMPLATE)[0].figure
        for height, scale in ((540, 2 / 3), (810, 1.0)):
            slide = charts.slide_figure(figure, height=height, scale=scale,
                                        width=int(1920 * scale - 80 * scale))
            assert _labels(slide) == _labels(figure), era


def test_legend_entries_widen_with_their_text_on_a_slide(anis):
    figure = views.build(views.of("network", {"era": "anis_1"}, anis), anis, "en", template=style.PRESENT_TEMPLATE)[0].figure
    width = figure.layout.legend.entrywidth
    slide = charts.slide_figure(figure, height=800, scale=1.0)
    assert slide.layout.legend.entrywidth == round(width * style.SLIDE_FONT_SCALE)
