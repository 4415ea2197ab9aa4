"""The network over the years as charts: the playback, the measures year by year and one
actor's year by year, each a :class:`~anis_viz.chart.Chart` (figure, CSV data, title, text
alternative, quotes).

Built from the relations graph of a package (:func:`anis_viz.network.build_graph`) and its
one layout (:func:`anis_viz.network.layout`); computed once per data content and language.
"""

from __future__ import annotations

import html
import math

import networkx as nx
import pandas as pd

from anis_viz import network, network_time, network_view, style
from anis_viz.cache import per_content
from anis_viz.chart import Chart
from anis_viz.data import Dataset
from anis_viz.figures.network_measures import actor_figure, measures_figure
from anis_viz.figures.network_play import play_figure
from anis_viz.i18n import pick, t
from anis_viz.network_labels import label_positions, wrap_words

__all__ = ["Playback", "actor_chart", "large", "measures_chart", "play_chart",
           "playback"]

LABELLED = network.LABELLED  # the most connected actors carry their name
SMALL = 300  # actors: above this, smaller markers
QUOTES = 8  # quotes listed in a jump's hover box (then "and n more")
LAZY = 1000  # ties: above this, a page draws the network over the years on request only


def _esc(text) -> str:
    return html.escape(str(text), quote=False)


def _wrap(text: str, width: int = 70) -> str:
    return "<br>".join(_esc(part) for part in wrap_words(text, width))


@per_content(maxsize=4)
def graph_of(ds: Dataset) -> nx.MultiDiGraph:
    """The package's relations graph, built once per data content (frozen): the one the
    network page draws."""
    return network_view._relations_graph(ds)


class Playback:
    """What the playback draws: nodes (actor_id, x, y, name, colour, symbol, marker, label,
    hover, textposition), ties (see :func:`anis_viz.network_time.frames`), states and masks per year."""

    def __init__(self, ds: Dataset, lang: str):
        graph = graph_of(ds)
        self.years = network_time.years_of(ds, graph_of(ds))
        pos = network.layout(graph)
        self.ties, self.states = network_time.frames(graph, pos, self.years)
        self.masks = {y: (network_time.active_ties(self.ties, y),
                          network_time.ended_ties(self.ties, y)) for y in self.years}
        shown = sorted({a for state in self.states.values() for a in state})
        kinds = style.kind_styles(ds.actors["kind"])
        labels = ds.labels("kind", lang)
        degree = dict(graph.degree(shown))
        peak = max(degree.values(), default=0)
        small, big = (9, 30) if len(shown) <= SMALL else (4, 16)
        ranked = sorted(shown, key=lambda a: (-degree[a], network.name_of(graph, a, lang)))
        named = set(ranked[:LABELLED])
        active = {a: [y for y in self.years if self.states[y].get(a) not in (None, "ended")]
                  for a in shown}
        rows = []
        for actor in shown:
            name = network.name_of(graph, actor, lang)
            kind = graph.nodes[actor].get("kind", "")
            years = active[actor]
            span = "" if not years else str(years[0]) if years[0] == years[-1] else \
                f"{years[0]}–{years[-1]}"
            rows.append({
                "actor_id": actor, "x": pos[actor][0], "y": pos[actor][1], "name": name,
                "colour": kinds.get(kind, (style.MUTED, "circle"))[0],
                "symbol": kinds.get(kind, (style.MUTED, "circle"))[1],
                "marker": small + (big - small) * math.sqrt(degree[actor] / peak) if peak
                else small,
                "label": _esc(name if len(name) <= 26 else name[:25] + "…")
                if actor in named else "",
                "hover": "<br>".join([f"<b>{_esc(name)}</b>", _esc(labels.get(kind) or kind),
                                      _esc(t("time.hover.active", lang, span=span))])})
        nodes = pd.DataFrame(rows, columns=["actor_id", "x", "y", "name", "colour", "symbol",
                                            "marker", "label", "hover"])
        # names placed as on the page: the most connected first, where they cover least
        placing = nodes.set_index("actor_id").loc[ranked].reset_index()
        chosen = dict(zip(placing["actor_id"], label_positions(placing), strict=True))
        nodes["label"] = [label if chosen[a] else "" for a, label in
                          zip(nodes["actor_id"], nodes["label"], strict=True)]
        nodes["textposition"] = [chosen[a] or "top center" for a in nodes["actor_id"]]
        self.nodes = nodes
        self.graph = graph


