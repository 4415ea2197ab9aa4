"""The network of actors: the graph, its periods, metrics, communities, layout and exports.

Pure functions (NetworkX + pandas, no Streamlit). The graph is a :class:`networkx.MultiDiGraph`
with one node per row of ``actors.csv`` and one edge per row of ``relations.csv`` (key =
``relation_id``); shared events (``event_actors.csv``) can add lighter ``event`` ties.

Time: a tie is *active* in a period when its years ``[start, end]`` meet the period; a tie
with a start and no end is still running; a tie with no year at all is shown in every period
(the page says so). Layout and communities are computed once on the whole relations graph,
seeded, and cached by the package's content hash, so actors keep their places and colours
whatever the filters.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import math
import random

import networkx as nx
import numpy as np
import pandas as pd

from anis_viz import i18n
from anis_viz.cache import per_content
from anis_viz.data import Dataset
from anis_viz.filters import year_bounds
from anis_viz.i18n import t

__all__ = [
    "EVENT_TIE", "SEED", "active_subgraph", "build_graph", "communities", "community_names",
    "compare_eras",
    "era_years", "export_gexf", "export_graphml", "layout", "metrics", "name_of",
    "neighbourhood", "pagerank", "period_of", "section_spans", "tie_active", "tie_years",
    "whole_communities",
]

SEED = 7  # same layout and communities on every run
LARGE = 499  # nodes: above this, layout by communities (NetworkX's spring layout needs
# SciPy from 500 nodes, which this project does not install)
FORCE_MAX = 2000  # members: a larger community is laid out as a disc
FORCE_ITERATIONS = 40  # per community of a large graph
EXACT = 1000  # nodes: above this, betweenness is estimated from sampled sources
SAMPLES = 48  # source nodes for the betweenness estimate of a large graph (~0.2 s at 5,000)
EVENT_TIE = "shared_event"  # relation code of the optional ties made by shared events
SIZES = ("degree", "betweenness", "pagerank")
COLOURS = ("kind", "community")
STATUSES = ("appeared", "stayed", "disappeared")
LABELLED = 15  # the most central actors always carry their name


# -- the graph ----------------------------------------------------------------------------

def _year(value) -> int | None:
    return None if value is None or value is pd.NA or value != value else int(value)


def build_graph(ds: Dataset, include_events: bool = False) -> nx.MultiDiGraph:
    """Actors as nodes (name, name_en, kind, description, description_en, section_id, quote)
    and relations as edges (relation_id, relation, tie="relation", start, end, quote,
    section_id; years are int or None). A relation with no year at all also gets
    ``placed_start``/``placed_end``: the span of the eras its section speaks of (see
    :func:`section_spans`), when the package tells. With ``include_events``, two actors of
    one event get an undirected ``tie="event"`` edge (relation :data:`EVENT_TIE`, event_id,
    title, title_en, start, end, quote, section_id)."""
    graph = nx.MultiDiGraph(content_hash=ds.content_hash, include_events=include_events)
    actors = ds.actors
    names_en = i18n.pick(actors, "name", "en")
    for row, name_en in zip(actors.itertuples(index=False), names_en, strict=True):
        graph.add_node(row.actor_id, name=row.name, name_en=name_en, kind=row.kind,
                       description=row.description, description_en=row.description_en,
                       section_id=row.section_id, quote=row.quote)
    spans = section_spans(ds)
    edges = []
    rel = ds.relations  # plain lists: iterating Arrow-backed columns row by row is slow
    columns = [rel[c].tolist() for c in ("source_id", "target_id", "relation_id", "relation",
                                         "quote", "section_id")]
    years = [[_year(v) for v in rel[c].astype(object).tolist()] for c in ("start", "end")]
    marks = _marks(rel)
    for source, target, relation_id, relation, quote, section, start, end, mark in zip(
            *columns, *years, marks, strict=True):
        placed = spans.get(section) if start is None and end is None else None
        edges.append((source, target, relation_id, {
            "relation_id": relation_id, "relation": relation, "tie": "relation",
            "start": start, "end": end, "quote": quote, "section_id": section,
            "placed_start": placed[0] if placed else None,
            "placed_end": placed[1] if placed else None, **mark}))
    graph.add_edges_from(edges)
    if include_events and not ds.event_actors.empty:
        events = ds.events.set_index("event_id")
        for event_id, group in ds.event_actors.groupby("event_id", sort=True):
            event = events.loc[event_id]
            start = _year(event["start_year"])
            end = _year(event["end_year"]) or start
            for a, b in itertools.combinations(sorted(set(group["actor_id"])), 2):
                graph.add_edge(a, b, key=f"{event_id}:{a}:{b}", relation_id="",
                               relation=EVENT_TIE, tie="event", event_id=event_id,
                               title=event["title"], title_en=event["title_en"] or event["title"],
                               start=start, end=end, quote=event["quote"],
                               section_id=event["section_id"],
                               **_marks(events.loc[[event_id]])[0])
    return graph


def _marks(rows: pd.DataFrame) -> list[dict]:
    """Per row, how sure the source is: ``planned`` (True for an intention the source
    states, e.g. a programme adopted) and, when the source qualifies a date,
    ``start_qualifier``/``end_qualifier`` (circa, before, after). Rows of a package
    without these optional columns get nothing (attested, dates as written)."""
    columns = {c: rows[c].tolist() if c in rows else [""] * len(rows)
               for c in ("status", "start_qualifier", "end_qualifier")}
    marks = []
    for status, first, last in zip(*columns.values(), strict=True):
        mark = {"planned": True} if status == "planned" else {}
        mark |= {k: v for k, v in (("start_qualifier", first), ("end_qualifier", last)) if v}
        marks.append(mark)
    return marks


def name_of(graph: nx.Graph, node: str, lang: str = "fr") -> str:
    data = graph.nodes[node]
    return (data.get("name_en") if lang == "en" else None) or data.get("name") or node


# -- time ---------------------------------------------------------------------------------

def era_years(ds: Dataset) -> dict[str, tuple[int, int]]:
    """Era id -> (first year, last year), in era order; an open era runs to the last year
    the package speaks of. When the next era starts in the year this one ends (ANIS 1.0
    ends in 2011, ANIS 2.0 starts in 2011), that year goes to the next era, so a tie that
    starts then is not counted in both."""
    last = year_bounds(ds)[1]
    eras = ds.eras.sort_values("start_date", kind="stable")
    starts = [int(s) for s in eras["start_year"]]
    spans = {}
    for i, (era, end) in enumerate(zip(eras["era_id"], eras["end_year"], strict=True)):
        end = int(end) if not pd.isna(end) else max(last, starts[i])
        if i + 1 < len(starts) and starts[i + 1] == end and end > starts[i]:
            end -= 1
        spans[era] = (starts[i], end)
    return spans


def period_of(ds: Dataset, eras=(), years: tuple[int, int] | None = None,
              year: int | None = None) -> tuple[int, int] | None:
    """The years a view covers: one ``year``, else the span of the chosen ``eras`` (cut to
    ``years``), else ``years``; None for all time."""
    if year is not None:
        return (int(year), int(year))
    spans = [era_years(ds)[e] for e in eras if e in era_years(ds)]
    if spans:
        first, last = min(s for s, _ in spans), max(e for _, e in spans)
        if years:
            first, last = max(first, years[0]), min(last, years[1])
        return (first, last) if first <= last else (years[0], years[0]) if years else None
    return tuple(years) if years else None


def section_spans(ds: Dataset) -> dict[str, tuple[int, int]]:
    """Section id -> (first, last) year of the eras that the package's dated rows citing
    that section belong to (events and theme mentions with an ``era_id``). Where an undated
    tie comes from in the text says when it held."""
    eras = era_years(ds)
    cited = pd.concat([ds.events[["section_id", "era_id"]],
                       ds.theme_mentions[["section_id", "era_id"]]])
    cited = cited[cited["era_id"].isin(set(eras))]
    return {section: (min(eras[e][0] for e in group), max(eras[e][1] for e in group))
            for section, group in cited.groupby("section_id")["era_id"]}


def tie_years(data: dict) -> tuple[int | None, int | None]:
    """A tie's years for time slicing: its own, else where its section places it."""
    if data.get("start") is None and data.get("end") is None:
        return data.get("placed_start"), data.get("placed_end")
    return data.get("start"), data.get("end")


