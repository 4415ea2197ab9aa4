"""One view per page: what the page shows, read from and written to its address, and the
charts it draws. Pages bind their widgets to a view; the deck, the assembly pack, the
static site and the command-line export draw the same views, so a slide, a downloaded file
and the page show the same thing.

Each view is a frozen dataclass with ``from_params(params, ds)`` (the address's parameters,
strings; mangled values fall back to the defaults), ``to_params()`` (the address form,
defaults left out) and ``charts(ds, lang)``.

>>> from anis_viz.views import of
>>> view = of("timeline", {"category": "publication", "years": "2015-2011", "lanes": "x"})
>>> view.categories, view.years, view.lanes, view.to_params()["years"]
(('publication',), (2011, 2015), 'category', '2011-2015')
"""

from __future__ import annotations

from anis_viz import style
from anis_viz.cache import per_content
from anis_viz.chart import Chart
from anis_viz.data import Dataset
from anis_viz.views.network import Network
from anis_viz.views.overview import Overview
from anis_viz.views.themes import Themes
from anis_viz.views.timeline import Timeline

__all__ = ["PAGES", "Network", "Overview", "Themes", "Timeline", "build", "cached", "of",
           "standard"]

# page name (as slides name it) -> its view, in menu order
PAGES = {"overview": Overview, "timeline": Timeline, "network": Network, "themes": Themes}


def of(page: str, params: dict | None = None, ds: Dataset | None = None):
    """The view of ``page`` (a key of :data:`PAGES`) for address parameters ``params``."""
    return PAGES[page].from_params(dict(params or {}), ds)


def build(view, ds: Dataset, lang: str = "fr", *,
          template: str = style.TEMPLATE) -> list[Chart]:
    """The charts of ``view``, drawn with ``template``."""
    charts = view.charts(ds, lang)
    for chart in charts:
        chart.figure.update_layout(template=template)
    return charts


@per_content(maxsize=48)
def _cached(ds: Dataset, view, lang: str, template: str) -> tuple[Chart, ...]:
    return tuple(build(view, ds, lang, template=template))


def cached(view, ds: Dataset, lang: str = "fr", *,
           template: str = style.TEMPLATE) -> list[Chart]:
    """:func:`build`, once per (data content, view, language, template): a rerun that comes
    back to a view it has drawn costs nothing. The charts and their figures are shared
    between callers: never change them (copy a figure with ``go.Figure(fig)``)."""
    return list(_cached(ds, view, lang, template))


def standard(ds: Dataset, lang: str = "fr") -> list[Chart]:
    """The default charts of every page, in menu order (the assembly pack)."""
    return [chart for page in PAGES.values() for chart in build(page.everything(), ds, lang)]
