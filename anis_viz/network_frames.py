"""The tables the network figure draws: one row per actor (:func:`node_frame`: place, size,
colour, name and hover box) and per tie (:func:`edge_frame`: ends, family, hover box), the
axis ranges that frame them (:func:`view_box`), and the words they carry (a tie's years, its
family: :data:`RELATION_FAMILY`)."""

from __future__ import annotations

import html
import math

import networkx as nx
import numpy as np
import pandas as pd

from anis_viz import network, style
from anis_viz.data import Dataset
from anis_viz.i18n import format_span, t
from anis_viz.network_labels import FULL, label_lines, label_positions, wrap_words

__all__ = ["FALLBACK_FAMILY", "QUOTED", "RELATION_FAMILY", "SMALL", "edge_frame", "node_frame", "tie_family", "tie_years_text", "view_box", "years_text"]

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


def _esc(text: str) -> str:
    """Data text inside Plotly's HTML-like labels: < > & escaped; quotes left as they are
    (Plotly shows ``&quot;`` literally)."""
    return html.escape(str(text), quote=False)


def _short(name: str, limit: int = 26) -> str:
    """A label for the chart: long names are cut (the hover box has them whole)."""
    return name if len(name) <= limit else name[:limit - 1].rstrip() + "…"


def _quote(text: str, lang: str) -> str:
    lines = "<br>".join(_esc(line) for line in wrap_words(text))
    return t("network.hover.quote", lang, quote=lines)


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


def _node_groups(ds: Dataset, graph: nx.MultiDiGraph, frame: pd.DataFrame,
                 rows: pd.DataFrame, kind_labels: pd.Series, *, lang: str,
                 colour: str) -> dict[str, list]:
    """group, group_label, colour and order of each actor: by status (two eras compared),
    by community, or by kind."""
    if "status" in graph.graph.get("marks", ()):
        statuses = style.status_styles()
        group = pd.Series([graph.nodes[a]["status"] for a in graph], index=frame.index)
        return {"group": group, "group_label": group.map(lambda s: t(f"network.status.{s}", lang)),
                "colour": group.map(lambda s: statuses[s][0]),
                "order": group.map(network.STATUSES.index)}
    if colour == "community":
        cap = style.COMMUNITY_COLOURS  # smaller communities are drawn together, in grey
        numbers = pd.Series([min(int(c), cap) for c in rows["community"]], index=frame.index)
        colours = style.community_colours(list(numbers))
        return {"group": numbers,
                "group_label": [t("network.community.other", lang) if n == cap else
                                _short(str(c)) for c, n in zip(rows["community_name"], numbers,
                                                               strict=True)],
                "colour": numbers.map(colours),
                "order": numbers.map(lambda n: n if n >= 0 else 10**6)}
    kinds = style.kind_styles(ds.actors["kind"])
    kind_rank = {k: i for i, k in enumerate(kinds)}
    return {"group": frame["kind"], "group_label": kind_labels,
            "colour": frame["kind"].map(lambda k: kinds[k][0]),
            "order": frame["kind"].map(kind_rank)}


def _node_labels(frame: pd.DataFrame, *, labelled: int | None, focus: str) -> dict[str, list]:
    """label and textposition of each actor: the names tried the most central first (the
    actor in focus before them), each written where it covers no other name and no
    marker."""
    ranked = frame.sort_values(["value", "name"], ascending=[False, True], kind="stable")
    if labelled is None:
        labelled = len(frame) if len(frame) <= SMALL else network.LABELLED
    shown = set(ranked["actor_id"].head(labelled)) | ({focus} if focus else set())
    labels = pd.Series(["<br>".join(_esc(x) for x in label_lines(n)) if a in shown else ""
                        for a, n in zip(frame["actor_id"], frame["name"], strict=True)],
                       index=frame.index)
    ranked = ranked.assign(_focus=ranked["actor_id"] == focus).sort_values(
        "_focus", ascending=False, kind="stable")
    placing = frame.assign(label=labels).loc[ranked.index]
    focus_label = set(labels[frame["actor_id"] == focus])
    chosen = label_positions(placing, keep=lambda label: label in focus_label,
                             box=view_box(frame), crowded=len(frame) > SMALL)
    positions = dict(zip(placing.index, chosen, strict=True))
    return {"label": [label if positions[i] else "" for i, label in labels.items()],
            "textposition": [positions[i] or "top center" for i in frame.index]}


