"""Every page's charts as plain objects (:class:`anis_viz.export.Chart`), built from a
dataset, a language and a *view* (the page's URL parameters as a dict).

One place that knows how to draw each page without Streamlit: the presentation deck, the
assembly pack and the command-line export all use it, so a slide, a downloaded file and the
page show the same thing.
"""

from __future__ import annotations

from collections.abc import Callable

from anis_viz import network_view, overview, style, themes_charts, timeline
from anis_viz.cache import per_content
from anis_viz.chart import Chart
from anis_viz.data import Dataset
from anis_viz.figures.overview import kinds_bar
from anis_viz.i18n import t

__all__ = ["BUILDERS", "build", "cached", "standard"]


def overview_charts(ds: Dataset, lang: str, view: dict) -> list[Chart]:
    counts = overview.actors_by_kind(ds, lang)
    title = t("overview.by_kind", lang)
    figure = kinds_bar(counts, title=title, x_title=t("overview.by_kind.axis", lang))
    return [Chart(slug=t("overview.by_kind.slug", lang), figure=figure,
                  data=counts[["kind", "label", "count"]], title=title,
                  alt=overview.kinds_alt(counts, lang))]


BUILDERS: dict[str, Callable[[Dataset, str, dict], list[Chart]]] = {
    "overview": overview_charts,
    "timeline": timeline.charts,
    "network": network_view.charts,
    "themes": themes_charts.charts,
}


def build(page: str, ds: Dataset, lang: str = "fr", view: dict | None = None, *,
          template: str = style.TEMPLATE) -> list[Chart]:
    """The charts of ``page`` for ``view``, drawn with ``template``."""
    charts = BUILDERS[page](ds, lang, dict(view or {}))
    for chart in charts:
        chart.figure.update_layout(template=template)
    return charts


@per_content(maxsize=48)
def _cached(ds: Dataset, page: str, view: tuple, lang: str, template: str) -> tuple[Chart, ...]:
    raw = {k: list(v) if isinstance(v, tuple) else v for k, v in view}
    return tuple(build(page, ds, lang, raw, template=template))


def _frozen(value):
    return tuple(value) if isinstance(value, list | tuple) else value


def cached(page: str, ds: Dataset, lang: str = "fr", view: dict | None = None, *,
           template: str = style.TEMPLATE) -> list[Chart]:
    """:func:`build`, once per (data content, page, view, language, template): a rerun that
    comes back to a view it has drawn costs nothing. The charts and their figures are
    shared between callers: never change them (copy a figure with ``go.Figure(fig)``)."""
    items = tuple(sorted((str(k), _frozen(v)) for k, v in (view or {}).items()))
    return list(_cached(ds, page, items, lang, template))


def standard(ds: Dataset, lang: str = "fr") -> list[Chart]:
    """The default charts of every page, in menu order (the assembly pack)."""
    return [chart for page in BUILDERS for chart in build(page, ds, lang)]
