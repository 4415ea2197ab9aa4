"""The network through the years: which actors and ties are active each year, how it was
drawn to be played, and its measures year by year.

Pure functions (NetworkX + pandas, no Streamlit). A year's network is exactly the page's
single-year view (:func:`anis_viz.network.active_subgraph` for ``(year, year)``), and
positions come from :func:`anis_viz.network.layout` of the whole relations graph, so every
year keeps the same places.

How sure a tie is, from the data: ``exact`` (its own years), ``approx`` (no year of its
own, placed by its section's eras, or a date the source qualifies with circa, before or
after) and ``planned`` (an intention, e.g. a programme adopted).
"""

from __future__ import annotations

from collections import Counter

import networkx as nx
import numpy as np
import pandas as pd

from anis_viz import network
from anis_viz.data import Dataset
from anis_viz.filters import year_bounds
from anis_viz.i18n import t

__all__ = ["KINDS", "active_ties", "actor_measures", "centralities", "ended_ties", "frames", "jumps",
           "measures", "tie_table", "year_slice", "years_of"]

KINDS = ("exact", "approx", "planned")  # how a tie is drawn in playback, in drawing order
JUMP_MIN = 3  # ties: a smaller rise from one year to the next is not called a jump
JUMPS = 3  # the largest jumps annotated


def years_of(ds: Dataset, graph: nx.MultiDiGraph | None = None) -> list[int]:
    """The years to play: from the first year a tie starts (its own, or the one its
    section places it in) to the last year the package speaks of. A tie known only by its
    end ("until 2011") does not stretch the start back."""
    first, last = year_bounds(ds)
    graph = network.build_graph(ds) if graph is None else graph
    starts = [s for *_, d in graph.edges(data=True)
              if (s := network.tie_years(d)[0]) is not None]
    first = min(starts) if starts else first
    return list(range(first, max(first, last) + 1))


def year_slice(graph: nx.MultiDiGraph, year: int) -> nx.MultiDiGraph:
    """The network in ``year``: the page's single-year view."""
    return network.active_subgraph(graph, (int(year), int(year)))


def _kind(data: dict) -> str:
    if data.get("planned"):
        return "planned"
    own = data.get("start") is not None or data.get("end") is not None
    qualified = data.get("start_qualifier") or data.get("end_qualifier")
    return "approx" if qualified or not own else "exact"


def tie_table(graph: nx.MultiDiGraph, years: list[int]) -> pd.DataFrame:
    """One row per tie: source, target, key, relation, first, last (the years it is active
    within ``years``, inclusive; both None for a tie active in none of them), kind (see
    :data:`KINDS`), start_qualifier, end_qualifier, quote, section_id."""
    low, high = (years[0], years[-1]) if years else (0, -1)
    rows = []
    for u, v, k, d in graph.edges(keys=True, data=True):
        start, end = network.tie_years(d)
        if start is None and end is None:  # undated: every year
            first, last = low, high
        else:
            first = max(low, start if start is not None else low)
            last = min(high, end if end is not None else high)
        if first > last:
            first = last = None
        rows.append((u, v, k, d.get("relation", ""), first, last, _kind(d),
                     d.get("start_qualifier", ""), d.get("end_qualifier", ""),
                     d.get("quote", ""), d.get("section_id", "")))
    frame = pd.DataFrame(rows, columns=["source", "target", "key", "relation", "first", "last",
                                        "kind", "start_qualifier", "end_qualifier", "quote",
                                        "section_id"])
    for column in ("first", "last"):
        frame[column] = frame[column].astype("Int64")
    return frame


def _active(ties: pd.DataFrame, year: int) -> pd.Series:
    return (ties["first"] <= year).fillna(False) & (ties["last"] >= year).fillna(False)


def _betweenness(simple: nx.Graph) -> dict[str, float]:
    n = len(simple)
    if n < 3 or simple.number_of_edges() == 0:
        return dict.fromkeys(simple, 0.0)
    return network.betweenness(simple, k=min(n, network.SAMPLES) if n > network.EXACT
                               else None)


def _year_edges(graph: nx.MultiDiGraph, years: list[int]):
    """Each year's active ties as (u, v) pairs, in the graph's edge order, and the actors
    they touch in the graph's node order: :func:`year_slice` without building a graph."""
    ties = tie_table(graph, years)
    first = ties["first"].to_numpy(dtype=float, na_value=np.nan)
    last = ties["last"].to_numpy(dtype=float, na_value=np.nan)
    sources, targets = ties["source"].to_numpy(), ties["target"].to_numpy()
    order = {node: i for i, node in enumerate(graph)}
    for year in years:
        on = (first <= year) & (last >= year)
        pairs = list(zip(sources[on].tolist(), targets[on].tolist(), strict=True))
        touched = sorted({a for pair in pairs for a in pair}, key=order.__getitem__)
        yield year, pairs, touched


def _degrees(pairs: list[tuple[str, str]], touched: list[str]) -> dict[str, int]:
    count = Counter(u for u, _ in pairs)
    count.update(v for _, v in pairs)  # a loop counts twice, as in a multigraph
    return {a: count[a] for a in touched}


def _simple_of(pairs: list[tuple[str, str]], touched: list[str]) -> nx.Graph:
    simple = nx.Graph()
    simple.add_nodes_from(sorted(touched))
    simple.add_edges_from((u, v) for u, v in pairs if u != v)
    return simple


def centralities(graph: nx.MultiDiGraph, years: list[int]) -> dict[int, tuple[dict, dict]]:
    """Year -> (degree, betweenness) of each actor active that year: computed once, read by
    :func:`measures` and :func:`actor_measures`."""
    return {year: (_degrees(pairs, touched), _betweenness(_simple_of(pairs, touched)))
            for year, pairs, touched in _year_edges(graph, years)}


