"""One view of the network, from a :class:`View` to a figure, words and tables.

:func:`compute` turns a view into the graph shown, its metrics, the node and edge tables the
figure builder draws, a title and a text alternative; :func:`chart_of` makes it a chart.
The page's view (:class:`anis_viz.views.network.Network`) reads and writes a :class:`View`
in the address.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, replace

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from anis_viz import network, style
from anis_viz.cache import per_content
from anis_viz.chart import Chart
from anis_viz.data import Dataset
from anis_viz.figures.network import TIE_PREFIX, network_figure
from anis_viz.i18n import format_date, format_span, pick, t

__all__ = ["View", "Result", "compute", "cached", "chart_of",
           "years_text", "tie_years_text", "metrics_table", "actor_card",
           "node_frame", "edge_frame", "label_positions", "view_box", "actor_ties", "actor_events",
           "RELATION_FAMILY", "FALLBACK_FAMILY", "PLOT_PX", "tie_family", "tie_card", "tie_key",
           "label_box", "label_lines", "wrap_words"]

DEPTHS = (1, 2, 3)
WRAP = 60  # characters per line of a quote in a hover box
SMALL = 300  # actors: above this, smaller markers (and WebGL in the figure)
QUOTED = 400  # ties: above this, a tie's hover box has no quote (see edge_frame)
# The contract's relation codes by family (style.TIE_FAMILIES): the chart colours a tie by
# its family and keeps the precise relation for the hover box and the tie card. A code not
# listed here (a package's own) falls in FALLBACK_FAMILY.
RELATION_FAMILY = {
    "founded": "governance", "presided": "governance", "coordinated": "governance",
    "led": "governance", "organised": "governance", "succeeded": "governance",
    "gave_rise_to": "governance",
    "member_of": "membership", "part_of": "membership",
    "supported": "support", "funded_by": "support", "funded": "support",
    "hosted_by": "place", "located_in": "place", "hosted": "place",
    "partner_of": "partnership", "participated_in": "partnership",
    "inspired_by": "partnership",
    "published": "publication", "published_in": "publication",
}
FALLBACK_FAMILY = "partnership"


def tie_family(relation: str) -> str:
    """The family (one of :data:`anis_viz.style.TIE_FAMILIES`) a relation code is drawn in."""
    return RELATION_FAMILY.get(str(relation), FALLBACK_FAMILY)


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


# -- words --------------------------------------------------------------------------------

def years_text(start: int | None, end: int | None, lang: str = "fr") -> str:
    """A tie's years: ``2006 – 2015``, ``depuis 2006``, ``jusqu’en 2012``, ``sans date``."""
    if start is None and end is None:
        return t("network.years.none", lang)
    if start is None:
        return t("network.years.until", lang, end=end)
    if end == start:
        return str(start)
    return format_span(str(start), "" if end is None else str(end), lang)


def tie_years_text(data: dict, lang: str = "fr") -> str:
    """A tie's years in words; an undated tie says where its section places it; a planned
    one (an intention the source states) says so: ``programme adopté en 2017``."""
    if data.get("planned"):
        year = data.get("start") or data.get("placed_start")
        return t("network.years.planned", lang, year=year) if year else \
            t("network.years.planned_undated", lang)
    if data.get("start") is None and data.get("end") is None and \
            data.get("placed_start") is not None:
        span = years_text(data["placed_start"], data["placed_end"], lang)
        return t("network.years.placed", lang, span=span)
    return years_text(data.get("start"), data.get("end"), lang)


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


def _esc(text: str) -> str:
    """Data text inside Plotly's HTML-like labels: < > & escaped; quotes left as they are
    (Plotly shows ``&quot;`` literally)."""
    return html.escape(str(text), quote=False)


def _short(name: str, limit: int = 26) -> str:
    """A label for the chart: long names are cut (the hover box has them whole)."""
    return name if len(name) <= limit else name[:limit - 1].rstrip() + "…"


def wrap_words(text: str, width: int = WRAP) -> list[str]:
    """Greedy word wrap (textwrap is too slow for 20,000 hover boxes)."""
    lines, line = [], ""
    for word in str(text).split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line else lines


def _quote(text: str, lang: str) -> str:
    lines = "<br>".join(_esc(line) for line in wrap_words(text))
    return t("network.hover.quote", lang, quote=lines)