def tie_active(start: int | None, end: int | None, years: tuple[int, int] | None) -> bool:
    """Whether a tie of years [start, end] meets ``years``. No end: still running. No year
    at all: undated, shown in every period."""
    if years is None or (start is None and end is None):
        return True
    first, last = years
    return (start if start is not None else -math.inf) <= last and \
        (end if end is not None else math.inf) >= first


def active_subgraph(graph: nx.MultiDiGraph, years: tuple[int, int] | None) -> nx.MultiDiGraph:
    """The ties active in ``years`` and the actors they touch (all actors when None)."""
    if years is None:
        return graph.copy()
    edges = [(u, v, k) for u, v, k, d in graph.edges(keys=True, data=True)
             if tie_active(*tie_years(d), years)]
    touched = {u for u, _, _ in edges} | {v for _, v, _ in edges}
    sub = nx.MultiDiGraph(**graph.graph)
    sub.add_nodes_from((n, graph.nodes[n]) for n in graph if n in touched)
    sub.add_edges_from((u, v, k, graph.edges[u, v, k]) for u, v, k in edges)
    return sub


def neighbourhood(graph: nx.MultiDiGraph, actor: str, depth: int = 1) -> nx.MultiDiGraph:
    """The actors at most ``depth`` ties away from ``actor`` (either direction), with the
    ties between them."""
    if actor not in graph:
        return nx.MultiDiGraph(**graph.graph)
    reach = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), actor,
                                                  cutoff=max(1, int(depth)))
    return graph.subgraph(reach).copy()


