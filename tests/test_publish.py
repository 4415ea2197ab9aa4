"""The static site (``python -m anis_viz publish``): what it holds, that every link
resolves, and that plotly.js is there once."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from anis_viz import publish, timeline, views
from anis_viz.__main__ import main
from anis_viz.i18n import LANGS

HREF = re.compile(r'(?:href|src)="([^"#]+)"')


@pytest.fixture(scope="module")
def site(anis, tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    return out, publish.publish(anis, out)


def _pages(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def test_every_page_and_card_in_both_languages(site, anis):
    out, files = site
    events = set(timeline.event_table(anis, "fr")["event_id"])
    for lang in LANGS:
        index = (out / lang / "index.html").read_text()
        assert f'lang="{lang}"' in index
        for page in views.PAGES:
            built = views.build(views.of(page, ds=anis), anis, lang)
            html = (out / lang / f"{publish._page_slug(page, lang)}.html").read_text()
            # every chart, interactive, with its title and text alternative
            assert html.count('class="plotly-graph-div"') == len(built)
            for chart in built:
                assert f"<h2>{publish._e(chart.title)}</h2>" in html
                assert publish._e(chart.alt) in html
        cards = out / lang / publish.t("publish.events_dir", lang)
        assert {p.stem for p in cards.glob("*.html")} == {publish.export._slug(e)
                                                          for e in events}
        actors = list((out / lang / publish.t("publish.actors_dir", lang)).glob("*.html"))
        assert len(actors) == anis.actors["actor_id"].nunique()
    assert "Les acteurs" in (out / "fr" / "index.html").read_text()
    assert "The actors" in (out / "en" / "index.html").read_text()


def test_plotly_once_and_nothing_from_elsewhere(site):
    out, _ = site
    assert (out / "plotly.min.js").stat().st_size > 1_000_000
    assert len(list(out.rglob("plotly*.js"))) == 1
    for page in _pages(out):
        text = page.read_text()
        assert len(text) < 1_000_000, page  # plotly.js is not inlined
        assert "cdn.plot.ly" not in text
        for link in HREF.findall(text):
            assert not re.match(r"^[a-z]+:", link), (page, link)  # relative links only
            assert (page.parent / link).resolve().is_file(), (page, link)
        if page.parent.name in LANGS and 'class="plotly-graph-div"' in text:
            assert '<script src="../plotly.min.js"></script>' in text


def test_downloads(site, anis):
    out, _ = site
    package = out / "downloads" / "anis_datapackage.zip"
    with zipfile.ZipFile(package) as pack:
        names = set(pack.namelist())
    assert "datapackage.json" in names and "events.csv" in names
    assert (out / "downloads" / "events.csv").read_bytes() == anis.files["events.csv"]
    chart_csvs = list((out / "fr" / "data").glob("*.csv"))
    assert len(chart_csvs) == len(views.standard(anis, "fr"))
    assert all(p.read_bytes().startswith(b"\xef\xbb\xbf") for p in chart_csvs)


def test_the_small_package_publishes_too(jardins, tmp_path):
    files = publish.publish(jardins, tmp_path)
    assert "index.html" in files and "fr/index.html" in files and "en/index.html" in files
    assert sum(f.endswith(".html") and "/evenements/" in f for f in files) == len(
        timeline.event_table(jardins, "fr"))


def test_command_line_refuses_to_overwrite(tmp_path, capsys):
    data = str(Path(__file__).parent / "fixtures" / "jardins")
    assert main(["publish", "--out", str(tmp_path), "--data", data]) == 0
    assert "files" in capsys.readouterr().out
    assert main(["publish", "--out", str(tmp_path), "--data", data]) == 1
    (tmp_path / "fr" / "stale.html").write_text("old")
    assert main(["publish", "--out", str(tmp_path), "--data", data, "--force"]) == 0
    assert not (tmp_path / "fr" / "stale.html").exists()