# -- tables the figure draws --------------------------------------------------------------

FULL = ((-1.22, 1.22), (-1.12, 1.12))  # the whole layout, with room for labels


def view_box(nodes: pd.DataFrame) -> tuple[tuple[float, float], tuple[float, float]]:
    """Axis ranges that frame the actors shown (a neighbourhood fills the chart), never
    wider than the whole layout; the actors themselves keep their places."""
    if nodes.empty:
        return FULL
    box = []
    for axis, (low, high) in zip(("x", "y"), FULL, strict=True):
        first, last = nodes[axis].min(), nodes[axis].max()
        span = max(last - first, 0.6)
        middle, pad = (first + last) / 2, span * (0.61 if axis == "x" else 0.56)
        box.append((max(low, middle - pad), min(high, middle + pad)))
    return tuple(box)


PLOT_PX = (840, 590)  # the plot area at 1280 px wide, legends above and below: the smallest


def label_lines(name: str, width: int = 24) -> list[str]:
    """A name on at most three lines of about ``width`` characters, cut between words only
    (never an ellipsis): a long name goes on two balanced lines."""
    if len(name) <= width:
        return [name]
    lines = wrap_words(name, max(width, math.ceil(len(name) / 2) + 2))
    return lines if len(lines) <= 3 else wrap_words(name, math.ceil(len(name) / 3) + 4)


def label_box(cx: float, cy: float, lines: list[str], gap: float, option: str, *,
              font: int = 12) -> tuple[float, float, float, float]:
    """The box (left, bottom, right, top, in px with y up) of a label of ``lines`` set at
    ``option`` (a Plotly textposition) around a point ``gap`` px from its centre."""
    dx = {"left": -1, "center": 0, "right": 1}[option.split()[1]]
    dy = {"bottom": -1, "middle": 0, "top": 1}[option.split()[0]]
    w = 0.6 * font * max(len(line) for line in lines) + 4
    h = 1.25 * font * len(lines) + 2
    left = cx - w / 2 + dx * (w / 2 + gap)
    bottom = cy - h / 2 + dy * (h / 2 + gap)
    return left, bottom, left + w, bottom + h


OPTIONS = ("middle right", "middle left", "top center", "bottom center", "top right",
           "top left", "bottom right", "bottom left")


def label_positions(nodes: pd.DataFrame, *, width: int = PLOT_PX[0],
                    height: int = PLOT_PX[1], font: int = 12, keep=lambda label: False,
                    box=FULL, crowded: bool = False) -> list[str | None]:
    """A text position for each labelled node (``label`` not empty; ``<br>`` separates its
    lines), chosen in row order: the first of :data:`OPTIONS` where the label's box meets
    no label already placed, no marker and no edge of the plot; None where none is free
    (the name stays in the hover box), unless ``keep(label)``: then the least crowded.
    ``crowded`` (hundreds of small markers, where no spot is free of them): a name may
    cover markers, never another name. ``width``/``height``: the plot area in pixels."""
    (x0, x1), (y0, y1) = box
    sx, sy = width / (x1 - x0), height / (y1 - y0)  # pixels per unit of the layout
    edges = (x0 * sx, y0 * sy, x1 * sx, y1 * sy)
    px = nodes["x"].to_numpy(dtype=float) * sx
    py = nodes["y"].to_numpy(dtype=float) * sy
    radii = nodes["marker"].to_numpy(dtype=float) / 2 + 1
    mx0, mx1, my0, my1 = px - radii, px + radii, py - radii, py + radii
    placed = np.zeros((0, 4))
    result: list[str | None] = []
    for i, (cx, cy, label, size) in enumerate(zip(px, py, nodes["label"], nodes["marker"],
                                                  strict=True)):
        if not label:
            result.append("top center")
            continue
        lines = html.unescape(label).split("<br>")
        others = np.ones(len(px), dtype=bool)
        others[i] = False
        best, best_cost = None, (math.inf, math.inf)
        for option in OPTIONS:
            b = label_box(cx, cy, lines, size / 2 + 2, option, font=font)
            on_labels = int(((np.minimum(b[2], placed[:, 2]) > np.maximum(b[0], placed[:, 0]))
                             & (np.minimum(b[3], placed[:, 3]) > np.maximum(b[1], placed[:, 1])
                                )).sum())
            on_marks = int(((np.minimum(b[2], mx1) > np.maximum(b[0], mx0))
                            & (np.minimum(b[3], my1) > np.maximum(b[1], my0)) & others).sum())
            outside = b[0] < edges[0] or b[1] < edges[1] or b[2] > edges[2] or b[3] > edges[3]
            cost = (on_labels + outside, on_marks)
            if cost < best_cost:
                best, best_cost = option, cost
            if cost == (0, 0):
                break
        free = best_cost[0] == 0 and (crowded or best_cost[1] == 0)
        if not free and not keep(label):  # it would cover a name or a mark: hover only
            result.append(None)
            continue
        placed = np.vstack([placed, label_box(cx, cy, lines, size / 2 + 2, best, font=font)])
        result.append(best)
    return result