def compare_eras(graph: nx.MultiDiGraph, first: tuple[int, int], second: tuple[int, int]
                 ) -> nx.MultiDiGraph:
    """The union of two periods' graphs; every node and edge gets ``status``: ``appeared``
    (only in the second), ``stayed`` (both) or ``disappeared`` (only in the first)."""
    a, b = active_subgraph(graph, first), active_subgraph(graph, second)
    union = nx.MultiDiGraph(**graph.graph)
    for node in sorted(set(a) | set(b)):
        status = "stayed" if node in a and node in b else "appeared" if node in b \
            else "disappeared"
        union.add_node(node, **graph.nodes[node], status=status)
    edges_a, edges_b = set(a.edges(keys=True)), set(b.edges(keys=True))
    for u, v, k in sorted(edges_a | edges_b):
        status = "stayed" if (u, v, k) in edges_a and (u, v, k) in edges_b else \
            "appeared" if (u, v, k) in edges_b else "disappeared"
        union.add_edge(u, v, k, **graph.edges[u, v, k], status=status)
    return union


# -- metrics ------------------------------------------------------------------------------

def _structure_key(graph: nx.Graph) -> tuple | None:
    """What a graph's layout, communities and centralities depend on: the package's content
    key (:func:`build_graph` sets ``content_hash``) and a digest of its actors and ties.
    None for a graph built by hand (no content hash): not cached. Worked out once per graph
    object (kept on it: a graph is not changed once drawn, and the cached ones are frozen),
    so that asking the cache again costs nothing at 20,000 ties."""
    digest = graph.graph.get("content_hash")
    if not digest:
        return None
    known = graph.__dict__.get("_structure_key")
    if known is None:
        edges = tuple(graph.edges(keys=True)) if graph.is_multigraph() else tuple(graph.edges())
        shape = hashlib.blake2b(repr((tuple(graph), edges)).encode(), digest_size=16)
        known = graph.__dict__["_structure_key"] = ("hash", digest, shape.hexdigest())
    return known