def measures(graph: nx.MultiDiGraph, years: list[int], lang: str = "fr",
             yearly: dict | None = None) -> pd.DataFrame:
    """One row per year: year, actors, ties (active that year), new_ties (ties whose first
    year it is), density (of the undirected simple graph), components (connected, of the
    actors active), top_actor (most ties), top_share (share of the year's ties it holds),
    top_degree (the three actors with most ties, ``name (n)``), top_betweenness (the three
    most between, ``name (0.123)``), new_quotes (the quotes of the new ties, one a line).
    ``yearly``: :func:`centralities`, when already computed."""
    ties = tie_table(graph, years)
    yearly = yearly or centralities(graph, years)
    rows = []
    for year, pairs, touched in _year_edges(graph, years):
        simple = _simple_of(pairs, touched)
        n, m = len(touched), len(pairs)
        degrees, between = yearly[year]
        degree = sorted((-d, network.name_of(graph, a, lang)) for a, d in degrees.items())
        ranked = sorted(((-b, network.name_of(graph, a, lang)) for a, b in between.items()))
        fresh = ties[ties["first"].eq(year).fillna(False) & (ties["first"] > years[0])]
        rows.append({
            "year": year, "actors": n, "ties": m, "new_ties": len(fresh),
            "density": round(nx.density(simple), 4) if n > 1 else 0.0,
            "components": nx.number_connected_components(simple) if n else 0,
            "top_actor": degree[0][1] if degree else "",
            "top_share": round(-degree[0][0] / m, 4) if m else 0.0,
            "top_degree": ", ".join(f"{name} ({-d})" for d, name in degree[:3]),
            "top_betweenness": ", ".join(f"{name} ({-b:.3f})" for b, name in ranked[:3]
                                         if -b > 0),
            "new_quotes": "\n".join(f"« {q} » (§ {s})" for q, s in
                                    zip(fresh["quote"], fresh["section_id"], strict=True)),
        })
    return pd.DataFrame(rows, columns=["year", "actors", "ties", "new_ties", "density",
                                       "components", "top_actor", "top_share", "top_degree",
                                       "top_betweenness", "new_quotes"])


def jumps(table: pd.DataFrame, lang: str = "fr", limit: int = JUMPS) -> pd.DataFrame:
    """The years most ties start (at least :data:`JUMP_MIN`; the first year, where
    everything starts, is not one): year, ties (active that year), rise (new ties), label
    (``+7 liens en 2011``), in year order."""
    found = table[table["new_ties"] >= JUMP_MIN]
    found = found.sort_values(["new_ties", "year"], ascending=[False, True]).head(limit)
    found = found.sort_values("year")
    return pd.DataFrame({
        "year": found["year"].astype(int), "ties": found["ties"].astype(int),
        "rise": found["new_ties"].astype(int),
        "label": [t("time.jump", lang, n=int(r), year=int(y))
                  for r, y in zip(found["new_ties"], found["year"], strict=True)]},
        columns=["year", "ties", "rise", "label"]).reset_index(drop=True)


def actor_measures(graph: nx.MultiDiGraph, actor: str, years: list[int],
                   yearly: dict | None = None) -> pd.DataFrame:
    """The actor's year by year: year, active (has a tie that year), degree (ties that
    year), betweenness (normalised, in that year's network). ``yearly``: see
    :func:`centralities`."""
    yearly = yearly or centralities(graph, years)
    rows = []
    for year in years:
        degrees, between = yearly[year]
        if actor not in degrees:
            rows.append((year, False, 0, 0.0))
            continue
        rows.append((year, True, degrees[actor], round(between.get(actor, 0.0), 4)))
    return pd.DataFrame(rows, columns=["year", "active", "degree", "betweenness"])


def frames(graph: nx.MultiDiGraph, pos: dict, years: list[int]) -> tuple[pd.DataFrame, dict]:
    """What playback draws. Returns ``(ties, states)``: the tie table (:func:`tie_table`)
    with x0, y0, x1, y1; and per year a dict of actor -> state: ``exact`` (an attested,
    dated tie that year), ``approx`` (only approximate ones), ``planned`` (only planned
    ones), ``ended`` (active in an earlier year, not this one). Actors not yet active are
    left out."""
    ties = tie_table(graph, years)
    xy = np.array([pos[a] for a in ties["source"]] or np.zeros((0, 2)), dtype=float)
    uv = np.array([pos[a] for a in ties["target"]] or np.zeros((0, 2)), dtype=float)
    ties = ties.assign(x0=xy[:, 0], y0=xy[:, 1], x1=uv[:, 0], y1=uv[:, 1])
    rank = {kind: i for i, kind in enumerate(("exact", "approx", "planned"))}
    states: dict[int, dict[str, str]] = {}
    seen: set[str] = set()
    for year in years:
        active = ties[_active(ties, year)]
        best: dict[str, str] = {}
        for kind, source, target in zip(active["kind"], active["source"], active["target"],
                                        strict=True):
            for actor in (source, target):
                if actor not in best or rank[kind] < rank[best[actor]]:
                    best[actor] = kind
        ended = {a: "ended" for a in seen - set(best)}
        seen |= set(best)
        states[year] = best | ended
    return ties, states


def active_ties(ties: pd.DataFrame, year: int) -> pd.Series:
    """Which rows of a tie table are active in ``year``."""
    return _active(ties, year)


def ended_ties(ties: pd.DataFrame, year: int) -> pd.Series:
    """Which rows of a tie table ended before ``year`` (drawn faded)."""
    return (ties["last"] < year).fillna(False)

