"""The history as a static web site, for any web server or CDN and any number of readers.

    python -m anis_viz publish --out site/ [--data PATH] [--force]

It writes, in French and in English:

- one page per dashboard page with its charts, interactive (the same figures, template,
  titles, text alternatives and quotes as the exports), plotly.js loaded once for the whole
  site from ``plotly.min.js``;
- one page per event and per actor (the cards);
- the downloads: each chart's CSV, each table of the data package, the package as a zip;
- an index per language, and a home page linking both.

Every link is relative and nothing is fetched from elsewhere: the folder works from a
file server, a sub-folder of the association's site, or opened from a disk.
"""

from __future__ import annotations

import html
import io
import shutil
import zipfile
from pathlib import Path

from plotly.offline import get_plotlyjs

from anis_viz import export, network, network_card, style, timeline, views
from anis_viz.data import Dataset
from anis_viz.i18n import LANGS, t

__all__ = ["publish"]

PLOTLY = "plotly.min.js"
CSS = "style.css"
ICON = "favicon.png"
FAVICON = Path(__file__).resolve().parent.parent / "assets" / "favicon.png"
_EXTRA_CSS = (".nav{font-size:.95rem;margin-bottom:1.5rem}.nav a{margin-right:1rem}"
              "table{border-collapse:collapse;margin:.5rem 0}td,th{border-bottom:1px solid #ddd;"
              "padding:.25rem .6rem;text-align:left;vertical-align:top}"
              "blockquote{border-left:4px solid #ccc;margin:1rem 0;padding:.2rem 1rem}"
              "ul.cols{columns:2;padding-left:1.2rem}a{color:" + style.INK + "}"
              "dt{font-weight:600}dd{margin:0 0 .5rem 0}")


def _e(value) -> str:
    return html.escape("" if value is None else str(value))


def _page(title: str, body: str, lang: str, depth: int, nav: str = "",
          plotly: bool = False) -> bytes:
    up = "../" * depth
    script = f'<script src="{up}{PLOTLY}"></script>' if plotly else ""
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{_e(title)}</title><link rel="icon" href="{up}{ICON}">'
            f'<link rel="stylesheet" href="{up}{CSS}">{script}'
            f'</head><body><nav class="nav">{nav}</nav><main>{body}</main></body></html>'
            ).encode()


def _nav(lang: str, depth: int, st: export.Stamp, same: str = "index.html") -> str:
    """Home of the language, and ``same`` page in the other language."""
    up = "../" * depth
    other = "en" if lang == "fr" else "fr"
    return (f'<a href="{up}{lang}/index.html">{_e(st.title)}</a>'
            f'<a href="{up}{other}/{same}" hreflang="{other}" lang="{other}">'
            f'{_e(t("publish.other_lang", other))}</a>')


def _other(lang: str) -> str:
    return "en" if lang == "fr" else "fr"


def _table(frame) -> str:
    if frame is None or frame.empty:
        return ""
    return frame.to_html(index=False, escape=True, border=0, na_rep="")


class _Site:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.files: list[str] = []

    def write(self, relative: str, data: bytes) -> None:
        target = self.out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.files.append(relative)


def _page_slug(page: str, lang: str) -> str:
    return export._slug(t(f"page.{page}.title", lang))


