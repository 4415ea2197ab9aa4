"""Data text is always text: the Markdown escaper, the Plotly escaper (applied once), and
every chart of a poisoned package carries no markup the data made."""

import json
import re
from pathlib import Path

import pytest

from anis_viz import text, views
from anis_viz.data import load_dataset
from tests.payloads import MARKERS, PAYLOAD, PAYLOADS, poisoned_package

ROOT = Path(__file__).resolve().parents[1]
# Raw markup from the payloads; escaped once it reads "&lt;b&gt;", never "&amp;lt;".
RAW_TAG = re.compile(r"<(?:b>HB|a href=\"http://127|img |script>window)")
TWICE = re.compile(r"&amp;(?:lt|gt|amp|quot|#)|&quot;|&#x27;")


PACKAGES = {"jardins": ROOT / "tests" / "fixtures" / "jardins", "anis": ROOT / "data" / "anis"}


@pytest.fixture(scope="module", params=sorted(PACKAGES))
def poisoned(request, tmp_path_factory):
    folder = poisoned_package(PACKAGES[request.param],
                              tmp_path_factory.mktemp("poison") / request.param)
    return load_dataset(folder)


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_markdown_escaper_leaves_no_markup(name):
    escaped = text.md(PAYLOADS[name])
    # every punctuation mark is backslash-escaped, and no raw angle bracket is left
    assert "<" not in escaped and ">" not in escaped
    assert not re.search(r"(?<!\\)[*$\[\]()!:`_]", escaped)


def test_markdown_escaper_keeps_plain_words_and_breaks_no_line_structure():
    assert text.md("Jardins Partagés 1998") == "Jardins Partagés 1998"
    assert text.md("a\n    # b\n- c") == "a \\# b \\- c"
    assert text.md(None) == "" and text.md(2026) == "2026"


def test_plotly_escaper_escapes_once_and_leaves_quotes():
    assert text.plotly('<b>"x" & y</b>') == '&lt;b&gt;"x" &amp; y&lt;/b&gt;'
    assert text.plotly("&lt;") == "&amp;lt;"  # data that looks escaped is shown as typed


def _strings(node, path=""):
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, f"{path}[{index}]")


def _views():
    yield "overview", {}
    yield "timeline", {}
    yield "timeline", {"lanes": "actor"}
    yield "network", {}
    yield "network", {"actor": "marie"}
    for chart in ("heatmap", "area", "bump", "flow", "meetings", "actors"):
        yield "themes", {"chart": chart}
    yield "themes", {"chart": "heatmap", "by": "year"}
    yield "themes", {"chart": "area", "group": "theme"}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("page, view", list(_views()))
def test_every_chart_string_is_escaped_exactly_once(poisoned, page, view, lang):
    for chart in views.build(views.of(page, view, poisoned), poisoned, lang):
        spec = json.loads(chart.figure.to_json())
        spec.pop("layout", {}).pop("template", None)
        found = [(p, s[:90]) for p, s in _strings(spec) if RAW_TAG.search(s)]
        twice = [(p, s[:90]) for p, s in _strings(spec) if TWICE.search(s)]
        assert not found, f"raw data markup in {page} {view}: {found[:5]}"
        assert not twice, f"data escaped twice in {page} {view}: {twice[:5]}"
        if not chart.data.empty:  # the data did reach the chart: the test would see a leak
            assert any("&lt;b&gt;HB" in s for _p, s in _strings(spec)), (page, view)


def test_payload_markers_are_distinct():
    assert all(m in PAYLOAD for m in MARKERS)


def test_exported_html_and_svg_carry_no_data_markup(poisoned):
    from anis_viz import export

    chart = views.build(views.of("overview", ds=poisoned), poisoned, "fr")[0]
    mark = export.stamp(poisoned, "fr")
    assert PAYLOADS["html_bold"] in mark.source  # the stamp quotes the poisoned source
    page = export.html_page(chart, mark).decode()
    image = export.svg(chart, mark).decode()
    for document in (page, image):
        assert not RAW_TAG.search(document), RAW_TAG.search(document)
        assert "<img src=\"http" not in document
    assert "&amp;lt;b" not in image and "&amp;quot;" not in image
