"""Streamlit glue shared by ``app.py`` and the pages (the only package module that imports
Streamlit): cached loading, the language switch, the shared filters, URL state, and the
standard blocks (problem report, source footer, charts).

URL state: widgets are initialised from the query string when it carries a value this
session has not written itself (a shared link, ``st.switch_page(..., query_params=...)``);
every run then writes the current state back (:func:`write_url`), so a copied address
reopens the same view.
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st
import streamlit.components.v2 as components_v2
from streamlit.errors import StreamlitAPIException

from anis_viz import animation, export, i18n, params, style, views
from anis_viz.cache import content_key, per_content
from anis_viz.data import (
    Dataset,
    DataValidationError,
    default_data_path,
    load_dataset,
    problems_grouped,
    problems_table,
)
from anis_viz.filters import SharedFilters, year_bounds
from anis_viz.i18n import LANGS, format_size, t
from anis_viz.text import md  # the one Markdown escaper for data text
from anis_viz.upload import MB

UPLOAD_KEY = "uploaded_dataset"  # a session's own package (set by the Data page)
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True,
                 "toImageButtonOptions": {"format": "png", "scale": 2}}


# -- language ----------------------------------------------------------------------------

def init_lang() -> str:
    """The interface language: the session's choice, else ``?lang=``, else French."""
    bind("lang", "lang", lambda v: v if v in LANGS else LANGS[0])
    st.session_state.setdefault("lang", LANGS[0])
    return st.session_state["lang"]


def lang() -> str:
    return st.session_state.get("lang", LANGS[0])


# Streamlit fades captions with opacity, under 4.5:1 on white: use a solid grey instead
# (6.6:1, WCAG 2.1 AA).
_CSS = """
[data-testid="stCaptionContainer"] { opacity: 1 !important; color: #5d5d5d !important; }
[data-testid="stCaptionContainer"] p { color: #5d5d5d !important; }
"""


def page_setup() -> None:
    """Page-wide fixes: the document's language for screen readers, readable captions."""
    code = lang() if lang() in LANGS else LANGS[0]  # never data: one of our own codes
    st.html(f"<style>{_CSS}</style>")  # a style-only block: applied on every page, every run
    st.html(f"<script>document.documentElement.lang = '{code}';</script>",
            unsafe_allow_javascript=True)


# Projector: the slide controls tell the page the window's size (the charts are drawn for it)
# and toggle full screen, from their button or the `F` key: the browser allows full screen
# only from the user's own click or key press, so this is a page-side component.
_SLIDE_JS = """
export default function (component) {
  const { data, setStateValue, parentElement } = component;
  const button = parentElement.querySelector('button.anis-slide-fs');
  button.textContent = data.label;
  button.title = data.label;
  const toggle = () => {
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    else document.documentElement.requestFullscreen().catch(() => {});
  };
  const onKey = (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || (event.key !== 'f' && event.key !== 'F')) return;
    const active = document.activeElement || {};
    if (['INPUT', 'TEXTAREA', 'SELECT'].includes(active.tagName) || active.isContentEditable) return;
    event.preventDefault();
    toggle();
  };
  let timer = null;
  const report = () => {
    const size = [window.innerWidth, window.innerHeight];
    const now = data.current || [];
    if (now[0] !== size[0] || now[1] !== size[1]) setStateValue('viewport', size);
  };
  const onResize = () => { clearTimeout(timer); timer = setTimeout(report, 200); };
  button.addEventListener('click', toggle);
  document.addEventListener('keydown', onKey);
  window.addEventListener('resize', onResize);
  report();
  return () => {
    button.removeEventListener('click', toggle);
    document.removeEventListener('keydown', onKey);
    window.removeEventListener('resize', onResize);
    clearTimeout(timer);
  };
}
"""
_slide_controls = components_v2.component(
    "anis_viz.slide_controls", js=_SLIDE_JS, isolate_styles=False,
    html='<button type="button" class="anis-slide-fs" aria-keyshortcuts="F"></button>')


def presentation_mode() -> None:
    """Turn this page into a slide for a projector: no sidebar, type scaled to the window."""
    st.html(f"<style>{style.PRESENT_CSS}</style>")


