"""One view of the network, from a :class:`View` to a figure, words and tables.

:func:`compute` turns a view into the graph shown, its metrics, the node and edge tables the
figure builder draws, a title and a text alternative; :func:`chart_of` makes it a chart.
The page's view (:class:`anis_viz.views.network.Network`) reads and writes a :class:`View`
in the address.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from anis_viz import network, style
from anis_viz.cache import per_content
from anis_viz.chart import Chart
from anis_viz.data import Dataset
from anis_viz.figures.network import network_figure
from anis_viz.i18n import format_span, pick, t
from anis_viz.network_frames import edge_frame, node_frame, view_box

__all__ = ["DEPTHS", "Result", "View", "alt_text", "cached", "chart_of", "compute"]

DEPTHS = (1, 2, 3)


@dataclass(frozen=True)
class View:
    """What the network page shows. ``eras``/``years`` are the shared filters; ``year`` one
    year; ``compare`` two era ids; ``actor`` a focus with its ``depth``."""

    eras: tuple[str, ...] = ()
    years: tuple[int, int] | None = None
    year: int | None = None
    compare: tuple[str, str] | None = None
    actor: str = ""
    depth: int = 1
    size: str = "degree"
    colour: str = "kind"
    events: bool = False


def _era_names(ds: Dataset, lang: str) -> dict[str, str]:
    eras = ds.eras
    column = "short_label" if "short_label" in eras else "label"
    return dict(zip(eras["era_id"], pick(eras, column, lang), strict=True))


def _period_words(ds: Dataset, view: View, period, lang: str) -> str:
    if period is None:
        return ""
    if view.year is None and view.eras and not view.years:
        return ", ".join(_era_names(ds, lang)[e] for e in view.eras)
    first, last = period
    return str(first) if first == last else format_span(str(first), str(last), lang)


@dataclass
class Result:
    """Everything the page shows for one view."""

    view: View
    whole: nx.MultiDiGraph      # every actor and tie (with event ties when asked)
    graph: nx.MultiDiGraph      # what is drawn
    metrics: pd.DataFrame       # of the graph drawn (see network.metrics)
    nodes: pd.DataFrame
    edges: pd.DataFrame
    figure: go.Figure
    title: str
    alt: str
    period: tuple[int, int] | None
    note: str = ""              # e.g. the focus actor has no tie in the period


@per_content(maxsize=8)
def _graph(ds: Dataset, events: bool = False) -> nx.MultiDiGraph:
    """The package's graph, built once per content (frozen: the views copy what they
    change)."""
    return network.build_graph(ds, include_events=events)


def _relations_graph(ds: Dataset) -> nx.MultiDiGraph:
    return _graph(ds, events=False)


@per_content(maxsize=32)
def cached(ds: Dataset, lang: str = "fr", view: View | None = None) -> Result:
    """:func:`compute`, once per data content, language and view (the page's reruns and
    its year-by-year playback). The result is shared between callers: never change it."""
    return compute(ds, lang, view)


def compute(ds: Dataset, lang: str = "fr", view: View | None = None, *,
            template: str = style.TEMPLATE, base: nx.MultiDiGraph | None = None) -> Result:
    """The graph, tables, figure and words of ``view``. ``base`` (the relations graph of
    ``ds``) may be passed in to save rebuilding it."""
    view = view or View()
    relations = base if base is not None else _relations_graph(ds)
    whole = _graph(ds, events=True) if view.events else relations
    pos = network.layout(relations)  # whole relations graph: the same places in every view
    community = network.whole_communities(relations)
    names = network.community_names(relations, community, lang)
    note, period = "", None
    if view.compare:
        spans = network.era_years(ds)
        graph = network.compare_eras(whole, spans[view.compare[0]], spans[view.compare[1]])
        graph.graph["marks"] = ("status",)
        era = _era_names(ds, lang)
        title = t("network.title.compare", lang, first=era[view.compare[0]],
                  second=era[view.compare[1]])
    else:
        period = network.period_of(ds, view.eras, view.years, view.year)
        # all time: the cached graph itself (nothing below changes it), no copy
        graph = whole if period is None else network.active_subgraph(whole, period)
        words = _period_words(ds, view, period, lang)
        title = t("network.title.period", lang, period=words) if words else \
            t("network.title.all", lang)
        if view.actor:
            name = network.name_of(whole, view.actor, lang)
            if view.actor not in graph:
                note = t("network.not_in_period", lang, name=name)
                graph = whole
            graph = network.neighbourhood(graph, view.actor, view.depth)
            title = t("network.title.actor", lang, name=name, depth=view.depth) + \
                (f" — {words}" if words and not note else "")
    table = network.metrics(graph, lang, community, names)
    nodes = node_frame(ds, graph, pos, table, lang=lang, size=view.size, colour=view.colour,
                       focus=view.actor)
    edges = edge_frame(ds, graph, pos, lang=lang)
    legend = ("network.legend.actors" if view.compare else
              "network.legend.communities" if view.colour == "community" else
              "network.legend.kinds")
    # zoom survives reruns of one view; a new focus frames its own neighbourhood
    revision = f"network:{view.actor}:{view.depth}" if view.actor and not view.compare \
        else "network"
    figure = network_figure(nodes, edges, node_legend=t(legend, lang), box=view_box(nodes),
                            uirevision=revision,
                            edge_legend=t("network.legend.ties", lang),
                            template=template)
    result = Result(view, whole, graph, table, nodes, edges, figure, title, "", period, note)
    return replace(result, alt=alt_text(result, lang, _era_names(ds, lang)))


def alt_text(result: Result, lang: str = "fr", era_names: dict | None = None) -> str:
    """The chart's text alternative, from the data shown."""
    graph, table, view = result.graph, result.metrics, result.view
    if len(graph) == 0:
        return t("network.alt.empty", lang)
    if view.compare:
        nodes = pd.Series([d["status"] for _, d in graph.nodes(data=True)]).value_counts()
        edges = pd.Series([d["status"] for *_, d in graph.edges(data=True)],
                          dtype=object).value_counts()
        era = [(era_names or {}).get(e, e) for e in view.compare]
        return t("network.alt.compare", lang, first=era[0], second=era[1],
                 appeared=int(nodes.get("appeared", 0)), stayed=int(nodes.get("stayed", 0)),
                 disappeared=int(nodes.get("disappeared", 0)),
                 e_appeared=int(edges.get("appeared", 0)), e_stayed=int(edges.get("stayed", 0)),
                 e_disappeared=int(edges.get("disappeared", 0)))
    ranked = table.sort_values([view.size, "name"], ascending=[False, True], kind="stable")
    top = ", ".join(f"{n} ({v:.3g})" for n, v in zip(ranked["name"].head(5),
                                                      ranked[view.size].head(5)))
    relations = result.edges.groupby("group_label").size().sort_values(ascending=False)
    tied = table[table["community"] >= 0]
    biggest = tied["community_name"].value_counts()
    return t("network.alt", lang,
             period=f" — {result.title}" if result.period or view.actor else "",
             nodes=len(graph), edges=graph.number_of_edges(),
             size=t(f"network.size.{view.size}", lang), top=top or "—",
             relations=", ".join(f"{k} {v}" for k, v in relations.items()) or "—",
             communities=tied["community"].nunique(),
             biggest=biggest.index[0] if len(biggest) else "—")


def chart_of(result: Result, lang: str = "fr") -> Chart:
    """A computed view as a :class:`~anis_viz.export.Chart` (data: the metrics table)."""
    data = result.metrics.drop(columns=["community"])
    edges = result.edges
    if len(edges) and not {"quote", "section_id"} <= set(edges):
        found = [result.graph.edges[u, v, k] for u, v, k in
                 zip(edges["source"], edges["target"], edges["key"])]
        edges = edges.assign(quote=[d.get("quote", "") for d in found],
                             section_id=[d.get("section_id", "") for d in found])
    quotes = edges[["quote", "section_id"]].drop_duplicates() if len(edges) else pd.DataFrame()
    span = "" if result.period is None else "-".join(dict.fromkeys(map(str, result.period)))
    return Chart(slug=t("network.slug", lang), figure=result.figure, data=data,
                 title=result.title, alt=result.alt, span=span, quotes=quotes)