@per_content(key=_structure_key, maxsize=64)
def _simple(graph: nx.Graph) -> nx.Graph:
    """Undirected simple graph; ``weight`` = number of ties between two actors. Made once
    per graph of a package (frozen): layout, communities and metrics all start from it."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph))
    for u, v in graph.edges():
        if u == v:
            continue
        w = simple.edges[u, v]["weight"] + 1 if simple.has_edge(u, v) else 1
        simple.add_edge(u, v, weight=w)
    return simple


def pagerank(simple: nx.Graph, alpha: float = 0.85, tol: float = 1e-10,
             max_iter: int = 200) -> dict[str, float]:
    """Weighted PageRank by power iteration in NumPy (NetworkX's own needs SciPy, which this
    project does not install). Same result as :func:`networkx.pagerank`."""
    nodes = list(simple)
    n = len(nodes)
    if n == 0:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    pairs = [(index[u], index[v], d.get("weight", 1)) for u, v, d in simple.edges(data=True)]
    src = np.array([p[0] for p in pairs] + [p[1] for p in pairs], dtype=int)
    dst = np.array([p[1] for p in pairs] + [p[0] for p in pairs], dtype=int)
    w = np.array([p[2] for p in pairs] * 2, dtype=float)
    out = np.bincount(src, weights=w, minlength=n)
    dangling = out == 0
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        share = np.where(dangling, 0.0, x / np.where(dangling, 1.0, out))
        new = np.bincount(dst, weights=share[src] * w, minlength=n) * alpha
        new += (alpha * x[dangling].sum() + 1 - alpha) / n
        done = np.abs(new - x).sum() < n * tol
        x = new
        if done:
            break
    return dict(zip(nodes, x.tolist(), strict=True))


@per_content(key=_structure_key, maxsize=64)
def communities(graph: nx.Graph) -> dict[str, int]:
    """Actor -> community number (Louvain, seeded). Communities are numbered by size, then
    by their first member; an actor without any tie gets -1. Computed once per graph of a
    package (its actors and ties)."""
    simple = _simple(graph)
    # large: stop when a level gains less than 1e-4 modularity (same partition at 5,000
    # actors, a third less time than the default 1e-7)
    found = nx.community.louvain_communities(simple, weight="weight", seed=SEED,
                                             threshold=1e-4 if len(simple) > LARGE else 1e-7)
    found = sorted((sorted(c) for c in found if len(c) > 1), key=lambda c: (-len(c), c[0]))
    number = {node: i for i, members in enumerate(found) for node in members}
    return {node: number.get(node, -1) for node in sorted(graph)}


def _arrays(simple: nx.Graph) -> tuple[list, np.ndarray, np.ndarray, np.ndarray]:
    """Nodes, and the CSR adjacency of ``simple`` (both directions, no self-loop): indptr,
    neighbours, weights."""
    nodes = list(simple)
    index = {node: i for i, node in enumerate(nodes)}
    pairs = [(index[u], index[v], d.get("weight", 1)) for u, v, d in simple.edges(data=True)
             if u != v]
    u = np.array([p[0] for p in pairs], dtype=np.int64)
    v = np.array([p[1] for p in pairs], dtype=np.int64)
    w = np.array([p[2] for p in pairs], dtype=float)
    src, dst, weight = np.concatenate([u, v]), np.concatenate([v, u]), np.concatenate([w, w])
    order = np.argsort(src, kind="stable")
    indptr = np.concatenate([[0], np.cumsum(np.bincount(src, minlength=len(nodes)))])
    return nodes, indptr, dst[order], weight[order]


def betweenness(simple: nx.Graph, k: int | None = None, seed: int = SEED) -> dict[str, float]:
    """Normalised betweenness of an undirected simple graph (unweighted shortest paths),
    Brandes' algorithm in NumPy, one breadth-first search per source, level by level. With
    ``k``, estimated from ``k`` sources drawn as :func:`networkx.betweenness_centrality`
    draws them (``random.Random(seed).sample``): the same values as NetworkX, about ten
    times faster."""
    nodes, indptr, neighbours, _ = _arrays(simple)
    n = len(nodes)
    if n == 0:
        return {}
    sampled = None if k is None or k >= n else random.Random(seed).sample(nodes, k)
    index = {node: i for i, node in enumerate(nodes)}
    sources = range(n) if sampled is None else [index[s] for s in sampled]
    total = np.zeros(n)
    degree = np.diff(indptr)
    for s in sources:
        dist = np.full(n, -1, dtype=np.int64)
        sigma = np.zeros(n)
        dist[s], sigma[s] = 0, 1.0
        frontier, level, steps = np.array([s]), 0, []
        while frontier.size:
            counts = degree[frontier]
            starts = np.repeat(indptr[frontier] - np.cumsum(counts) + counts, counts)
            ends = neighbours[starts + np.arange(counts.sum())]
            tails = np.repeat(frontier, counts)
            fresh = np.unique(ends[dist[ends] < 0])
            dist[fresh] = level + 1
            keep = dist[ends] == level + 1
            tails, ends = tails[keep], ends[keep]
            sigma += np.bincount(ends, weights=sigma[tails], minlength=n)
            steps.append((tails, ends))
            frontier, level = fresh, level + 1
        delta = np.zeros(n)
        for tails, ends in reversed(steps):
            delta += np.bincount(tails, weights=sigma[tails] / sigma[ends] * (1 + delta[ends]),
                                 minlength=n)
        delta[s] = 0.0
        total += delta
    if n > 2:  # as networkx's _rescale, normalised, endpoints excluded
        if sampled is None:
            total *= 1 / ((n - 1) * (n - 2))
        else:
            scale = np.full(n, 1 / (len(sources) * (n - 2)))
            scale[list(sources)] = 1 / ((len(sources) - 1) * (n - 2)) if len(sources) > 1 \
                else math.nan
            total *= scale
    return dict(zip(nodes, total.tolist(), strict=True))


@per_content(key=_structure_key, maxsize=64)
def _centralities(graph: nx.Graph) -> tuple[dict, dict]:
    simple = _simple(graph)
    n = len(simple)
    return (betweenness(simple, k=min(n, SAMPLES) if n > EXACT else None),
            pagerank(simple))


def metrics(graph: nx.MultiDiGraph, lang: str = "fr", community: dict | None = None,
            names: dict | None = None) -> pd.DataFrame:
    """One row per actor: actor_id, name, kind, degree (number of ties), betweenness
    (normalised; estimated from :data:`SAMPLES` seeded sources above :data:`EXACT` actors),
    pagerank, community (number, -1 for no
    tie) and community_name (``names``, else its most central member here), most central
    first."""
    between, rank = _centralities(graph)  # once per package and graph shown (period, focus)
    if community is None:
        community = communities(graph)
    frame = pd.DataFrame({
        "actor_id": list(graph),
        "name": [name_of(graph, a, lang) for a in graph],
        "kind": [graph.nodes[a].get("kind", "") for a in graph],
        "degree": [graph.degree(a) for a in graph],
        "betweenness": [between.get(a, 0.0) for a in graph],
        "pagerank": [rank.get(a, 0.0) for a in graph],
        "community": [community.get(a, -1) for a in graph],
    }, columns=["actor_id", "name", "kind", "degree", "betweenness", "pagerank", "community"])
    frame = frame.sort_values(["degree", "betweenness", "name"], ascending=[False, False, True],
                              kind="stable").reset_index(drop=True)
    if names is None:
        leaders = frame[frame["community"] >= 0].drop_duplicates("community")
        names = dict(zip(leaders["community"], leaders["name"], strict=True))
    frame["community_name"] = frame["community"].map(
        lambda c: names.get(c) if c >= 0 else t("network.community.none", lang))
    return frame


def community_names(graph: nx.MultiDiGraph, community: dict, lang: str = "fr"
                    ) -> dict[int, str]:
    """Community number -> the name of its member with the most ties (then by id)."""
    best: dict[int, tuple] = {}
    for node in graph:
        number = community.get(node, -1)
        rank = (-graph.degree(node), node)
        if number >= 0 and (number not in best or rank < best[number]):
            best[number] = rank
    return {number: name_of(graph, rank[1], lang) for number, rank in best.items()}


# -- layout -------------------------------------------------------------------------------

def _spring(graph: nx.Graph, iterations: int = 200) -> dict:
    if len(graph) == 0:
        return {}
    if len(graph) == 1:
        return {next(iter(graph)): np.zeros(2)}
    if len(graph) > LARGE:  # NetworkX would need SciPy: a seeded disc
        return _disc(sorted(graph), np.random.default_rng(SEED))
    k = 1.6 / math.sqrt(len(graph))  # a little more room than the default, for labels
    return nx.spring_layout(_ordered(graph), k=k, seed=SEED, iterations=iterations,
                            weight=None)


def _ordered(graph: nx.Graph) -> nx.Graph:
    """The same graph with its actors and ties in sorted order. A subgraph view iterates
    its node set in hash order, which changes between processes; seeded layouts start from
    the node order, so they need a fixed one to be deterministic."""
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(graph))
    ordered.add_edges_from(sorted(tuple(sorted(edge)) for edge in graph.edges()))
    return ordered


def _force(graph: nx.Graph, iterations: int, rng) -> dict:
    """Fruchterman-Reingold as NetworkX's dense solver does it (repulsion between every
    pair, attraction along the ties, a cooling step), in float32 NumPy with the x and y
    axes apart and the attraction summed over the ties only: several times faster than
    ``nx.spring_layout`` on a community of a few hundred actors, and no SciPy."""
    graph = _ordered(graph)
    nodes = list(graph)
    n = len(nodes)
    index = {node: i for i, node in enumerate(nodes)}
    ties = np.array([(index[u], index[v]) for u, v in graph.edges() if u != v],
                    dtype=np.int64).reshape(-1, 2)
    a, b = ties[:, 0], ties[:, 1]
    x, y = (rng.random(n).astype(np.float32) for _ in range(2))
    k = np.float32(1.6 / math.sqrt(n))
    step = 0.1 * max(float(np.ptp(x)), float(np.ptp(y)))
    cool = step / (iterations + 1)
    for _ in range(iterations):
        dx, dy = x[:, None] - x[None, :], y[:, None] - y[None, :]
        d2 = np.maximum(dx * dx + dy * dy, np.float32(1e-4))
        push = k * k / d2
        fx, fy = (dx * push).sum(axis=1), (dy * push).sum(axis=1)
        ex, ey = x[a] - x[b], y[a] - y[b]
        pull = np.sqrt(ex * ex + ey * ey) / k  # attraction d²/k along each tie
        fx -= np.bincount(a, ex * pull, n) - np.bincount(b, ex * pull, n)
        fy -= np.bincount(a, ey * pull, n) - np.bincount(b, ey * pull, n)
        length = np.sqrt(fx * fx + fy * fy)
        length = np.where(length < 0.01, 0.1, length)
        x = (x + fx * (step / length)).astype(np.float32)
        y = (y + fy * (step / length)).astype(np.float32)
        step -= cool
    return {node: np.array([x[i], y[i]], dtype=float) for i, node in enumerate(nodes)}


def _disc(members: list, rng) -> dict:
    angles, spread = rng.uniform(0, 2 * math.pi, len(members)), \
        np.sqrt(rng.uniform(0, 1, len(members)))
    return {m: np.array([math.cos(a) * s, math.sin(a) * s])
            for m, a, s in zip(members, angles, spread, strict=True)}


def _by_communities(simple: nx.Graph, community: dict) -> dict:
    """Large graphs: lay each community out on its own (dense spring, < 500 nodes each, no
    SciPy), then place the communities by a spring layout of the community graph."""
    groups: dict[int, list] = {}
    for node in sorted(simple):
        groups.setdefault(community.get(node, -1), []).append(node)
    meta = nx.Graph()
    meta.add_nodes_from(groups)
    for u, v in simple.edges():
        a, b = community.get(u, -1), community.get(v, -1)
        if a != b:
            meta.add_edge(a, b, weight=meta.edges[a, b]["weight"] + 1 if meta.has_edge(a, b)
                          else 1)
    centres = _spring(meta, iterations=100) if len(meta) <= LARGE else \
        nx.circular_layout(meta)
    rng = np.random.default_rng(SEED)
    pos = {}
    for number, members in groups.items():
        radius = 0.12 * math.sqrt(len(members) / max(1, len(simple))) * math.sqrt(len(groups))
        if 1 < len(members) <= FORCE_MAX:
            local = _force(simple.subgraph(members), FORCE_ITERATIONS, rng)
        else:  # isolated actors, or one giant group: a seeded disc
            local = _disc(members, rng)
        for node, xy in local.items():
            pos[node] = np.asarray(centres[number]) + radius * np.asarray(xy)
    return pos


def _fit(pos: dict, nodes, box: tuple[float, float, float, float], spread: float = 0.0
         ) -> dict[str, tuple[float, float]]:
    """Scale positions into ``box`` (x0, y0, x1, y1). ``spread`` mixes in each axis's rank
    order (0: as laid out, 1: evenly spaced), which opens up a crowded core so labels fit."""
    nodes = list(nodes)
    xy = np.array([pos[n] for n in nodes], dtype=float).reshape(len(nodes), 2)
    low, high = xy.min(axis=0), xy.max(axis=0)
    unit = np.where(high - low > 0, (xy - low) / np.where(high - low > 0, high - low, 1), 0.5)
    if spread and len(nodes) > 2:
        ranks = xy.argsort(axis=0).argsort(axis=0) / (len(nodes) - 1)
        unit = (1 - spread) * unit + spread * ranks
    x0, y0, x1, y1 = box
    return {n: (round(float(x0 + u[0] * (x1 - x0)), 6), round(float(y0 + u[1] * (y1 - y0)), 6))
            for n, u in zip(nodes, unit, strict=True)}


ROW_UNITS = 14  # cells per row of the bottom band (small components, actors with no tie)
MAX_ROWS = 4  # the band never takes more than 0.6 of the [-1, 1] height


@per_content(key=_structure_key, maxsize=8)
def layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Actor -> (x, y) in [-1, 1], seeded. Cached by the graph's content (``content_hash``,
    set by :func:`build_graph`, and its actors and ties): lay out the whole relations graph
    once, then reuse the positions for every period and neighbourhood so nothing jumps."""
    simple = _simple(graph)
    parts = sorted((sorted(c) for c in nx.connected_components(simple)),
                   key=lambda c: (-len(c), c[0]))
    main = parts[0] if parts and len(parts[0]) > 1 else []
    rest = parts[1:] if main else parts
    # the small components, then the actors without a tie, packed in rows along the bottom
    widths = [math.ceil(math.sqrt(len(part))) + (len(part) > 1) for part in rest]
    per_row = max(ROW_UNITS, math.ceil(sum(widths) / MAX_ROWS))  # many: smaller cells
    cells, row, used = [], 0, 0
    for part, width in zip(rest, widths, strict=True):
        width = min(per_row, width)
        if used + width > per_row:
            row, used = row + 1, 0
        cells.append((part, row, used, width))
        used += width
    rows = row + 1 if cells else 0
    band, unit = 0.2 * min(1.0, 3 / max(rows, 1)), 2 / per_row
    out: dict[str, tuple[float, float]] = {}
    if main:
        sub = simple.subgraph(main)
        # the whole graph's communities (computed once, see whole_communities)
        pos = _by_communities(sub, communities(graph)) if len(sub) > LARGE \
            else _spring(sub)
        out |= _fit(pos, main, (-1, -1 + rows * band + (0.06 if rows else 0), 1, 1),
                    spread=0.0 if len(sub) > LARGE else 0.4)
    for part, r, col, width in cells:
        x0, y1 = -1 + col * unit, -1 + (rows - r) * band
        box = (x0 + 0.2 * unit, y1 - band * 0.85, x0 + (width - 0.2) * unit, y1 - band * 0.3)
        if len(part) == 1:
            box = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2) * 2
        sub = simple.subgraph(part)
        out |= _fit(_row(sub) if len(part) <= 3 else _spring(sub, iterations=100), part, box)
    return out


