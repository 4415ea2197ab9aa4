"""What the network page's cards show: an actor (:func:`actor_card`: who, the source's
words, ties and events) and a tie (:func:`tie_card`: both ends and every tie between them),
and the metrics table to download."""

from __future__ import annotations

import networkx as nx
import pandas as pd

from anis_viz import network
from anis_viz.data import Dataset
from anis_viz.figures.network import TIE_PREFIX
from anis_viz.i18n import format_date, pick, t
from anis_viz.network_frames import tie_family, tie_years_text
from anis_viz.network_view import Result

__all__ = ["actor_card", "actor_events", "actor_ties", "metrics_table", "tie_card", "tie_key"]

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