def node_frame(ds: Dataset, graph: nx.MultiDiGraph, pos: dict, table: pd.DataFrame, *,
               lang: str = "fr", size: str = "degree", colour: str = "kind",
               labelled: int | None = None, focus: str = "") -> pd.DataFrame:
    """One row per actor shown: actor_id, x, y, name, kind, group, group_label, colour,
    symbol, value (the chosen centrality), marker (size in px), label (the name on up to
    three lines joined by ``<br>``, or '' where it has no room), textposition, hover (HTML,
    data escaped), order, focus (the actor in focus). Every actor's name is tried, the most
    central first (the ``labelled`` most central only, by default above :data:`SMALL`
    actors); a name is written only where it covers no other name and no marker."""
    kinds = style.kind_styles(ds.actors["kind"])
    kind_rank = {k: i for i, k in enumerate(kinds)}
    rows = table.set_index("actor_id").reindex(list(graph))  # in the graph's order
    frame = pd.DataFrame({"actor_id": list(graph)})
    frame["x"] = [pos[a][0] for a in graph]
    frame["y"] = [pos[a][1] for a in graph]
    frame["name"] = [network.name_of(graph, a, lang) for a in graph]
    frame["kind"] = [graph.nodes[a].get("kind", "") for a in graph]
    frame["value"] = rows[size].to_numpy(dtype=float)
    frame["symbol"] = frame["kind"].map(lambda k: kinds.get(k, ("", "circle"))[1])
    known = ds.labels("kind", lang)
    kind_labels = frame["kind"].map(lambda k: known.get(k) or str(k).replace("_", " "))
    if "status" in graph.graph.get("marks", ()):
        statuses = style.status_styles()
        frame["group"] = [graph.nodes[a]["status"] for a in graph]
        frame["group_label"] = frame["group"].map(lambda s: t(f"network.status.{s}", lang))
        frame["colour"] = frame["group"].map(lambda s: statuses[s][0])
        frame["order"] = frame["group"].map(network.STATUSES.index)
    elif colour == "community":
        cap = style.COMMUNITY_COLOURS  # smaller communities are drawn together, in grey
        numbers = [min(int(c), cap) for c in rows["community"]]
        colours = style.community_colours(numbers)
        frame["group"] = numbers
        frame["group_label"] = [
            t("network.community.other", lang) if n == cap else
            _short(str(c)) for c, n in zip(rows["community_name"], numbers, strict=True)]
        frame["colour"] = frame["group"].map(colours)
        frame["order"] = frame["group"].map(lambda n: n if n >= 0 else 10**6)
    else:
        frame["group"] = frame["kind"]
        frame["group_label"] = kind_labels
        frame["colour"] = frame["kind"].map(lambda k: kinds[k][0])
        frame["order"] = frame["kind"].map(kind_rank)
    peak = frame["value"].max() if len(frame) else 0
    small, big = (10, 36) if len(frame) <= SMALL else (4, 18)  # crowded: smaller markers
    frame["marker"] = [small + (big - small) * math.sqrt(v / peak) if peak > 0 else small + 2
                       for v in frame["value"]]
    ranked = frame.sort_values(["value", "name"], ascending=[False, True], kind="stable")
    if labelled is None:
        labelled = len(frame) if len(frame) <= SMALL else network.LABELLED
    shown = set(ranked["actor_id"].head(labelled)) | ({focus} if focus else set())
    frame["label"] = ["<br>".join(_esc(x) for x in label_lines(n)) if a in shown else ""
                      for a, n in zip(frame["actor_id"], frame["name"], strict=True)]
    # place the actor in focus, then the most central labels first: the best spots
    ranked = ranked.assign(_focus=ranked["actor_id"] == focus).sort_values(
        "_focus", ascending=False, kind="stable")
    placing = frame.loc[ranked.index]
    focus_label = frame.loc[frame["actor_id"] == focus, "label"]
    chosen = label_positions(placing, keep=lambda label: label in set(focus_label),
                             box=view_box(frame), crowded=len(frame) > SMALL)
    positions = dict(zip(placing.index, chosen, strict=True))
    frame["label"] = [label if positions[i] else "" for i, label in frame["label"].items()]
    frame["textposition"] = [positions[i] or "top center" for i in frame.index]
    hovers = []
    community_lines = {c: _esc(t("network.hover.community", lang, name=c))
                       for c in set(rows["community_name"])}
    for a, name, label, degree, between, rank, community in zip(
            frame["actor_id"], frame["name"], kind_labels, rows["degree"], rows["betweenness"],
            rows["pagerank"], rows["community_name"], strict=True):
        lines = [f"<b>{_esc(name)}</b>", _esc(label),
                 t("network.hover.metrics", lang, degree=int(degree),
                   betweenness=f"{between:.3f}", pagerank=f"{rank:.3f}"),
                 community_lines[community]]
        if "status" in graph.nodes[a]:
            lines.append(t("network.hover.status", lang,
                           status=t(f"network.status.{graph.nodes[a]['status']}", lang)))
        hovers.append("<br>".join(lines))
    frame["hover"] = hovers
    frame["focus"] = frame["actor_id"] == focus
    return frame