def _row(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Two or three actors on one level line, the best connected in the middle: small
    components read as tidy rows beside the main one, not as lines at random angles."""
    ranked = sorted(graph, key=lambda n: (-graph.degree(n), n))
    order = ranked if len(ranked) < 3 else [ranked[1], ranked[0], ranked[2]]
    return {n: (float(i), 0.0) for i, n in enumerate(order)}



def whole_communities(graph: nx.Graph) -> dict[str, int]:
    """:func:`communities` of the whole graph (cached, like every graph's)."""
    return communities(graph)


# -- exports ------------------------------------------------------------------------------

def _exportable(graph: nx.MultiDiGraph, table: pd.DataFrame | None) -> nx.MultiDiGraph:
    """A copy for Gephi: every attribute kept, empty ones left out (GraphML has no None),
    the metrics added to the nodes, ``label`` = the actor's name."""
    out = nx.MultiDiGraph()
    out.graph.update({k: v for k, v in graph.graph.items()
                      if isinstance(v, str | int | float | bool)})
    rows = {} if table is None else table.set_index("actor_id").to_dict("index")
    for node, data in graph.nodes(data=True):
        attrs = {k: v for k, v in data.items() if v is not None}
        attrs["label"] = data.get("name") or node
        for column in ("degree", "betweenness", "pagerank", "community", "community_name"):
            if column in rows.get(node, {}):
                value = rows[node][column]
                attrs[column] = value.item() if hasattr(value, "item") else value
        out.add_node(node, **attrs)
    for u, v, k, data in graph.edges(keys=True, data=True):
        out.add_edge(u, v, key=k, **{a: b for a, b in data.items() if b is not None})
    return out


def export_graphml(graph: nx.MultiDiGraph, table: pd.DataFrame | None = None) -> bytes:
    """The graph as GraphML, with every node and edge attribute and the metrics."""
    buffer = io.BytesIO()
    nx.write_graphml(_exportable(graph, table), buffer, encoding="utf-8")
    return buffer.getvalue()


def export_gexf(graph: nx.MultiDiGraph, table: pd.DataFrame | None = None) -> bytes:
    """The graph as GEXF 1.2 (Gephi's own format), with every attribute and the metrics."""
    buffer = io.BytesIO()
    exportable = _exportable(graph, table)
    exportable.graph = {}  # GEXF writes graph attributes as its mode/meta, not as data
    nx.write_gexf(exportable, buffer, encoding="utf-8")
    return buffer.getvalue()