def slide_controls(label: str) -> tuple[int, int]:
    """The full-screen button (and `F` key); returns the window's size in pixels (a
    1920x1080 guess until the browser has told it)."""
    known = st.session_state.get("slide_viewport") or [style.SLIDE_WIDTH, style.SLIDE_HEIGHT]
    result = _slide_controls(key="slide_controls", data={"label": label, "current": known},
                             default={"viewport": None}, on_viewport_change=lambda: None)
    size = result.get("viewport") if hasattr(result, "get") else getattr(result, "viewport", None)
    if isinstance(size, list | tuple) and len(size) == 2 and all(
            isinstance(v, int | float) and 200 <= v <= 10_000 for v in size):
        st.session_state["slide_viewport"] = [int(size[0]), int(size[1])]
    width, height = st.session_state.get("slide_viewport") or known
    return int(width), int(height)


def language_switch() -> None:
    st.sidebar.radio(t("app.lang", lang()), LANGS, key="lang", horizontal=True,
                     format_func=lambda code: t(f"app.lang.{code}", code))
    set_url(lang=lang() if lang() != LANGS[0] else None)


# -- data --------------------------------------------------------------------------------

def upload_limit() -> int:
    """Bytes one upload may hold: Streamlit's ``server.maxUploadSize`` (MB), the one limit
    the page states, the uploader enforces and the check reports."""
    return int(st.get_option("server.maxUploadSize")) * MB


def uploaded() -> Dataset | None:
    """This session's own package, when the Data page loaded one (other sessions never see
    it)."""
    return st.session_state.get(UPLOAD_KEY)


def use_dataset(ds: Dataset | None) -> None:
    """Switch this session to ``ds`` (None: back to the embedded package)."""
    if ds is None:
        st.session_state.pop(UPLOAD_KEY, None)
    else:
        st.session_state[UPLOAD_KEY] = ds
    for key in ("f_eras", "f_years"):  # the shared filters belong to the old data
        st.session_state.pop(key, None)


def _fingerprint(path: Path) -> tuple:
    if not path.is_dir():
        return ()
    return tuple(sorted((f.name, f.stat().st_size, f.stat().st_mtime_ns)
                        for f in path.iterdir() if f.is_file()))


@st.cache_resource(show_spinner=False, max_entries=16)
def _load(path: str, fingerprint: tuple) -> Dataset:
    return load_dataset(path)


def embedded_dataset() -> Dataset:
    """The package the app was started with (``ANIS_VIZ_DATA`` or the embedded one)."""
    path = default_data_path()
    return _load(str(path), _fingerprint(path))


def dataset() -> Dataset:
    """The session's validated package; on problems, show the report and stop the page."""
    if (own := uploaded()) is not None:
        return own
    try:
        with st.spinner(t("app.loading", lang())):
            return embedded_dataset()
    except DataValidationError as err:
        errors = [p for p in err.problems if p.severity == "error"]
        st.error(t("app.data_invalid", lang(), path=md(err.path), n=len(errors)))
        show_problems(err.problems)
        st.stop()


GROUP_ABOVE = 20  # longer reports are grouped by kind of mistake first


def show_problems(problems: list, *, key: str | None = None) -> None:
    """The validation report as a readable table in the interface language."""

    def readable(table: pd.DataFrame) -> pd.DataFrame:
        table = table.assign(severity=table["severity"].map(lambda s: t(f"severity.{s}", lang())))
        return table.rename(columns={c: t(f"col.{c}", lang()) for c in table.columns})

    table = problems_table(problems, lang())
    if len(table) <= GROUP_ABOVE:
        st.dataframe(readable(table), hide_index=True, width="stretch", key=key)
        return
    grouped = problems_grouped(problems, lang())
    st.caption(t("app.problems_grouped", lang(), n=len(table), kinds=len(grouped)))
    st.dataframe(readable(grouped), hide_index=True, width="stretch",
                 key=f"{key}_grouped" if key else None)
    with st.expander(t("app.problems_all", lang(), n=len(table))):
        st.dataframe(readable(table), hide_index=True, width="stretch", key=key)


# -- URL state ---------------------------------------------------------------------------

def _brought(params) -> dict[str, str]:
    """The values of ``params`` that the address brings new this run (a shared link, a page
    link), marked as seen: a value this session wrote itself is not read back."""
    raw = st.query_params.to_dict()
    written = st.session_state.setdefault("_url_written", {})
    new = {p: raw[p] for p in params if p in raw and written.get(p) != raw[p]}
    written.update(new)
    return new