@per_content(maxsize=4)
def playback(ds: Dataset, lang: str = "fr") -> Playback:
    """:class:`Playback`, once per data content and language (shared: do not change it)."""
    return Playback(ds, lang)


def play_words(lang: str) -> dict:
    return {k: t(f"time.play.{k}", lang) for k in
            ("ended", "exact", "approx", "planned", "actor_approx", "actor_planned", "play",
             "pause", "year", "title")}


def play_alt(play: Playback, lang: str = "fr") -> str:
    counts = [(y, sum(1 for s in play.states[y].values() if s != "ended"),
               int(play.masks[y][0].sum())) for y in play.years]
    if not counts or not any(c[1] for c in counts):
        return t("time.alt.play.empty", lang)
    first = next(c for c in counts if c[1])
    last, peak = counts[-1], max(counts, key=lambda c: (c[2], -c[0]))
    kinds = play.ties["kind"].value_counts()
    return t("time.alt.play", lang, first=first[0], last=last[0], a0=first[1], e0=first[2],
             a1=last[1], e1=last[2], peak=peak[0], peak_ties=peak[2],
             approx=int(kinds.get("approx", 0)), planned=int(kinds.get("planned", 0)))


def play_chart(ds: Dataset, lang: str = "fr", start: int | None = None, *,
               template: str = style.TEMPLATE) -> Chart:
    """The playback as a chart; its data: one row per tie (who, relation, first and last
    year active, kind, quote, section)."""
    play = playback(ds, lang)
    words = play_words(lang)
    figure = play_figure(play.nodes, play.ties, play.states, play.masks, play.years,
                         words=words | {"title": ""}, start=start, template=template)
    names = dict(zip(ds.actors["actor_id"], pick(ds.actors, "name", lang), strict=True))
    data = play.ties.assign(source=play.ties["source"].map(names),
                            target=play.ties["target"].map(names),
                            relation=[ds.label("relation", r, lang) for r in play.ties["relation"]])
    data = data[["source", "relation", "target", "first", "last", "kind", "start_qualifier",
                 "end_qualifier", "quote", "section_id"]]
    span = f"{play.years[0]}-{play.years[-1]}" if play.years else ""
    return Chart(slug=t("time.play.slug", lang), figure=figure, data=data,
                 title=words["title"], alt=play_alt(play, lang), span=span,
                 quotes=data[["quote", "section_id"]].drop_duplicates())


def _eras(ds: Dataset, lang: str) -> pd.DataFrame:
    spans = network.era_years(ds)
    column = "short_label" if "short_label" in ds.eras else "label"
    names = dict(zip(ds.eras["era_id"], pick(ds.eras, column, lang), strict=True))
    colours = style.era_colours(ds.eras["era_id"])
    return pd.DataFrame([{"label": _esc(names[e]), "first": a, "last": b, "colour": colours[e]}
                         for e, (a, b) in spans.items()],
                        columns=["label", "first", "last", "colour"])


@per_content(maxsize=4)
def _yearly(ds: Dataset) -> dict:
    return network_time.centralities(graph_of(ds), network_time.years_of(ds, graph_of(ds)))


@per_content(maxsize=4)
def _measures(ds: Dataset, lang: str) -> pd.DataFrame:
    return network_time.measures(graph_of(ds), network_time.years_of(ds, graph_of(ds)), lang,
                                 yearly=_yearly(ds))