def _node_hovers(graph: nx.MultiDiGraph, frame: pd.DataFrame, rows: pd.DataFrame,
                 kind_labels: pd.Series, lang: str) -> list[str]:
    """Each actor's hover box: name, kind, measures, community (and status)."""
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
    return hovers


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
    for column, values in _node_groups(ds, graph, frame, rows, kind_labels, lang=lang,
                                       colour=colour).items():
        frame[column] = values
    peak = frame["value"].max() if len(frame) else 0
    small, big = (10, 36) if len(frame) <= SMALL else (4, 18)  # crowded: smaller markers
    frame["marker"] = [small + (big - small) * math.sqrt(v / peak) if peak > 0 else small + 2
                       for v in frame["value"]]
    for column, values in _node_labels(frame, labelled=labelled, focus=focus).items():
        frame[column] = values
    frame["hover"] = _node_hovers(graph, frame, rows, kind_labels, lang)
    frame["focus"] = frame["actor_id"] == focus
    return frame


def _tie_group(d: dict, label: str, event: bool, *, lang: str, marked: bool) -> tuple:
    """(group, group_label, colour, dash, order) of a tie: its status (two eras compared),
    or its family, a planned tie beside its family in long dashes."""
    if marked:
        colour, dash = style.status_styles()[d["status"]]
        return (d["status"], t(f"network.status.{d['status']}", lang), colour, dash,
                network.STATUSES.index(d["status"]))
    families = style.tie_family_styles()
    family = "event" if event else tie_family(d.get("relation", ""))
    group_label = label if event else t(f"network.family.{family}", lang)
    colour, dash = style.event_tie_style() if event else families[family]
    order = len(families) if event else list(families).index(family)
    if d.get("planned"):  # an intention: long dashes, listed with its family
        return (f"{family}:planned", f"{group_label} ({t('network.planned', lang)})", colour,
                style.PLANNED_DASH, order + 0.5)
    return family, group_label, colour, dash, order


def edge_frame(ds: Dataset, graph: nx.MultiDiGraph, pos: dict, *, lang: str = "fr",
               quoted: int | None = None) -> pd.DataFrame:
    """One row per tie shown: source, target, key, x0, y0, x1, y1, relation, group,
    group_label, colour, dash, order, hover (HTML: who, relation label, years, quote and
    section, data escaped), quote, section_id (as in the data), mx, my (the hover point).
    Above ``quoted`` ties (default :data:`QUOTED`) the hover keeps the relation and the
    years only, on one line: 20,000 quotes and names would be most of what the browser
    receives (the quotes are in the downloads, the names on the actors)."""
    marked = "status" in graph.graph.get("marks", ())
    known = ds.labels("relation", lang)
    colon = t("sep.colon", lang)
    full = graph.number_of_edges() <= (QUOTED if quoted is None else quoted)
    names: dict[str, str] = {}
    years: dict[tuple, str] = {}
    groups: dict[tuple, tuple] = {}
    columns = {c: [] for c in ("source", "target", "key", "relation", "group",
                               "group_label", "colour", "dash", "order", "hover", "quote",
                               "section_id")}
    for u, v, k, d in graph.edges(keys=True, data=True):
        relation = d.get("relation", "")
        event = d.get("tie") == "event"
        label = t("network.shared_event", lang) if event else \
            known.get(relation) or str(relation).replace("_", " ")
        kind = (relation, event, d.get("status"), bool(d.get("planned")))
        if kind not in groups:
            groups[kind] = _tie_group(d, label, event, lang=lang, marked=marked)
        group, group_label, colour, dash, order = groups[kind]
        for n in (u, v):
            if n not in names:
                names[n] = _esc(network.name_of(graph, n, lang))
        when = (d.get("start"), d.get("end"), d.get("placed_start"), d.get("placed_end"))
        if when not in years:
            years[when] = _esc(tie_years_text(d, lang))
        hover = _tie_hover(d, (names[u], names[v]), label, event, years[when], lang=lang,
                           colon=colon, full=full, status=group_label if marked else "")
        for column, value in zip(columns, (u, v, k, relation, group, group_label, colour, dash,
                                           order, hover, d.get("quote", ""),
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


def _tie_hover(d: dict, ends: tuple[str, str], label: str, event: bool, years: str, *,
               lang: str, colon: str, full: bool, status: str) -> str:
    """A tie's hover box (HTML; ``ends`` and ``years`` already escaped): who, what, when,
    and with ``full`` the quote and its section; else one short plain line (every tag
    costs 13 bytes in JSON; the actors at both ends carry their names)."""
    source, target = ends
    title = (d.get("title_en") if lang == "en" else d.get("title", "")) if event else ""
    if not full:
        what = f"{_esc(label)}{colon}{_esc(title or '')}" if event else _esc(label)
        lines = [f"{what} · {years}"]
    elif event:
        lines = [f"<b>{source}</b> · <b>{target}</b><br>{_esc(label)}{colon}"
                 f"{_esc(title or '')}", years]
    else:
        lines = [f"<b>{source}</b> {_esc(label)} <b>{target}</b>", years]
    if full:
        lines += [_quote(d.get("quote", ""), lang),
                  _esc(t("network.hover.section", lang, section=d.get("section_id", "")))]
    if status:
        lines.insert(1, _esc(t("network.hover.status", lang, status=status)))
    return "<br>".join(lines)


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