def edge_frame(ds: Dataset, graph: nx.MultiDiGraph, pos: dict, *, lang: str = "fr",
               quoted: int | None = None) -> pd.DataFrame:
    """One row per tie shown: source, target, key, x0, y0, x1, y1, relation, group,
    group_label, colour, dash, order, hover (HTML: who, relation label, years, quote and
    section, data escaped), quote, section_id (as in the data), mx, my (the hover point).
    Above ``quoted`` ties (default :data:`QUOTED`) the hover keeps the relation and the
    years only, on one line: 20,000 quotes and names would be most of what the browser
    receives (the quotes are in the downloads, the names on the actors)."""
    families = style.tie_family_styles()
    rank = {f: i for i, f in enumerate(families)}
    family_labels = {f: t(f"network.family.{f}", lang) for f in families}
    statuses = style.status_styles()
    marked = "status" in graph.graph.get("marks", ())
    known = ds.labels("relation", lang)
    colon = t("sep.colon", lang)
    full = graph.number_of_edges() <= (QUOTED if quoted is None else quoted)
    names: dict[str, str] = {}
    years: dict[tuple, str] = {}
    columns = {c: [] for c in ("source", "target", "key", "relation", "group",
                               "group_label", "colour", "dash", "order", "hover", "quote",
                               "section_id")}
    for u, v, k, d in graph.edges(keys=True, data=True):
        relation = d.get("relation", "")
        event = d.get("tie") == "event"
        label = t("network.shared_event", lang) if event else \
            known.get(relation) or str(relation).replace("_", " ")
        if marked:
            group, group_label = d["status"], t(f"network.status.{d['status']}", lang)
            colour, dash = statuses[d["status"]]
            order = network.STATUSES.index(d["status"])
        else:
            family = "event" if event else tie_family(relation)
            group = family
            group_label = label if event else family_labels[family]
            colour, dash = style.event_tie_style() if event else families[family]
            order = len(rank) if event else rank[family]
            if d.get("planned"):  # an intention: long dashes, listed with its family
                group, dash = f"{family}:planned", style.PLANNED_DASH
                group_label = f"{group_label} ({t('network.planned', lang)})"
                order += 0.5
        for n in (u, v):
            if n not in names:
                names[n] = _esc(network.name_of(graph, n, lang))
        source, target = names[u], names[v]
        title = (d.get("title_en") if lang == "en" else d.get("title", "")) if event else ""
        when = (d.get("start"), d.get("end"), d.get("placed_start"), d.get("placed_end"))
        if when not in years:
            years[when] = _esc(tie_years_text(d, lang))
        if not full:  # one short plain line (every tag costs 13 bytes in JSON); the
            # actors at both ends carry their names
            what = f"{_esc(label)}{colon}{_esc(title or '')}" if event else _esc(label)
            lines = [f"{what} · {years[when]}"]
        elif event:
            lines = [f"<b>{source}</b> · <b>{target}</b><br>{_esc(label)}{colon}"
                     f"{_esc(title or '')}", years[when]]
        else:
            lines = [f"<b>{source}</b> {_esc(label)} <b>{target}</b>", years[when]]
        if full:
            lines += [_quote(d.get("quote", ""), lang),
                      _esc(t("network.hover.section", lang, section=d.get("section_id", "")))]
        if marked:
            lines.insert(1, _esc(t("network.hover.status", lang, status=group_label)))
        for column, value in zip(columns, (u, v, k, relation, group, group_label, colour, dash,
                                           order, "<br>".join(lines), d.get("quote", ""),
                                           d.get("section_id", "")), strict=True):
            columns[column].append(value)
    xy = np.array([pos[n] for n in columns["source"]] or np.zeros((0, 2)), dtype=float)
    uv = np.array([pos[n] for n in columns["target"]] or np.zeros((0, 2)), dtype=float)
    frame = pd.DataFrame({
        "source": columns["source"], "target": columns["target"], "key": columns["key"],
        "x0": xy[:, 0], "y0": xy[:, 1], "x1": uv[:, 0], "y1": uv[:, 1],
        **{c: columns[c] for c in ("relation", "group", "group_label", "colour", "dash",
                                   "order", "hover", "quote", "section_id")}})
    return frame.assign(**_midpoints(frame))