def measures_chart(ds: Dataset, lang: str = "fr", *, template: str = style.TEMPLATE) -> Chart:
    """Actors, ties, density, components and the top actor's share of ties, year by year;
    the largest rises in ties annotated with their quotes."""
    table = _measures(ds, lang)
    jumps = network_time.jumps(table, lang)
    ties = network_time.tie_table(graph_of(ds), network_time.years_of(ds, graph_of(ds)))
    fresh = ties[ties["first"].isin(list(jumps["year"])).fillna(False)]
    hover_jumps = []
    for jump in jumps.itertuples():
        lines = [f"« {q} » (§ {s})" for q, s in fresh.loc[fresh["first"] == jump.year,
                                                        ["quote", "section_id"]].itertuples(
            index=False)]
        more = len(lines) - QUOTES
        hover_jumps.append("<br>".join(
            [f"<b>{_esc(jump.label)}</b>", *(_wrap(q) for q in lines[:QUOTES])]
            + ([_esc(t("time.more", lang, n=more))] if more > 0 else [])))
    shown = table.assign(hover=[
        "<br>".join([f"<b>{int(r.year)}</b>",
                     _esc(t("time.hover.year", lang, actors=r.actors, ties=r.ties,
                            new=r.new_ties, density=f"{r.density:.3f}",
                            components=r.components,
                            share=f"{r.top_share:.0%}", top=r.top_actor)),
                     _esc(t("time.hover.top_degree", lang, names=r.top_degree or "—")),
                     _esc(t("time.hover.top_betweenness", lang,
                            names=r.top_betweenness or "—"))])
        for r in table.itertuples()])
    words = {k: t(f"time.measure.{k}", lang) for k in
             ("actors", "ties", "density", "components", "top_share", "jump", "title")}
    figure = measures_figure(shown, jumps.assign(hover=hover_jumps), _eras(ds, lang),
                             words=words, template=template)
    span = f"{table['year'].iloc[0]}-{table['year'].iloc[-1]}" if len(table) else ""
    quotes_frame = fresh[["quote", "section_id"]].drop_duplicates().reset_index(drop=True)
    return Chart(slug=t("time.measure.slug", lang), figure=figure, data=table,
                 title=words["title"], alt=measures_alt(table, jumps, lang), span=span,
                 quotes=quotes_frame)


def measures_alt(table: pd.DataFrame, jumps: pd.DataFrame, lang: str = "fr") -> str:
    if table.empty or not table["actors"].any():
        return t("time.alt.play.empty", lang)
    first, last = table.iloc[0], table.iloc[-1]
    top = table.loc[table["top_share"].idxmax()]
    return t("time.alt.measures", lang, first=int(first.year), last=int(last.year),
             a0=int(first.actors), a1=int(last.actors), e0=int(first.ties), e1=int(last.ties),
             peak=int(table["actors"].max()), jumps=", ".join(jumps["label"]) or "—",
             top=top.top_actor or "—", share=f"{top.top_share:.0%}", year=int(top.year))


def actor_chart(ds: Dataset, actor: str, lang: str = "fr", *,
                template: str = style.TEMPLATE) -> Chart:
    """One actor's degree and betweenness year by year."""
    graph = graph_of(ds)
    years = network_time.years_of(ds, graph_of(ds))
    table = network_time.actor_measures(graph, actor, years, yearly=_yearly(ds))
    name = network.name_of(graph, actor, lang) if actor in graph else actor
    table.insert(0, "name", name)
    hover = ["<br>".join([f"<b>{_esc(name)} — {int(r.year)}</b>",
                          _esc(t("time.hover.actor", lang, degree=r.degree,
                                 betweenness=f"{r.betweenness:.3f}"))])
             for r in table.itertuples()]
    words = {"degree": t("time.actor.degree", lang),
             "betweenness": t("time.actor.betweenness", lang),
             "title": t("time.actor.title", lang, name=name)}
    figure = actor_figure(table.assign(hover=hover), _eras(ds, lang), words=words,
                          template=template)
    figure.update_layout(title=_esc(words["title"]))
    active = table[table["active"]]
    alt = t("time.alt.actor.none", lang, name=name) if active.empty else t(
        "time.alt.actor", lang, name=name, first=int(active["year"].min()),
        last=int(active["year"].max()), degree=int(active["degree"].max()),
        year=int(active.loc[active["degree"].idxmax(), "year"]),
        betweenness=f"{active['betweenness'].max():.3f}")
    return Chart(slug=t("time.actor.slug", lang, actor=actor), figure=figure, data=table,
                 title=words["title"], alt=alt,
                 span=f"{years[0]}-{years[-1]}" if years else "")


def large(ds: Dataset) -> bool:
    """Whether the network over the years is costly to draw (more than :data:`LAZY` ties):
    a page then draws it only when asked."""
    return graph_of(ds).number_of_edges() > LAZY


def central_actor(ds: Dataset) -> str:
    """The actor with most ties over all years (the default for the actor chart)."""
    graph = graph_of(ds)
    return min(graph, key=lambda a: (-graph.degree(a), a), default="")
