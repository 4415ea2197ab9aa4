"""Figures to files: PNG (2×), SVG, PDF, interactive HTML, the CSV behind a chart, and the
offline assembly pack. One module, used by the page buttons and the command line alike.

An exported chart carries its title, a subtitle with the active filters, a source line (the
text, its author, publisher and year, the data package version) and the date it was made;
its text alternative is embedded (SVG ``<title>``/``<desc>``, HTML ``aria-label``, PDF
caption). Exports use the same registered template as the screen.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import html
import io
import re
import tempfile
import textwrap
import unicodedata
import warnings
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

from anis_viz import i18n, style
from anis_viz import text as safe
from anis_viz.chart import Chart
from anis_viz.data import Dataset

__all__ = ["Chart", "Stamp", "stamp", "file_name", "decorated", "png", "svg", "pdf",
           "html_page", "csv_bytes", "report_html", "pdf_book", "assembly_pack", "images"]

WIDTH, HEIGHT = 1600, 900  # 16:9, the shape of a projector and of a slide
_kaleido_started = False


@dataclass(frozen=True)
class Stamp:
    """What every export of one package says about where it comes from."""

    source: str               # "Source : E. Vandamme, « … », Movilab 2017 — données v1.0.0"
    made: str                 # "Produit le 25 novembre 2026"
    prefix: str               # file-name prefix: "anis"
    lang: str
    title: str                # the package's title, for reports


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def stamp(ds: Dataset, lang: str = "fr", today: dt.date | None = None) -> Stamp:
    src = ds.source
    today = today or dt.date.today()
    made = i18n.t("export.made", lang, date=i18n.format_date(today.isoformat(), "day", lang))
    source = i18n.t("export.source", lang, author=src.get("author", ""),
                    title=src.get("title", ds.title), publisher=src.get("publisher", ""),
                    year=src.get("year", ""), version=ds.version or "—")
    prefix = _slug(ds.descriptor.get("name") or ds.path.name).split("-")[0] or "export"
    return Stamp(source=source, made=made, prefix=prefix, lang=lang, title=ds.title_in(lang))


def file_name(st: Stamp, chart: Chart, ext: str) -> str:
    """``anis_chronologie_2011-2017_fr.png``: what is inside, the years, the language."""
    parts = [st.prefix, _slug(chart.slug).replace("-", "_"), chart.span, st.lang]
    return "_".join(p for p in parts if p) + f".{ext}"


def _wrap(text: str, width: int) -> str:
    return "<br>".join(safe.plotly(line) for line in textwrap.wrap(text, width))


def decorated(chart: Chart, st: Stamp, *, caption: bool = False,
              template: str = style.TEMPLATE) -> go.Figure:
    """A copy of the figure with title, filters subtitle, source line and date (and, for
    print, the text alternative as a caption). Data text is escaped: Plotly renders HTML."""
    fig = go.Figure(chart.figure)
    margin = fig.layout.margin
    # Room under the plot for tick labels and the axis title, so the source line never
    # sits on them.
    axes_room = max(margin.b if margin.b is not None else 50,
                    75 if fig.layout.xaxis.title.text else 45)
    fig.update_layout(
        template=template, width=WIDTH, height=HEIGHT,
        title=dict(text=safe.plotly(chart.title), x=0.01, xanchor="left",
                   subtitle=dict(text=safe.plotly(chart.subtitle))),
        margin=dict(t=max(margin.t or 0, 100), b=axes_room + (150 if caption else 60)),
    )
    notes = [f"{safe.plotly(st.source)} — {safe.plotly(st.made)}"]
    if caption and chart.alt:
        notes.insert(0, f"<i>{_wrap(chart.alt, 170)}</i>")
    fig.add_annotation(text="<br>".join(notes), xref="paper", yref="paper", x=0, y=0,
                       xanchor="left", yanchor="top", yshift=-axes_room - 8,
                       showarrow=False, align="left", font=dict(size=12, color=style.MUTED))
    return fig


BATCH = 4  # charts per call to the browser in the assembly pack (3 images each: both tabs
# stay busy, and the progress bar moves between calls)
TABS = 2  # Chromium tabs drawing at once (a batch of images renders in parallel)


def _start() -> None:
    global _kaleido_started
    if not _kaleido_started:  # one browser for the whole process: ~0.2 s per image after
        import kaleido

        kaleido.start_sync_server(n=TABS, mathjax=False, silence_warnings=True)
        _kaleido_started = True


def _image(fig: go.Figure, fmt: str, scale: float = 1) -> bytes:
    _start()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return fig.to_image(format=fmt, width=WIDTH, height=HEIGHT, scale=scale)


def _images(jobs: Sequence[tuple[go.Figure, str, float]]) -> list[bytes]:
    """Many images in one call to the browser: kaleido draws them in :data:`TABS` tabs at
    once instead of one after the other. Same bytes as :func:`_image` for each."""
    if len(jobs) <= 1:
        return [_image(fig, fmt, scale) for fig, fmt, scale in jobs]
    _start()
    with tempfile.TemporaryDirectory(prefix="anis-viz-images-") as tmp:
        paths = [Path(tmp) / f"{i}.{fmt}" for i, (_, fmt, _) in enumerate(jobs)]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            pio.write_images([fig for fig, _, _ in jobs], paths,
                             format=[fmt for _, fmt, _ in jobs], width=WIDTH, height=HEIGHT,
                             scale=[scale for _, _, scale in jobs])
        return [path.read_bytes() for path in paths]


def images(jobs: Sequence[tuple[go.Figure, str, float]]) -> list[bytes]:
    """Many (figure, format, scale) drawn in one call to the browser, at the export size
    times ``scale`` (e.g. the frames of an animation)."""
    return _images(jobs)


def png(chart: Chart, st: Stamp, *, template: str = style.TEMPLATE) -> bytes:
    """PNG at 2× scale, for projectors and slides."""
    return _image(decorated(chart, st, template=template), "png", scale=2)


def svg(chart: Chart, st: Stamp) -> bytes:
    """SVG with the text alternative as ``<title>`` and ``<desc>``."""
    return _accessible_svg(chart, _image(decorated(chart, st), "svg"))


def _accessible_svg(chart: Chart, raw: bytes) -> bytes:
    text = raw.decode("utf-8")
    accessible = (f'<title>{html.escape(chart.title)}</title>'
                  f'<desc>{html.escape(chart.alt or chart.title)}</desc>')
    text = re.sub(r"(<svg\b[^>]*>)", lambda m: m.group(1).replace(
        "<svg", '<svg role="img"', 1) + accessible, text, count=1)
    return text.encode("utf-8")


def pdf(chart: Chart, st: Stamp) -> bytes:
    """One-page PDF with the text alternative as its caption."""
    return _image(decorated(chart, st, caption=True), "pdf")


def _figure_block(chart: Chart, st: Stamp, index: int) -> str:
    fig = decorated(chart, st)
    fig.update_layout(width=None, height=650, autosize=True)
    div = fig.to_html(full_html=False, include_plotlyjs=False, div_id=f"chart-{index}",
                      config={"displaylogo": False, "responsive": True})
    quotes = ""
    if not chart.quotes.empty:
        items = "".join(
            f"<li>« {html.escape(str(q))} » <span class=sec>§ {html.escape(str(s))}</span></li>"
            for q, s in zip(chart.quotes["quote"], chart.quotes["section_id"]))
        quotes = (f"<details><summary>{i18n.t('export.quotes', st.lang, n=len(chart.quotes))}"
                  f"</summary><ul>{items}</ul></details>")
    return (f'<section><h2>{html.escape(chart.title)}</h2>'
            f'<p class=sub>{html.escape(chart.subtitle)}</p>'
            f'<figure role="figure" aria-label="{html.escape(chart.alt or chart.title)}">'
            f'{div}<figcaption>{html.escape(chart.alt)}</figcaption></figure>{quotes}'
            f'<p class=src>{html.escape(st.source)}</p></section>')


_CSS = ("body{font-family:" + style.FONT_FAMILY + ";color:" + style.INK + ";max-width:1200px;"
        "margin:2rem auto;padding:0 1rem;line-height:1.45}h1{font-size:2rem}"
        "section{margin:3rem 0;border-top:1px solid #ccc;padding-top:1rem}"
        ".sub,.src,.sec{color:" + style.MUTED + "}figcaption{font-style:italic;margin:.5rem 0}"
        "li{margin:.3rem 0}")


def _document(title: str, body: str, lang: str) -> bytes:
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{html.escape(title)}</title><style>{_CSS}</style>'
            f'<script type="text/javascript">{get_plotlyjs()}</script></head>'
            f'<body>{body}</body></html>').encode()


def html_page(chart: Chart, st: Stamp) -> bytes:
    """A self-contained interactive page (plotly.js inside: works with the network off)."""
    return _document(chart.title, _figure_block(chart, st, 0), st.lang)


def report_html(charts: Sequence[Chart], st: Stamp) -> bytes:
    """Every chart in one offline page, plotly.js embedded once; each chart keeps its
    caption, quotes and source."""
    body = (f"<h1>{html.escape(st.title)}</h1><p class=src>{html.escape(st.source)} — "
            f"{html.escape(st.made)}</p>"
            + "".join(_figure_block(c, st, i) for i, c in enumerate(charts)))
    return _document(st.title, body, st.lang)


def pdf_book(charts: Sequence[Chart], st: Stamp,
             progress: Callable[[str], None] | None = None) -> bytes:
    """One PDF, one chart per page, each with its caption, text alternative and source."""
    pages = _images([(decorated(chart, st, caption=True), "pdf", 1) for chart in charts])
    return _book(charts, pages, st, progress)


def _book(charts: Sequence[Chart], pages: Sequence[bytes], st: Stamp,
          progress: Callable[[str], None] | None = None) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for chart, page in zip(charts, pages, strict=True):
        if progress:
            progress(chart.title)
        writer.append(io.BytesIO(page))
    writer.add_metadata({"/Title": st.title, "/Subject": st.source})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV (with BOM, so spreadsheets read the accents) in which no cell can run as a
    formula (:func:`anis_viz.text.guard_frame`)."""
    return safe.guard_frame(frame).to_csv(index=False, lineterminator="\r\n").encode(
        "utf-8-sig")