def _language(site: _Site, ds: Dataset, lang: str) -> None:
    st = export.stamp(ds, lang)
    graph = network.build_graph(ds)
    nav = _nav(lang, 1, st)
    sections = []

    # the pages and their charts
    items = []
    for page, view in views.PAGES.items():
        built = views.build(view.everything(), ds, lang)
        if not built:
            continue
        title = t(f"page.{page}.title", lang)
        slug = _page_slug(page, lang)
        blocks, links = [], []
        for chart in built:
            name = export.file_name(st, chart, "csv")
            site.write(f"{lang}/data/{name}", export.csv_bytes(chart.data))
            links.append(f'<li><a href="data/{_e(name)}" download>{_e(chart.title)} '
                         f'(CSV)</a></li>')
            blocks.append(export._figure_block(chart, st, len(blocks)))
        body = (f"<h1>{_e(title)}</h1>" + "".join(blocks)
                + f"<h2>{_e(t('publish.chart_data', lang))}</h2><ul>{''.join(links)}</ul>")
        other = _page_slug(page, _other(lang))
        site.write(f"{lang}/{slug}.html", _page(f"{title} — {st.title}", body, lang, 1,
                                                _nav(lang, 1, st, f"{other}.html"),
                                                plotly=True))
        items.append(f'<li><a href="{slug}.html">{_e(title)}</a> — '
                     f'{_e(", ".join(c.title for c in built))}</li>')
    sections.append(f"<h2>{_e(t('publish.charts', lang))}</h2><ul>{''.join(items)}</ul>")

    # the event cards
    table = timeline.event_table(ds, lang)
    names = {a: network.name_of(graph, a, lang) for a in graph.nodes}
    event_items = []
    for event_id in table["event_id"]:
        card = timeline.event_card(ds, event_id, lang)
        if card is None:
            continue
        actors = "".join(
            f'<li><a href="../{t("publish.actors_dir", lang)}/{_e(export._slug(a))}.html">'
            f"{_e(n)}</a></li>" if a in graph else f"<li>{_e(n)}</li>"
            for a, n in card["actors"]) or f"<li>{_e(t('timeline.card.none', lang))}</li>"
        facts = "".join(f"<dt>{_e(t(key, lang))}</dt><dd>{_e(card[field])}</dd>"
                        for key, field in (("publish.date", "date"), ("publish.era", "era"),
                                           ("publish.category", "category"))
                        if card.get(field))
        body = (f"<h1>{_e(card['title'])}</h1><dl>{facts}</dl>"
                f"<h2>{_e(t('timeline.card.description', lang))}</h2>"
                f"<p>{_e(card['description'])}</p>"
                f"<h2>{_e(t('timeline.card.actors', lang))}</h2><ul>{actors}</ul>"
                f"<h2>{_e(t('timeline.card.quote', lang))}</h2>"
                f"<blockquote>« {_e(card['quote'])} »</blockquote>"
                f"<p class=sec>{_e(card['section'])}</p><p class=src>{_e(st.source)}</p>")
        name = f"{export._slug(event_id)}.html"
        page = f"{t('publish.events_dir', lang)}/{name}"
        same = f"{t('publish.events_dir', _other(lang))}/{name}"
        site.write(f"{lang}/{page}", _page(card["title"], body, lang, 2,
                                           _nav(lang, 2, st, same)))
        event_items.append(f'<li><a href="{page}">{_e(card["date"])} — '
                           f'{_e(card["title"])}</a></li>')
    sections.append(f"<h2>{_e(t('publish.events', lang))}</h2><ul>{''.join(event_items)}</ul>")

    # the actor cards
    actor_items = []
    for actor in sorted(graph.nodes, key=lambda a: names[a].casefold()):
        if graph.nodes[actor].get("kind") == "event":
            continue
        card = network_card.actor_card(ds, graph, actor, lang)
        body = (f"<h1>{_e(card['name'])}</h1><p>{_e(card['kind'])}</p>"
                f"<p>{_e(card['description'])}</p>"
                + (f"<h2>{_e(t('network.card.quote', lang))}</h2>"
                   f"<blockquote>« {_e(card['quote'])} »</blockquote>"
                   f"<p class=sec>§ {_e(card['section'])}</p>" if card.get("quote") else "")
                + f"<h2>{_e(t('network.card.ties', lang))}</h2>"
                + (_table(card["ties"]) or f"<p>{_e(t('network.card.none', lang))}</p>")
                + f"<h2>{_e(t('network.card.events', lang))}</h2>"
                + (_table(card["events"]) or f"<p>{_e(t('network.card.none', lang))}</p>")
                + f"<p class=src>{_e(st.source)}</p>")
        name = f"{export._slug(actor)}.html"
        page = f"{t('publish.actors_dir', lang)}/{name}"
        same = f"{t('publish.actors_dir', _other(lang))}/{name}"
        site.write(f"{lang}/{page}", _page(card["name"], body, lang, 2,
                                           _nav(lang, 2, st, same)))
        actor_items.append(f'<li><a href="{page}">{_e(card["name"])}</a></li>')
    sections.append(f"<h2>{_e(t('publish.actors', lang))}</h2>"
                    f"<ul class=cols>{''.join(actor_items)}</ul>")

    # downloads (shared by both languages, in ../downloads/)
    downloads = [f'<li><a href="../downloads/{_e(_zip_name(st))}" download>'
                 f"{_e(t('publish.package', lang))}</a></li>"]
    downloads += [f'<li><a href="../downloads/{_e(name)}" download>{_e(name)}</a></li>'
                  for name in _data_files(ds)]
    sections.append(f"<h2>{_e(t('publish.downloads', lang))}</h2><ul>{''.join(downloads)}</ul>")

    body = (f"<h1>{_e(st.title)}</h1><p class=src>{_e(st.source)} — {_e(st.made)}</p>"
            + "".join(sections))
    site.write(f"{lang}/index.html", _page(st.title, body, lang, 1, nav))


def _data_files(ds: Dataset) -> list[str]:
    names = [str(res.get("path") or f"{res.get('name')}.csv")
             for res in ds.descriptor.get("resources", [])]
    return [n for n in names if n in ds.files] + ["datapackage.json"]


def _zip_name(st: export.Stamp) -> str:
    return f"{st.prefix}_datapackage.zip"


def publish(ds: Dataset, out: Path | str) -> list[str]:
    """Write the site into ``out`` (created; an existing site there is replaced file by
    file); return the files written, relative to ``out``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    site = _Site(out)
    site.write(PLOTLY, get_plotlyjs().encode())
    site.write(CSS, (export._CSS + _EXTRA_CSS).encode())
    if FAVICON.exists():
        site.write(ICON, FAVICON.read_bytes())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as pack:
        for name in _data_files(ds):
            pack.writestr(name, ds.files[name])
            site.write(f"downloads/{name}", ds.files[name])
    site.write(f"downloads/{_zip_name(export.stamp(ds))}", buffer.getvalue())
    for lang in LANGS:
        _language(site, ds, lang)
    links = "".join(
        f'<li lang="{lang}"><a href="{lang}/index.html" hreflang="{lang}">'
        f'{_e(ds.title_in(lang))} — {_e(t("publish.language", lang))}</a></li>'
        for lang in LANGS)
    site.write("index.html", _page(ds.title_in("fr"), f"<h1>{_e(ds.title_in('fr'))}</h1>"
                                   f"<ul>{links}</ul>", "fr", 0))
    return site.files


def clear(out: Path) -> None:
    """Remove a site written earlier (only the files :func:`publish` writes)."""
    for name in (PLOTLY, CSS, ICON, "index.html"):
        (out / name).unlink(missing_ok=True)
    for folder in ("downloads", *LANGS):
        shutil.rmtree(out / folder, ignore_errors=True)