def bind(param: str, key: str, parse=str) -> None:
    """Initialise ``st.session_state[key]`` from ``?param=`` when the URL brings a new value."""
    for raw in _brought([param]).values():
        with contextlib.suppress(ValueError, TypeError):  # a mangled link keeps defaults
            st.session_state[key] = parse(raw)


def bind_view(view_class, ds: Dataset, widgets: dict):
    """The page's view as the address gives it (``view_class.from_params``, the one parser
    of the page's parameters); for each parameter the address brings new (a shared link, a
    page link), ``widgets[param](view)`` gives the widget states to set (key -> value), so
    widgets keep what the visitor chose since."""
    view = view_class.from_params(st.query_params.to_dict(), ds)
    for param in _brought(widgets):
        st.session_state.update(widgets[param](view))
    return view


def clicked(key: str, read=None) -> tuple:
    """What a new click on the chart drawn with ``key`` picked: ``read(point)`` of each
    selected point (by default its first custom data item), empty values left out; empty
    when the selection is the one already seen (a rerun keeps the chart's selection).
    Read each chart once a run."""
    read = read or _first_customdata
    try:
        points = st.session_state[key]["selection"]["points"] or []
    except (KeyError, TypeError):
        points = []
    values = tuple(v for p in points if isinstance(p, dict) and (v := read(p)) not in (None, ""))
    seen = f"_clicked_{key}"
    new = values if values and values != st.session_state.get(seen) else ()
    st.session_state[seen] = values
    return new


def _first_customdata(point: dict):
    data = point.get("customdata")
    return (data[0] if data else None) if isinstance(data, list | tuple) else data


def set_url(**params) -> None:
    """Record values to show in the address (None or empty: left out)."""
    pending = st.session_state.setdefault("_url_pending", {})
    for name, value in params.items():
        if isinstance(value, list | tuple):
            value = ",".join(map(str, value))
        pending[name] = None if value in (None, "") else str(value)


def write_url() -> None:
    """Write this run's recorded values to the address bar (called once, after the page)."""
    pending = st.session_state.pop("_url_pending", {})
    wanted = {k: v for k, v in pending.items() if v is not None}
    st.session_state["_url_written"] = dict(wanted)
    if dict(st.query_params) != wanted:
        st.query_params.from_dict(wanted)


# -- shared filters ----------------------------------------------------------------------

def shared_filters(ds: Dataset) -> SharedFilters:
    """The sidebar's era and year-range filters, shared by every page and kept in the URL."""
    first, last = year_bounds(ds)
    last = max(last, first + 1)
    eras = ds.eras.sort_values("start_date", kind="stable")
    names = dict(zip(eras["era_id"], i18n.pick(eras, "label", lang()), strict=True))
    bind("era", "f_eras", lambda raw: list(params.ids(raw)))
    bind("years", "f_years", lambda raw: params.years(raw) or (first, last))
    # Keep state valid when the data changed under it (another package, edited files).
    st.session_state["f_eras"] = [e for e in st.session_state.get("f_eras", []) if e in names]
    lo, hi = st.session_state.get("f_years", (first, last))
    lo, hi = max(first, min(lo, last)), min(last, max(hi, first))
    st.session_state["f_years"] = (lo, hi) if lo <= hi else (first, last)
    with st.sidebar:
        st.subheader(t("app.filters", lang()), help=t("app.filters.help", lang()))
        st.multiselect(t("app.era", lang()), list(names), key="f_eras",
                       format_func=names.get, placeholder=t("app.era.placeholder", lang()))
        st.slider(t("app.years", lang()), first, last, key="f_years")
        st.button(t("app.reset", lang()), on_click=reset_filters, args=((first, last),))
    years = tuple(st.session_state["f_years"])
    chosen = tuple(st.session_state["f_eras"])
    set_url(era=chosen, years=None if years == (first, last) else params.years_text(years))
    st.session_state["_filters"] = SharedFilters(
        eras=chosen, years=None if years == (first, last) else years)
    return st.session_state["_filters"]


def filters() -> SharedFilters:
    """The shared filters as the sidebar (drawn by ``app.py``) set them for this run."""
    return st.session_state.get("_filters", SharedFilters())


def reset_filters(bounds: tuple[int, int]) -> None:
    st.session_state["f_eras"] = []
    st.session_state["f_years"] = bounds


# -- standard blocks ---------------------------------------------------------------------

def plotly(fig, *, key: str | None = None, **kwargs):
    """Show a figure exactly as built (our template, not Streamlit's theme)."""
    return st.plotly_chart(fig, theme=None, config=PLOTLY_CONFIG, key=key, **kwargs)


