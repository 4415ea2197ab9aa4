"""Exports: file signatures, embedded text alternative and source line, safe CSV, the pack."""

import datetime as dt
import io
import re
import zipfile

import pandas as pd
import plotly.graph_objects as go
import pytest

from anis_viz import export, overview
from anis_viz.figures.overview import kinds_bar

TODAY = dt.date(2026, 11, 25)
EXTERNAL_SCRIPT = re.compile(r"<script[^>]*\bsrc\s*=", re.IGNORECASE)


@pytest.fixture(scope="module")
def chart(jardins):
    counts = overview.actors_by_kind(jardins, "fr")
    return export.Chart(slug="acteurs_par_type", data=counts[["kind", "label", "count"]],
                        figure=kinds_bar(counts, title="Acteurs par type", x_title="Nombre"),
                        title="Acteurs par type", subtitle="Toutes les périodes",
                        alt=overview.kinds_alt(counts, "fr"), span="1994-2015",
                        quotes=jardins.actors[["quote", "section_id"]])


@pytest.fixture(scope="module")
def stamp(jardins):
    return export.stamp(jardins, "fr", today=TODAY)


def test_stamp_cites_source_version_and_date(stamp):
    assert "Équipe anis-viz" in stamp.source and "tests 2026" in stamp.source
    assert "v0.1.0" in stamp.source
    assert stamp.made == "Produit le 25 novembre 2026"


def test_file_name_says_what_is_inside(stamp, chart):
    assert export.file_name(stamp, chart, "png") == "jardins_acteurs_par_type_1994-2015_fr.png"


def test_decorated_figure_carries_title_filters_source_and_date(stamp, chart):
    fig = export.decorated(chart, stamp)
    assert fig.layout.title.text == "Acteurs par type"
    assert fig.layout.title.subtitle.text == "Toutes les périodes"
    footer = fig.layout.annotations[-1].text
    assert "v0.1.0" in footer and "25 novembre 2026" in footer
    assert fig.layout.template.layout.font.family.startswith("Liberation Sans")


def test_decorated_figure_escapes_data_text(stamp, chart):
    nasty = export.Chart(slug="x", figure=chart.figure, data=chart.data,
                         title="<b>Ana</b>", subtitle="<script>x</script>")
    fig = export.decorated(nasty, stamp)
    assert fig.layout.title.text == "&lt;b&gt;Ana&lt;/b&gt;"
    assert "<script>" not in fig.layout.title.subtitle.text


def test_png_svg_pdf_signatures_and_alt_text(stamp, chart):
    assert export.png(chart, stamp).startswith(b"\x89PNG\r\n\x1a\n")
    svg = export.svg(chart, stamp).decode()
    assert svg.lstrip().startswith("<svg")
    assert "<title>Acteurs par type</title>" in svg
    assert f"<desc>{chart.alt}</desc>" in svg.replace("&#x27;", "'")
    assert "v0.1.0" in svg  # the source line is drawn into the image
    assert export.pdf(chart, stamp).startswith(b"%PDF")


def test_html_is_offline_and_labelled(stamp, chart):
    page = export.html_page(chart, stamp).decode()
    assert 'aria-label="Diagramme en barres' in page
    assert '<html lang="fr">' in page
    assert not EXTERNAL_SCRIPT.search(page)
    assert "Plotly.newPlot" in page


def test_csv_neutralises_formulas():
    frame = pd.DataFrame({"name": ["=1+1", "+33", "-x", "@SUM(A1)", "\tTab", "\rcr", "ok"],
                          "n": [-1, 2, 3, 4, 5, 6, 7]})
    text = export.csv_bytes(frame).decode("utf-8-sig")
    rows = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    assert list(rows["name"][:4]) == ["'=1+1", "'+33", "'-x", "'@SUM(A1)"]
    assert rows["name"][4].startswith("'") and rows["name"][6] == "ok"
    assert list(rows["n"][:1]) == ["-1"]  # numbers are not text: left alone


def test_report_embeds_plotly_once_with_every_chart(stamp, chart):
    page = export.report_html([chart, chart], stamp).decode()
    assert page.count("Plotly.newPlot") == 2
    assert page.count("plotly.js v") <= 2  # the library's own banner, once
    assert not EXTERNAL_SCRIPT.search(page)
    assert page.count("<figcaption>") == 2
    assert "Marie Durand fonde le premier jardin." in page  # quotes with their sections
    assert "§ A" in page


def test_pdf_book_has_one_page_per_chart(stamp, chart):
    from pypdf import PdfReader

    book = export.pdf_book([chart, chart, chart], stamp)
    assert len(PdfReader(io.BytesIO(book)).pages) == 3


def test_assembly_pack_is_complete(jardins, stamp, chart):
    steps = []
    pack = export.assembly_pack(jardins, [chart], stamp, progress=lambda f, m: steps.append(f))
    names = set(zipfile.ZipFile(io.BytesIO(pack)).namelist())
    assert {"png/jardins_acteurs_par_type_1994-2015_fr.png",
            "svg/jardins_acteurs_par_type_1994-2015_fr.svg", "jardins_rapport_fr.pdf",
            "jardins_rapport_fr.html", "LISEZMOI.txt", "donnees/datapackage.json",
            "donnees/actors.csv", "donnees/theme_mentions.csv"} <= names
    assert steps[-1] == 1.0 and steps == sorted(steps)


def _sizes(layout: dict, path: str = "") -> dict[str, float]:
    out = {}
    for key, value in layout.items():
        if isinstance(value, dict):
            out |= _sizes(value, f"{path}.{key}")
        elif key == "size":
            out[path] = value
    return out


def test_projector_template_enlarges_every_font_size():
    import plotly.io as pio

    screen = _sizes(pio.templates["anis"].layout.to_plotly_json())
    present = _sizes(pio.templates["anis_present"].layout.to_plotly_json())
    assert set(screen) == set(present) and len(screen) >= 5  # the same fonts are sized
    assert all(present[p] > screen[p] for p in screen), (screen, present)
    assert present[".title.font"] >= 32  # projector titles
    assert min(present.values()) >= 18  # projector labels
    fig = go.Figure(go.Bar(x=[1], y=[1]))
    fig.update_layout(template="anis_present")
    assert fig.layout.template.layout.font.size == present[".font"]


def test_batch_images_through_plotly_public_api():
    figs = [go.Figure(go.Bar(x=[1, 2], y=[3, 4])), go.Figure(go.Scatter(x=[1], y=[1]))]
    png, svg = export._images([(figs[0], "png", 2), (figs[1], "svg", 1)])
    assert png.startswith(b"\x89PNG")
    assert int.from_bytes(png[16:20], "big") == 2 * export.WIDTH  # width at scale 2
    assert b"<svg" in svg[:400]