def _midpoints(edges: pd.DataFrame) -> dict[str, list[float]]:
    """mx, my: where each tie's hover point sits. Ties between the same two actors are
    spread across the line, so each keeps its own hover box."""
    x0, y0 = edges["x0"].to_numpy(dtype=float), edges["y0"].to_numpy(dtype=float)
    x1, y1 = edges["x1"].to_numpy(dtype=float), edges["y1"].to_numpy(dtype=float)
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2
    sources, targets = list(edges["source"]), list(edges["target"])
    seen: dict[tuple, list[int]] = {}
    for i, (u, v) in enumerate(zip(sources, targets, strict=True)):
        seen.setdefault((u, v) if u <= v else (v, u), []).append(i)
    for pair, rows in seen.items():
        if len(rows) < 2:
            continue
        for rank, i in enumerate(rows):
            dx, dy = x1[i] - x0[i], y1[i] - y0[i]
            if sources[i] != pair[0]:  # one direction for the whole pair
                dx, dy = -dx, -dy
            length = math.hypot(dx, dy) or 1.0
            shift = (rank - (len(rows) - 1) / 2) * 0.035  # across the line
            mx[i] += -dy / length * shift
            my[i] += dx / length * shift
    mx, my = mx.tolist(), my.tolist()
    return {"mx": mx, "my": my}


# -- one view -----------------------------------------------------------------------------

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


# -- the actor card -----------------------------------------------------------------------

def actor_ties(ds: Dataset, graph: nx.MultiDiGraph, actor: str, lang: str = "fr"
               ) -> pd.DataFrame:
    """The actor's ties (either direction): tie (``a fondé → Jardins``), years, quote,
    section_id."""
    rows = []
    for u, v, _k, d in sorted(graph.in_edges(actor, keys=True, data=True)) + \
            sorted(graph.out_edges(actor, keys=True, data=True)):
        if d.get("tie") == "event":
            continue
        label = ds.label("relation", d["relation"], lang)
        source, target = network.name_of(graph, u, lang), network.name_of(graph, v, lang)
        rows.append({"tie": f"{source} — {label} → {target}",
                     "years": tie_years_text(d, lang),
                     "quote": d.get("quote", ""), "section_id": d.get("section_id", "")})
    return pd.DataFrame(rows, columns=["tie", "years", "quote", "section_id"])