def page_link(script: str, label: str, **params) -> None:
    """A link to another page of the app that keeps this session (language, uploaded data)
    and opens the target in the state ``params`` describe (``?actor=…``). ``label`` is
    Markdown: escape data text in it with :func:`md`."""
    query = {k: str(v) for k, v in params.items() if v not in (None, "")}
    if lang() != LANGS[0]:
        query["lang"] = lang()
    try:
        st.page_link(script, label=label, query_params=query)
    except StreamlitAPIException:  # target page absent from this app: show the name only
        st.markdown(label)


# -- downloads (every chart) ------------------------------------------------------------

_MIME = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf",
         "html": "text/html", "csv": "text/csv"}


@dataclass(frozen=True, eq=False)
class _Download:
    """A file a download button makes: cached with the data it comes from (it leaves the
    cache with the last session holding that data) and by what it shows (``digest``)."""

    ds: Dataset
    fmt: str
    digest: str
    chart: object
    stamp: object


@per_content(maxsize=32, key=lambda job: (*content_key(job.ds), job.fmt, job.digest))
def _export_bytes(job: _Download) -> bytes:
    if job.fmt == "csv":
        return export.csv_bytes(job.chart.data)
    renderers = {"png": export.png, "svg": export.svg, "pdf": export.pdf,
                 "html": export.html_page}
    return renderers[job.fmt](job.chart, job.stamp)


def _deferred(fmt: str, chart, stamp, ds: Dataset):
    """The file is made only when the button is clicked, once per unchanged chart."""
    def make() -> bytes:
        digest = hashlib.sha256("\0".join([
            fmt, chart.figure.to_json(), chart.title, chart.subtitle, chart.alt,
            stamp.source, stamp.made]).encode()).hexdigest()
        return _export_bytes(_Download(ds, fmt, digest, chart, stamp))
    return make


def stamp(ds: Dataset):
    return export.stamp(ds, lang())


def downloads(chart, ds: Dataset, *, key: str) -> None:
    """The chart's text alternative, then one download button per format."""
    if chart.alt:
        st.caption(md(chart.alt))
    mark = stamp(ds)
    with st.popover(t("export.download", lang()), icon=":material/download:"):
        for fmt in ("png", "svg", "pdf", "html", "csv"):
            st.download_button(t(f"export.as.{fmt}", lang()), _deferred(fmt, chart, mark, ds),
                               file_name=export.file_name(mark, chart, fmt), mime=_MIME[fmt],
                               on_click="ignore", key=f"{key}_dl_{fmt}", width="stretch")


def assembly_pack(ds: Dataset) -> None:
    """Build the offline pack on demand, with a progress bar, then offer the zip."""
    key = f"_pack_{ds.content_hash}_{lang()}"
    if st.button(t("export.pack.build", lang()), icon=":material/folder_zip:", key="pack_build"):
        bar = st.progress(0.0, text=t("export.pack.start", lang()))
        mark = stamp(ds)
        pack = export.assembly_pack(ds, views.standard(ds, lang()), mark,
                                    progress=lambda share, text: bar.progress(share, text=text),
                                    extras=lambda: animation.pack_files(ds, mark))
        bar.empty()
        st.session_state[key] = (pack, f"{mark.prefix}_{t('export.pack.name', lang())}_"
                                       f"{lang()}.zip")
    if key in st.session_state:
        pack, name = st.session_state[key]
        st.download_button(t("export.pack.download", lang(), size=format_size(len(pack), lang())),
                           pack, file_name=name, mime="application/zip", on_click="ignore",
                           type="primary", icon=":material/download:", key="pack_download")


def table(frame: pd.DataFrame, **kwargs) -> None:
    st.dataframe(frame, hide_index=True, width="stretch", **kwargs)


def colour_bar(colour: str) -> None:
    """A thin coloured rule (era cards); ``colour`` comes from the style module."""
    st.markdown(f'<div style="height:6px;border-radius:3px;background:{colour}"></div>',
                unsafe_allow_html=True)


def source_footer(ds: Dataset) -> None:
    src = ds.source
    st.divider()
    st.caption(t("app.source_footer", lang(), title=md(src.get("title", ds.title)),
                 author=md(src.get("author", "")), publisher=md(src.get("publisher", "")),
                 year=md(src.get("year", ""))))
