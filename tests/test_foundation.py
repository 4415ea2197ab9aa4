"""Translation table, style, dates, layering, provenance and the command line."""

import ast
import re
import string
from pathlib import Path

import pytest

from anis_viz import i18n, style
from anis_viz.__main__ import main
from anis_viz.dates import parse_partial, period_end, period_start
from anis_viz.provenance import missing_quotes

ROOT = Path(__file__).resolve().parent.parent
PY_FILES = [*sorted((ROOT / "anis_viz").rglob("*.py")), *sorted((ROOT / "pages").glob("*.py")),
            ROOT / "app.py"]
SOURCE = next(iter(sorted((ROOT.parent / "shared" / "source").glob("000_*.txt"))), None)


# -- translation table --------------------------------------------------------------------

def fields(text):
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_string_has_french_and_english_with_the_same_placeholders():
    assert i18n.LANGS[:2] == ("fr", "en")
    for key, texts in i18n.TRANSLATIONS.items():
        assert len(texts) == len(i18n.LANGS) and all(x.strip() for x in texts), key
        assert all(fields(x) == fields(texts[0]) for x in texts), key


def test_every_key_used_in_the_code_exists():
    used = set()
    for path in PY_FILES:
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr",
                                                                                  None)) == "t"
                    and node.args and isinstance(node.args[0], ast.Constant)
                    and "count" not in {k.arg for k in node.keywords}):  # plurals: their forms
                used.add(node.args[0].value)
    assert used, "the scan found no t() call"
    assert sorted(used - set(i18n.TRANSLATIONS)) == []


def test_dates_read_naturally_in_both_languages():
    assert i18n.format_date("2001-07", "month", "fr") == "juillet 2001"
    assert i18n.format_date("2001-07", "month", "en") == "July 2001"
    assert i18n.format_date("2005", "approximate", "fr") == "vers 2005"
    assert i18n.format_date("2005", "approximate", "en") == "c. 2005"
    assert i18n.format_date("2005", "approximate", "en", end="2011") == "c. 2005 – 2011"
    assert i18n.format_date("2010-06-01", "day", "fr") == "1er juin 2010"
    assert i18n.format_span("2017", "", "fr") == "depuis 2017"


def test_pick_falls_back_to_french_when_english_is_empty():
    import pandas as pd

    frame = pd.DataFrame({"label": ["Lieu", "Projet"], "label_en": ["Place", ""]})
    assert list(i18n.pick(frame, "label", "en")) == ["Place", "Projet"]
    assert list(i18n.pick(frame, "label", "fr")) == ["Lieu", "Projet"]


# -- dates --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, parts", [("2001", (2001, None, None)), ("2001-07", (2001, 7, None)),
                                         ("2012-02-29", (2012, 2, 29)), ("2011-02-29", None),
                                         ("2001-7", None), ("vers 2005", None), ("", None)])
def test_parse_partial(text, parts):
    assert parse_partial(text) == parts


def test_periods():
    assert str(period_start("2011-06").date()) == "2011-06-01"
    assert str(period_end("2011").date()) == "2011-12-31"


# -- style --------------------------------------------------------------------------------

@pytest.mark.parametrize("palette", [style.CATEGORICAL, style.ERA_PALETTE])
def test_palettes_keep_3_to_1_contrast_on_the_background(palette):
    assert all(style.contrast_ratio(c) >= 3.0 for c in palette), palette


def test_palettes_have_distinct_colours():
    assert len(set(style.CATEGORICAL)) == len(style.CATEGORICAL)
    assert len(set(style.ERA_PALETTE)) == len(style.ERA_PALETTE)


def test_style_assignment_is_stable_and_data_driven():
    kinds = style.kind_styles(["project", "person", "zeppelin"])
    assert kinds == style.kind_styles(["zeppelin", "person", "project"])
    assert kinds["person"] == (style.CATEGORICAL[0], "circle")
    assert len({v for v in kinds.values()}) == 3
    assert list(style.era_colours(["b", "a"])) == ["b", "a"]


def test_templates_are_registered():
    import plotly.io as pio

    assert {style.TEMPLATE, style.PRESENT_TEMPLATE} <= set(pio.templates)
    present = pio.templates[style.PRESENT_TEMPLATE].layout
    assert present.title.font.size >= 32 and present.font.size >= 18


# -- layering -----------------------------------------------------------------------------

def imports(path):
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _streamlit_use(path) -> set[str]:
    return {n for n in imports(path) if n.split(".")[0] == "streamlit"}


def test_only_the_ui_layer_imports_streamlit():
    """The UI (ui.py, serve.py) uses Streamlit; the load test only reads its wire messages
    (``streamlit.proto``), never its widgets or runtime."""
    offenders = [p.relative_to(ROOT) for p in (ROOT / "anis_viz").rglob("*.py")
                 if p.name not in ("ui.py", "serve.py") and _streamlit_use(p)
                 and not (p.name == "loadtest.py"
                          and all(n.startswith("streamlit.proto") for n in _streamlit_use(p)))]
    assert offenders == []


def test_figure_builders_import_no_translation_nor_data_loading():
    for path in (ROOT / "anis_viz" / "figures").glob("*.py"):
        names = imports(path)
        assert "anis_viz.i18n" not in names and "anis_viz.data" not in names, path.name
        assert not re.search(r"\bfrom anis_viz import [^\n]*\bi18n\b", path.read_text()), path


def test_no_package_module_imports_a_page():
    for path in (ROOT / "anis_viz").rglob("*.py"):
        assert not any(n.startswith("pages") for n in imports(path)), path


# -- provenance ---------------------------------------------------------------------------

@pytest.mark.skipif(SOURCE is None, reason="the source text (../shared/source) is not beside "
                                           "this clone")
def test_every_quote_stands_verbatim_in_the_source(anis):
    missing = missing_quotes(anis, SOURCE.read_text(encoding="utf-8"))
    assert missing.empty, missing.head(10).to_string()


def test_quote_check_catches_an_invented_quote(jardins):
    assert len(missing_quotes(jardins, "Un premier jardin ouvre en 1994.")) > 0


# -- command line -------------------------------------------------------------------------

def test_cli_validate_prints_counts(capsys):
    assert main(["validate", str(ROOT / "data" / "anis")]) == 0
    out = capsys.readouterr().out
    assert "actors.csv" in out and "relations.csv" in out


def test_cli_validate_reports_problems(package, capsys):
    (package / "eras.csv").write_text("")
    assert main(["validate", str(package), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "eras.csv" in out and "Empty file" in out


def test_frictionless_accepts_the_descriptor():
    """The package is a standard Frictionless Data Package, not only ours."""
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(ROOT / "data" / "anis" / "datapackage.json"))
    errors = [e.message for task in report.tasks for e in task.errors] + [
        e.message for e in report.errors]
    assert report.valid, errors[:5]