def actor_events(ds: Dataset, actor: str, lang: str = "fr") -> pd.DataFrame:
    """Events the actor took part in, in date order: event, date, role, quote, section_id."""

    links = ds.event_actors[ds.event_actors["actor_id"] == actor]
    events = ds.events.merge(links, on="event_id").sort_values("start_date", kind="stable")
    return pd.DataFrame({
        "event": pick(events, "title", lang),
        "date": [format_date(s, p, lang, e) for s, p, e in
                 zip(events["start"], events["date_precision"], events["end"], strict=True)],
        "role": [ds.label("role", r, lang) for r in events["role"]],
        "quote": events["quote"], "section_id": events["section_id"],
    }, columns=["event", "date", "role", "quote", "section_id"]).reset_index(drop=True)


def _headers(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    names = {c: t(f"network.col.{c}", lang) for c in frame.columns
             if f"network.col.{c}" in _COLUMNS}
    return frame.rename(columns=names)


_COLUMNS = {f"network.col.{c}" for c in ("name", "kind", "degree", "betweenness", "pagerank",
                                         "community", "tie", "years", "quote", "section",
                                         "event", "date", "role")}


def metrics_table(ds: Dataset, result: Result, lang: str = "fr") -> pd.DataFrame:
    """The metrics of the graph shown, for people: actor_id, then translated headers (name,
    kind label, degree, betweenness, PageRank, community)."""
    table = result.metrics.drop(columns=["community"]).rename(
        columns={"community_name": "community"})
    labels = ds.labels("kind", lang)
    table["kind"] = table["kind"].map(lambda k: labels.get(k) or k)
    return _headers(table, lang)


def actor_card(ds: Dataset, graph: nx.MultiDiGraph, actor: str, lang: str = "fr") -> dict:
    """What the actor card shows: name, kind, description, quote, section, ties and events
    (tables with translated headers)."""
    node = graph.nodes[actor]
    english = lang == "en" and node.get("description_en")
    return {"name": network.name_of(graph, actor, lang),
            "kind": ds.label("kind", node.get("kind", ""), lang),
            "description": node["description_en"] if english else node.get("description", ""),
            "quote": node.get("quote", ""), "section": node.get("section_id", ""),
            "ties": _headers(actor_ties(ds, graph, actor, lang).rename(
                columns={"section_id": "section"}), lang),
            "events": _headers(actor_events(ds, actor, lang).rename(
                columns={"section_id": "section"}), lang)}


# -- the tie card -------------------------------------------------------------------------

def tie_key(value) -> str:
    """The tie a clicked point stands for (its relation_id), or '' for a point that is no
    tie (an actor)."""
    value = str(value or "")
    return value[len(TIE_PREFIX):] if value.startswith(TIE_PREFIX) else ""


def tie_card(ds: Dataset, graph: nx.MultiDiGraph, key: str, lang: str = "fr") -> dict | None:
    """What the tie card shows for the tie ``key`` (a relation_id; None when unknown):
    source and target (actor_id, name), relation (its label), family, years, and ties:
    every tie between the same two actors, either way (tie, years, quote, section), the
    one clicked first."""
    found = [(u, v, k, d) for u, v, k, d in graph.edges(keys=True, data=True) if k == key]
    if not found:
        return None
    u, v, _k, d = found[0]
    event = d.get("tie") == "event"
    relation = t("network.shared_event", lang) if event else \
        ds.label("relation", d.get("relation", ""), lang)
    pair = [(a, b, k, x) for a, b, k, x in graph.edges(keys=True, data=True)
            if {a, b} == {u, v}]
    pair.sort(key=lambda e: (e[2] != key, str(e[2])))
    rows = []
    for a, b, _k, x in pair:
        if x.get("tie") == "event":
            what = t("network.shared_event", lang) + t("sep.colon", lang) + str(
                (x.get("title_en") if lang == "en" else x.get("title")) or "")
        else:
            what = ds.label("relation", x.get("relation", ""), lang)
        rows.append({"tie": f"{network.name_of(graph, a, lang)} — {what} → "
                            f"{network.name_of(graph, b, lang)}",
                     "years": tie_years_text(x, lang), "quote": x.get("quote", ""),
                     "section": x.get("section_id", "")})
    return {"key": key, "source": (u, network.name_of(graph, u, lang)),
            "target": (v, network.name_of(graph, v, lang)), "relation": relation,
            "family": "" if event else t(f"network.family.{tie_family(d.get('relation'))}",
                                         lang),
            "years": tie_years_text(d, lang),
            "ties": _headers(pd.DataFrame(rows, columns=["tie", "years", "quote", "section"]),
                             lang)}