def assembly_pack(ds: Dataset, charts: Sequence[Chart], st: Stamp,
                  progress: Callable[[float, str], None] | None = None,
                  extras: Callable[[], Sequence[tuple[str, bytes]]] | None = None) -> bytes:
    """The offline pack, as a zip: every chart as PNG and SVG, one PDF, one HTML report,
    the data package itself and a read-me saying what each file is; ``extras`` adds more
    files, as (path in the zip, bytes) (e.g. the network's animation)."""
    steps = 2 * len(charts) + 3 + (extras is not None)
    done = 0

    def tick(message: str) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(min(done / steps, 1.0), message)

    t = lambda key, **kw: i18n.t(key, st.lang, **kw)  # noqa: E731
    buffer = io.BytesIO()
    # The extras (an animation: its frames, then encoding) are made beside the charts' images:
    # the browser's tabs and the encoder keep both cores busy.
    side = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    later = side.submit(extras) if extras is not None else None
    # The images in batches (PNG, SVG and the book's PDF page of two charts at a time): the
    # browser draws a batch in parallel tabs; PNG and SVG share one decorated copy.
    pages = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as pack:
        for start in range(0, len(charts), BATCH):
            batch = charts[start:start + BATCH]
            jobs = []
            for chart in batch:
                plain = decorated(chart, st)
                jobs += [(plain, "png", 2), (plain, "svg", 1),
                         (decorated(chart, st, caption=True), "pdf", 1)]
            images = _images(jobs)
            for i, chart in enumerate(batch):
                pack.writestr(f"png/{file_name(st, chart, 'png')}", images[3 * i],
                              compress_type=zipfile.ZIP_STORED)  # PNG is compressed already
                tick(t("export.step.png", title=chart.title))
                pack.writestr(f"svg/{file_name(st, chart, 'svg')}",
                              _accessible_svg(chart, images[3 * i + 1]))
                tick(t("export.step.svg", title=chart.title))
                pages.append(images[3 * i + 2])
        pack.writestr(f"{st.prefix}_{t('export.report')}_{st.lang}.pdf",
                      _book(charts, pages, st))
        tick(t("export.step.pdf"))
        pack.writestr(f"{st.prefix}_{t('export.report')}_{st.lang}.html", report_html(charts, st))
        tick(t("export.step.html"))
        data_dir = t("export.data_dir")
        for res in ds.descriptor.get("resources", []):
            name = str(res.get("path") or f"{res.get('name')}.csv")
            if name in ds.files:
                pack.writestr(f"{data_dir}/{name}", safe.guard_csv(ds.files[name]))
        pack.writestr(f"{data_dir}/datapackage.json", ds.files["datapackage.json"])
        pack.writestr(t("export.readme_name"), t("export.readme", title=st.title,
                                                 source=st.source, made=st.made,
                                                 n=len(charts), prefix=st.prefix,
                                                 lang=st.lang, data_dir=data_dir))
        tick(t("export.step.data"))
        if later is not None:
            for name, payload in later.result():
                pack.writestr(name, payload, compress_type=zipfile.ZIP_STORED
                              if name.endswith((".png", ".gif", ".mp4")) else None)
            tick(t("export.step.extras"))
    side.shutdown()
    return buffer.getvalue()
