"""The network page: graph, periods, compare, metrics, communities, layout, exports, figure
and the page itself (AppTest, French and English)."""

import io
import json
import os
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from anis_viz import cache, network, network_card, network_frames, network_labels, style, views
from anis_viz import network_view as nv
from anis_viz.data import DEFAULT_DATA, load_dataset
from anis_viz.figures.network import network_figure
from tests.conftest import JARDINS

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
HAS_ANIS = (DEFAULT_DATA / "datapackage.json").is_file()


def tiny(*edges, nodes=()):
    """A hand-made graph: edges are (source, target, key, start, end, relation)."""
    graph = nx.MultiDiGraph(content_hash="tiny-" + "-".join(e[2] for e in edges))
    for node in sorted({e[0] for e in edges} | {e[1] for e in edges} | set(nodes)):
        graph.add_node(node, name=node.upper(), name_en=node.upper(), kind="person",
                       description="", description_en="", section_id="1", quote="q")
    for u, v, k, start, end, rel in edges:
        graph.add_edge(u, v, key=k, relation=rel, tie="relation", start=start, end=end,
                       quote=f"quote {k}", section_id="1", relation_id=k)
    return graph


# -- the graph ------------------------------------------------------------------------------

def test_nodes_and_edges_are_the_csv_rows(jardins):
    actors = pd.read_csv(JARDINS / "actors.csv")
    relations = pd.read_csv(JARDINS / "relations.csv")
    graph = network.build_graph(jardins)
    assert len(graph) == len(actors) == 10
    assert graph.number_of_edges() == len(relations) == 9
    assert set(graph.edges(keys=True)) == set(zip(relations["source_id"], relations["target_id"],
                                                  relations["relation_id"]))
    assert graph.nodes["ville"]["name_en"] == "City of Nowhere"
    assert graph.edges["marie", "jardins", "r1"]["start"] == 1998
    assert graph.edges["marie", "jardins", "r1"]["end"] is None


def test_event_ties_join_the_actors_of_one_event(jardins):
    graph = network.build_graph(jardins, include_events=True)
    events = [(u, v) for u, v, d in graph.edges(data=True) if d["tie"] == "event"]
    # ev_ouverture, ev_declaration, ev_reseau, ev_rencontre_2010: one pair each
    assert sorted(events) == [("friche", "marie"), ("halle", "reseau_reg"),
                              ("jardins", "paul"), ("jardins", "reseau_reg")]
    assert graph.number_of_edges() == 9 + 4


# -- time -----------------------------------------------------------------------------------

@pytest.mark.parametrize("start, end, years, active", [
    (2000, 2004, (2005, 2007), False), (2000, 2005, (2005, 2007), True),
    (2008, None, (2005, 2007), False), (2006, None, (2010, 2012), True),
    (None, 2004, (2005, 2007), False), (None, None, (1900, 1901), True),
    (2000, 2004, None, True)])
def test_tie_active(start, end, years, active):
    assert network.tie_active(start, end, years) is active


def test_period_keeps_exactly_the_ties_active_then():
    graph = tiny(("a", "b", "early", 2000, 2003, "founded"),
                 ("b", "c", "running", 2004, None, "member_of"),
                 ("c", "d", "late", 2010, 2012, "funded_by"),
                 ("d", "e", "undated", None, None, "partner_of"),
                 nodes=["lonely"])
    sub = network.active_subgraph(graph, (2005, 2008))
    assert sorted(k for *_, k in sub.edges(keys=True)) == ["running", "undated"]
    assert sorted(sub) == ["b", "c", "d", "e"]  # the actors those ties touch
    assert len(network.active_subgraph(graph, None)) == 6  # all time: every actor


def test_undated_ties_are_placed_by_their_section(jardins):
    # section A is cited by events of Sowing (1994-1997) and Roots (1998-2003)
    assert network.section_spans(jardins) == {"A": (1994, 2003), "B": (2006, 2014),
                                              "C": (2015, 2015)}
    graph = network.build_graph(jardins)
    r4 = graph.edges["voisins", "jardins", "r4"]
    assert (r4["start"], r4["end"], r4["placed_start"], r4["placed_end"]) == (None, None,
                                                                             1994, 2003)
    assert network.tie_years(r4) == (1994, 2003)
    assert "r4" not in {k for *_, k in network.active_subgraph(graph, (2006, 2010))
                        .edges(keys=True)}
    assert network_frames.tie_years_text(r4, "en") == "undated; placed by its section: 1994 – 2003"
    undated = tiny(("a", "b", "x", None, None, "founded"))
    assert len(network.active_subgraph(undated, (1900, 1901))) == 2  # no section hint


def test_era_period_and_single_year(jardins):
    # a year where one era ends and the next starts belongs to the next
    assert network.era_years(jardins) == {"semis": (1994, 1997), "racines": (1998, 2003),
                                          "jachere": (2004, 2005), "reseau": (2006, 2014),
                                          "communs": (2015, 2015)}  # open: to the last year
    assert network.period_of(jardins, ("racines", "jachere")) == (1998, 2005)
    assert network.period_of(jardins, (), None, 2008) == (2008, 2008)
    assert network.period_of(jardins, ("reseau",), (2010, 2020)) == (2010, 2014)
    assert network.period_of(jardins) is None


def test_compare_marks_appeared_stayed_disappeared():
    graph = tiny(("a", "b", "old", 2000, 2003, "founded"),
                 ("b", "c", "both", 2000, None, "member_of"),
                 ("c", "d", "new", 2010, 2012, "funded_by"))
    union = network.compare_eras(graph, (2000, 2004), (2010, 2012))
    assert {n: d["status"] for n, d in union.nodes(data=True)} == {
        "a": "disappeared", "b": "stayed", "c": "stayed", "d": "appeared"}
    assert {k: d["status"] for *_, k, d in union.edges(keys=True, data=True)} == {
        "old": "disappeared", "both": "stayed", "new": "appeared"}


def test_neighbourhood_follows_ties_both_ways():
    graph = tiny(("a", "b", "1", None, None, "founded"), ("c", "b", "2", None, None, "founded"),
                 ("c", "d", "3", None, None, "founded"), ("d", "e", "4", None, None, "founded"))
    assert sorted(network.neighbourhood(graph, "b", 1)) == ["a", "b", "c"]
    assert sorted(network.neighbourhood(graph, "b", 2)) == ["a", "b", "c", "d"]
    assert sorted(network.neighbourhood(graph, "b", 3)) == ["a", "b", "c", "d", "e"]


# -- metrics and communities ----------------------------------------------------------------

def test_centralities_on_a_hand_counted_graph():
    # a star around "hub" and a bridge "hub"-"x"-"y": hub has degree 4, x lies on paths to y
    graph = tiny(("hub", "a", "1", None, None, "r"), ("hub", "b", "2", None, None, "r"),
                 ("hub", "c", "3", None, None, "r"), ("hub", "x", "4", None, None, "r"),
                 ("x", "y", "5", None, None, "r"))
    table = network.metrics(graph).set_index("actor_id")
    assert table.loc["hub", "degree"] == 4 and table.loc["x", "degree"] == 2
    assert table["betweenness"].idxmax() == "hub"
    assert table.loc["x", "betweenness"] > table.loc["a", "betweenness"] == 0
    assert table["pagerank"].sum() == pytest.approx(1)
    assert list(network.metrics(graph)["actor_id"])[0] == "hub"  # most central first


def test_pagerank_agrees_with_networkx():
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

    graph = nx.les_miserables_graph()
    ours = network.pagerank(graph)
    theirs = _pagerank_python(graph, weight="weight", tol=1e-12, max_iter=1000)
    assert max(abs(ours[n] - theirs[n]) for n in graph) < 1e-6


def test_communities_are_stable_and_named_after_their_most_central_member():
    edges = [(a, b, f"{a}{b}", None, None, "r") for a, b in
             [("a1", "a2"), ("a1", "a3"), ("a2", "a3"), ("a1", "a4"),
              ("b1", "b2"), ("b1", "b3"), ("b2", "b3"), ("a4", "b1")]]
    graph = tiny(*edges, nodes=["alone"])
    first = network.communities(graph)
    assert all(network.communities(graph) == first for _ in range(3))
    assert first["alone"] == -1
    assert first["a2"] == first["a3"] != first["b2"] == first["b3"]
    table = network.metrics(graph).set_index("actor_id")
    assert table.loc["a2", "community_name"] == "A1"  # a1 has the most ties of its group
    assert table.loc["alone", "community_name"] == "sans lien"


def test_centrality_sets_marker_sizes(jardins):
    result = nv.compute(jardins, "fr", nv.View(size="degree"))
    nodes = result.nodes.set_index("actor_id")
    assert nodes["marker"].idxmax() == "jardins"
    assert nodes.loc["reseau_reg", "marker"] > nodes.loc["marie", "marker"]
    by_rank = nv.compute(jardins, "fr", nv.View(size="betweenness")).nodes.set_index("actor_id")
    assert by_rank.loc["marie", "marker"] == by_rank["marker"].min()  # a leaf: no path through


# -- layout ---------------------------------------------------------------------------------

def test_layout_is_seeded_and_cached(jardins):
    graph = network.build_graph(jardins)
    first = network.layout(graph)
    cache.clear()
    again = network.layout(network.build_graph(jardins))
    assert first == again
    assert set(first) == set(graph)
    assert all(-1.5 <= x <= 1 and -1.5 <= y <= 1 for x, y in first.values())


def test_actors_keep_their_places_when_filters_change(jardins):
    whole = nv.compute(jardins, "fr", nv.View()).nodes.set_index("actor_id")
    for view in (nv.View(eras=("reseau",)), nv.View(year=2005), nv.View(events=True),
                 nv.View(actor="reseau_reg", depth=1), nv.View(compare=("racines", "communs"))):
        part = nv.compute(jardins, "fr", view).nodes.set_index("actor_id")
        assert len(part) > 0
        pd.testing.assert_frame_equal(part[["x", "y"]], whole.loc[part.index, ["x", "y"]])


def test_large_graph_layout_by_communities():
    graph = nx.MultiDiGraph(nx.connected_caveman_graph(60, 20), content_hash="caveman")
    pos = network.layout(graph)
    assert len(pos) == 1200
    assert all(-1 <= x <= 1 and -1 <= y <= 1 for x, y in pos.values())
    assert pos == network.layout.uncached(graph)


def test_layout_of_500_to_1000_actors_needs_no_scipy():
    # NetworkX's spring layout asks for SciPy from 500 nodes; SciPy is not installed here
    graph = nx.MultiDiGraph(nx.connected_caveman_graph(30, 20), content_hash="cave600")
    graph = nx.relabel_nodes(graph, {n: f"a{n:03d}" for n in graph})
    pos = network.layout(graph)
    assert len(pos) == 600 and all(-1 <= x <= 1 and -1 <= y <= 1 for x, y in pos.values())
    assert pos == network.layout.uncached(graph)


@pytest.mark.parametrize("n, k", [(80, None), (1200, network.SAMPLES)])
def test_betweenness_agrees_with_networkx(n, k):
    graph = nx.barabasi_albert_graph(n, 2, seed=3)
    graph = nx.relabel_nodes(graph, {i: f"a{i:04d}" for i in graph})
    graph.add_node("zz_alone")
    ours = network.betweenness(graph, k=k)
    theirs = nx.betweenness_centrality(graph, k=k, seed=network.SEED)
    assert ours == pytest.approx(theirs, abs=1e-12)


def test_metrics_are_computed_once_per_graph_shown(jardins):
    graph = network.build_graph(jardins)
    cache.clear()
    first = network.metrics(graph)
    assert cache.stats()["functions"]["anis_viz.network._centralities"] == 1
    assert cache.stats()["functions"]["anis_viz.network.communities"] == 1
    again = network.metrics(network.build_graph(jardins))  # same package, same graph
    pd.testing.assert_frame_equal(first, again)
    assert cache.stats()["functions"]["anis_viz.network._centralities"] == 1
    assert network.whole_communities(graph) == network.communities.uncached(graph)
    assert cache.stats()["functions"]["anis_viz.network.communities"] == 1  # one detection
    period = network.active_subgraph(graph, (1998, 2000))
    network.metrics(period)
    assert cache.stats()["functions"]["anis_viz.network._centralities"] == 2


# -- exports --------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_exports_read_back_with_every_attribute(jardins, fmt):
    graph = network.build_graph(jardins, include_events=True)
    table = network.metrics(graph)
    data = (network.export_gexf if fmt == "gexf" else network.export_graphml)(graph, table)
    back = (nx.read_gexf if fmt == "gexf" else nx.read_graphml)(io.BytesIO(data))
    assert set(back) == set(graph)
    assert back.number_of_edges() == graph.number_of_edges()
    node = back.nodes["ana"]
    assert node["name"] == "Ana <b>Lopez</b>" and node["kind"] == "person"
    assert node["quote"] == "Ana Lopez coordonne depuis 2015."
    assert int(back.nodes["jardins"]["degree"]) == 9
    assert "pagerank" in node and "community_name" in node
    edges = {d.get("relation_id") or d.get("id"): d for *_, d in back.edges(data=True)}
    founded = edges["r1"]
    assert founded["relation"] == "founded" and int(founded["start"]) == 1998
    assert "end" not in founded  # empty years are left out, never None
    assert founded["quote"] == "Marie Durand fonde le premier jardin."


# -- the figure -----------------------------------------------------------------------------

def names_of(fig):
    return [trace.name for trace in fig.data if trace.showlegend is not False]


def test_legends_are_in_the_interface_language(jardins):
    fr = nv.compute(jardins, "fr", nv.View()).figure
    en = nv.compute(jardins, "en", nv.View()).figure
    # ties by family (founded: governance; member of: membership; hosted by: places;
    # funded by: support; partner of: partnership), one colour each
    assert names_of(fr) == ["gouvernance", "appartenance", "soutien et financement",
                            "lieux et hébergement", "partenariat, participation et autres",
                            "Personne", "Organisation", "Collectif", "Lieu"]
    assert names_of(en)[:2] == ["governance", "membership"] and "Place" in names_of(en)
    assert fr.layout.legend2.title.text == "Liens" and en.layout.legend.title.text == "Actor kinds"
    styles = {t.name: (t.line.color, t.line.dash) for t in fr.data if t.mode == "lines"}
    assert len({colour for colour, _ in styles.values()}) == len(styles)
    assert fr.layout.legend.orientation == fr.layout.legend2.orientation == "h"


def test_edge_hover_has_relation_years_quote_and_section(jardins):
    for lang, family, label, quote in (
            ("fr", "gouvernance", "a fondé", "« Marie Durand fonde le premier jardin. »"),
            ("en", "governance", "founded", "“Marie Durand fonde le premier jardin.”")):
        fig = nv.compute(jardins, lang, nv.View()).figure
        # the legend says the family; the hover keeps the precise relation
        hover = next(t for t in fig.data if t.mode == "markers" and t.name == family
                     ).hovertext[0]
        assert f"<b>Marie Durand</b> {label} <b>" in hover
        assert quote in hover and "§ A" in hover
        assert ("depuis 1998" if lang == "fr" else "since 1998") in hover


def test_many_ties_keep_a_short_hover(jardins):
    graph = network.build_graph(jardins)
    edges = network_frames.edge_frame(jardins, graph, network.layout(graph), lang="fr", quoted=3)
    hover = edges.set_index("key").at["r1", "hover"]
    assert "depuis 1998" in hover and "fonde le premier jardin" not in hover
    assert "<br>" not in hover  # one line
    assert edges.set_index("key").at["r1", "quote"] == "Marie Durand fonde le premier jardin."


def test_data_text_is_escaped_in_the_figure(jardins):
    fig = nv.compute(jardins, "en", nv.View()).figure
    text = json.dumps([list(t.text or []) + list(t.hovertext or []) for t in fig.data])
    assert "Ana &lt;b&gt;Lopez&lt;/b&gt;" in text and "<b>Lopez" not in text
    # quotes stay as typed: Plotly would show &quot; or &#x27; literally
    assert "Neighbours' collective" in text and "&#x27;" not in text


def test_parallel_ties_keep_their_own_hover_points(jardins):
    edges = nv.compute(jardins, "en", nv.View(events=True)).edges
    pair = edges[edges["source"].isin(["jardins", "paul"]) & edges["target"].isin(
        ["jardins", "paul"])]
    assert len(pair) == 2  # r2 (member of) and the shared registration event
    assert len(set(zip(pair["mx"], pair["my"]))) == 2


def test_nodes_one_trace_per_kind_with_symbols(jardins):
    fig = nv.compute(jardins, "en", nv.View()).figure
    people = next(t for t in fig.data if t.name == "Person")
    assert set(people.customdata) == {"marie", "paul", "ana", "isole"}
    assert set(people.marker.symbol) == {"circle"}
    assert fig.layout.uirevision == "network"
    labelled = [x for t in fig.data if t.text for x in t.text if x]
    assert len(labelled) == 10  # fewer actors than the labelled quota: every name shows


def test_colour_by_community_keeps_kind_symbols(jardins):
    result = nv.compute(jardins, "en", nv.View(colour="community"))
    groups = [t.name for t in result.figure.data if t.legend == "legend"]
    assert groups == ["Shared Gardens", "Regional network", "no tie"]
    assert result.figure.layout.legend.title.text == "Communities"


def test_focus_actor_is_ringed_and_labelled(jardins):
    fig = nv.compute(jardins, "fr", nv.View(actor="halle", depth=1)).figure
    rings = [t for t in fig.data if t.hoverinfo == "skip" and t.mode == "markers"]
    assert len(rings) == 1 and len(rings[0].x) == 1
    assert "La Halle" in [x for t in fig.data if t.text for x in t.text]


def test_small_communities_share_one_grey_group(jardins):
    stars = [(f"h{c}", f"l{c}_{i}", f"e{c}_{i}", None, None, "r")
             for c in range(10) for i in range(10 - c // 2)]
    graph = tiny(*stars)
    table = network.metrics(graph)
    assert table["community"].nunique() == 10
    pos = {n: (0.0, 0.0) for n in graph}
    frame = network_frames.node_frame(jardins, graph, pos, table, colour="community")
    assert frame["group"].nunique() == 9  # 8 coloured + "other communities"
    assert "autres communautés" in set(frame["group_label"])


def test_compare_figure_marks_the_change(jardins):
    result = nv.compute(jardins, "en", nv.View(compare=("racines", "communs")))
    assert names_of(result.figure) == ["appeared", "stayed", "disappeared"] * 2
    # hand-counted: Roots 1998-2004, Commons 2015 (r4, undated, is placed by section A)
    assert "3 actors appeared, 2 stayed, 3 disappeared; 3 ties appeared, 1 stayed, " \
           "3 disappeared" in result.alt
    assert result.title == "The network from Roots to Commons"


def test_large_graphs_switch_to_webgl_and_one_edge_trace():
    n = 400
    nodes = pd.DataFrame({"actor_id": [f"a{i}" for i in range(n)], "x": 0.0, "y": 0.0,
                          "group": "person", "group_label": "Person", "colour": "#0072B2",
                          "symbol": "circle", "marker": 10.0, "label": "", "order": 0,
                          "textposition": "top center", "hover": "h"})
    edges = pd.DataFrame({"x0": [0.0] * 600, "y0": 0.0, "x1": 1.0, "y1": 1.0,
                          "group": ["founded", "member_of"] * 300, "group_label": "g",
                          "colour": "#000000", "dash": "solid", "order": 0, "hover": "h"})
    fig = network_figure(nodes, edges, node_legend="Kinds", edge_legend="Ties")
    assert {t.type for t in fig.data} == {"scattergl"}
    lines = [t for t in fig.data if t.mode == "lines"]
    assert len(lines) == 1 and len(lines[0].x) == 3 * 600


# -- views, words and the registry ----------------------------------------------------------

def test_network_view_falls_back_on_mangled_values(jardins):
    view = views.Network.from_params({"era": "reseau,nope", "year": "x", "depth": "9",
                                   "size": "bogus", "actor": "nobody", "compare": "semis"}, jardins)
    assert view == views.Network(eras=("reseau",))  # no actor: its depth means nothing
    assert views.Network.from_params({"actor": "ana", "depth": "9"}, jardins).depth == 3
    full = views.Network.from_params({"compare": "semis,communs", "actor": "ana", "events": "1",
                                   "colour": "community", "size": "pagerank"}, jardins)
    assert full.compare == ("semis", "communs") and full.actor == "ana" and full.events
    assert full.to_params()["compare"] == "semis,communs"
    assert views.Network.from_params(full.to_params(), jardins) == full


def test_years_in_words():
    assert network_frames.years_text(2006, 2015, "fr") == "2006 – 2015"
    assert network_frames.years_text(2006, None, "en") == "since 2006"
    assert network_frames.years_text(None, 2012, "fr") == "jusqu’en 2012"
    assert network_frames.years_text(None, None, "en") == "undated"


def test_registry_builds_the_network_chart(jardins):
    (chart,) = views.build(views.of("network", {"era": "reseau"}, jardins), jardins, "en")
    assert chart.title == "The network, Network" and chart.span == "2006-2014"
    # r1 r2 r5 r6 r7 r9 meet 2006-2014 (r3 ends 2004, r4 is placed 1994-2003, r8 starts 2015)
    assert chart.alt.startswith("Network graph — The network, Network: 6 actors and 6 ties.")
    assert {"name", "degree", "betweenness", "pagerank", "community_name"} <= set(chart.data)
    assert "Le réseau régional naît en 2006." in set(chart.quotes["quote"])


def test_actor_card_tables(jardins):
    graph = network.build_graph(jardins)
    ties = network_card.actor_ties(jardins, graph, "reseau_reg", "en")
    assert len(ties) == 3
    assert "Shared Gardens — member of → Regional network" in set(ties["tie"])
    events = network_card.actor_events(jardins, "reseau_reg", "fr")
    assert list(events["event"])[:2] == ["Naissance du réseau", "Rencontre : compost"]


# -- the page -------------------------------------------------------------------------------

def open_page(monkeypatch, data=JARDINS, **params):
    monkeypatch.setenv("ANIS_VIZ_DATA", str(data))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(params)
    at.run()
    at.query_params.update(params)  # the first page rewrote the address
    return at.switch_page("pages/network.py").run()


def figure(at):
    chart = at.get("plotly_chart")[0]  # the network (its years follow, further down)
    return json.loads(chart.proto.spec)


def legend(spec):
    return [d["name"] for d in spec["data"] if d.get("showlegend") is not False]


@pytest.mark.parametrize("lang, title, first_tie", [("fr", "Réseau", "gouvernance"),
                                                    ("en", "Network", "governance")])
def test_page_in_both_languages(monkeypatch, lang, title, first_tie):
    at = open_page(monkeypatch, lang=lang)
    assert not at.exception and not at.error
    assert at.title[0].value == title
    spec = figure(at)
    assert legend(spec)[0] == first_tie
    nodes = [x for d in spec["data"] if d.get("legend") == "legend" for x in d["customdata"]]
    assert len(nodes) == 10
    assert any(c.value.startswith(("Graphe de réseau", "Network graph")) for c in at.caption)
    labels = [b.proto.label for b in at.get("download_button")]
    assert any("GEXF" in x for x in labels) and any("GraphML" in x for x in labels)


def test_actor_deep_link_opens_the_card(monkeypatch):
    at = open_page(monkeypatch, lang="en", actor="reseau_reg", depth="2")
    assert not at.exception and not at.error
    assert at.subheader[0].value.replace("\\", "") == "Around Regional network (2-step neighbourhood)"
    assert "Regional network" in [s.value for s in at.subheader]
    ties = at.dataframe[-2].value
    assert len(ties) == 3 and "Tie" in ties.columns
    assert at.query_params["actor"] == ["reseau_reg"] or at.query_params["actor"] == "reseau_reg"


def test_clicking_a_node_opens_its_card(monkeypatch):
    at = open_page(monkeypatch, lang="fr")
    at.session_state["net_chart"] = {"selection": {"points": [{"customdata": "paul"}],
                                                   "point_indices": [0], "box": [],
                                                   "lasso": []}}
    at.run()
    assert not at.exception
    assert "Paul Martin" in [s.value for s in at.subheader]
    assert at.selectbox(key="net_actor").value == "paul"


def test_compare_mode_from_the_address(monkeypatch):
    at = open_page(monkeypatch, lang="fr", compare="racines,communs")
    assert not at.exception and not at.error
    assert at.subheader[0].value == "Le réseau de Racines à Communs"
    assert legend(figure(at)) == ["apparu", "resté", "disparu"] * 2


def test_empty_period_says_so(monkeypatch, package):
    relations = (package / "relations.csv").read_text()
    (package / "relations.csv").write_text(relations.replace("r4,voisins,jardins,member_of,,,",
                                                             "r4,voisins,jardins,member_of,1998,,"))
    at = open_page(monkeypatch, data=package, lang="en", year="1992")
    assert not at.exception
    assert any("No tie active in this period" in i.value for i in at.info)
    network_charts = lambda: [c for c in at.get("plotly_chart") if c.key == "net_chart"]  # noqa: E731
    assert not network_charts()
    next(b for b in at.button if b.label == "Reset the view").click().run()
    assert not at.exception and len(network_charts()) == 1


@pytest.mark.skipif(not HAS_ANIS, reason="the ANIS package (data/anis) is absent")
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_page_on_anis(monkeypatch, lang, anis):
    at = open_page(monkeypatch, data=DEFAULT_DATA, lang=lang)
    assert not at.exception and not at.error
    nodes = [x for d in figure(at)["data"] if d.get("legend") == "legend"
             for x in d["customdata"]]
    assert len(nodes) == len(anis.actors)


def test_metrics_table_and_card_speak_the_interface_language(jardins):
    result = nv.compute(jardins, "en", nv.View())
    table = network_card.metrics_table(jardins, result, "en")
    assert list(table.columns) == ["actor_id", "Actor", "Kind", "Degree", "Betweenness",
                                   "PageRank", "Community"]
    assert table.iloc[0]["Actor"] == "Shared Gardens" and table.iloc[0]["Kind"] == "Organisation"
    card = network_card.actor_card(jardins, result.whole, "voisins", "fr")
    assert card["name"] == "Collectif des voisins" and card["kind"] == "Collectif"
    assert list(card["ties"].columns) == ["Lien", "Années", "Citation", "Section"]
    assert card["ties"].iloc[0]["Années"] == "sans date\u00a0; placé par sa section\u00a0: 1994 – 2003"
    assert list(card["events"]["Événement"]) == ["Fêtes du jardin"]


def test_play_runs_through_every_year(monkeypatch):
    at = open_page(monkeypatch, lang="en", year="2008")
    assert at.slider(key="net_year").value == 2008
    at.button(key="net_play").click().run(timeout=120)
    assert not at.exception and not at.error
    assert at.subheader[0].value.replace("\\", "") == "The network, 2008"  # back on the chosen year


def test_layout_is_the_same_in_every_process():
    """Seeded means the same picture after a restart, whatever Python's hash seed."""
    import subprocess
    import sys

    code = ("from anis_viz.data import load_dataset; from anis_viz import network; "
            "g = network.build_graph(load_dataset()); "
            "print(sorted(network.layout(g).items()))")
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, cwd=str(ROOT), env={**os.environ, "PYTHONHASHSEED": seed}
                           ).stdout for seed in ("1", "2")}
    assert len(runs) == 1


# -- legible without hovering --------------------------------------------------------------

def test_relations_fall_into_six_families_with_a_fallback(jardins):
    assert {network_frames.tie_family(r) for r in network_frames.RELATION_FAMILY} == set(style.TIE_FAMILIES)
    assert network_frames.tie_family("a_code_of_its_own") == network_frames.FALLBACK_FAMILY
    fig = nv.compute(jardins, "en", nv.View()).figure
    ties = [t.name for t in fig.data if t.legend == "legend2" and t.showlegend is not False]
    assert len(ties) <= 6 and len(ties) == len(set(ties))


@pytest.mark.skipif(not (DEFAULT_DATA / "datapackage.json").is_file(),
                    reason="the embedded package is absent")
@pytest.mark.parametrize("view", [nv.View(), nv.View(eras=("anis_2",)),
                                  nv.View(actor="anis")])
def test_names_cover_no_other_name_nor_marker(view):
    ds = load_dataset()
    result = nv.compute(ds, "fr", view)
    legend = [t.name for t in result.figure.data if t.legend == "legend2"
              and t.showlegend is not False]
    assert len(legend) <= 6
    nodes = result.nodes
    (x0, x1), (y0, y1) = network_frames.view_box(nodes)
    sx, sy = network_labels.PLOT_PX[0] / (x1 - x0), network_labels.PLOT_PX[1] / (y1 - y0)
    named = nodes[nodes["label"] != ""]
    assert len(named) >= min(15, len(nodes))
    boxes = [network_labels.label_box(x * sx, y * sy, label.split("<br>"), size / 2 + 2, where)
             for x, y, label, size, where in zip(named["x"], named["y"], named["label"],
                                                 named["marker"], named["textposition"],
                                                 strict=True)]
    def meet(a, b):
        return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])
    for i, a in enumerate(boxes):
        assert not any(meet(a, b) for b in boxes[i + 1:])
        for actor, x, y, size in zip(nodes["actor_id"], nodes["x"], nodes["y"],
                                     nodes["marker"], strict=True):
            if actor != named["actor_id"].iloc[i]:
                r = size / 2
                assert not meet(a, (x * sx - r, y * sy - r, x * sx + r, y * sy + r))
    assert not any("…" in x for x in named["label"])  # long names wrap, never cut


def test_the_tie_card_gives_both_actors_the_years_and_every_quote(jardins):
    graph = network.build_graph(jardins).copy()
    graph.add_edge("jardins", "marie", key="r10", relation="partner_of", tie="relation",
                   start=2000, quote="Marie préside.", section_id="A")
    card = network_card.tie_card(jardins, graph, "r1", "en")
    assert card["source"] == ("marie", "Marie Durand") and card["target"][0] == "jardins"
    assert card["relation"] == "founded" and card["family"] == "governance"
    assert card["years"] == "since 1998"
    ties = card["ties"]
    assert list(ties["Quote"]) == ["Marie Durand fonde le premier jardin.", "Marie préside."]
    assert "founded" in ties["Tie"].iloc[0] and "partner of" in ties["Tie"].iloc[1]
    assert network_card.tie_card(jardins, graph, "nope", "en") is None
    assert network_card.tie_key("tie:r1") == "r1" and network_card.tie_key("paul") == "" and network_card.tie_key(None) == ""


def test_clicking_a_tie_opens_its_card_and_its_address(monkeypatch):
    at = open_page(monkeypatch, lang="fr")
    spec = figure(at)
    ties = [x for d in spec["data"] if d.get("legend") == "legend2" and d.get("mode") == "markers"
            for x in d["customdata"]]
    assert "tie:r6" in ties  # every tie's midpoint can be clicked
    at.session_state["net_chart"] = {"selection": {"points": [{"customdata": "tie:r6"}],
                                                   "point_indices": [0], "box": [],
                                                   "lasso": []}}
    at.run()
    assert not at.exception and not at.error
    assert any("financé par" in s.value for s in at.subheader)
    quotes = next(d.value for d in at.dataframe if "Citation" in d.value.columns)
    assert "La ville finance le réseau." in list(quotes["Citation"])
    assert at.query_params["tie"] in ("r6", ["r6"])


def test_a_crowded_graph_still_names_its_hubs_without_names_meeting():
    n = 400  # a hairball: no spot is free of markers, names may cover them, not each other
    grid = np.linspace(-1, 1, 20)
    nodes = pd.DataFrame({"x": np.repeat(grid, 20), "y": np.tile(grid, 20),
                          "marker": 18.0, "label": ["Un acteur assez connu"] * 15 + [""] * (n - 15)})
    strict = network_labels.label_positions(nodes)
    crowded = network_labels.label_positions(nodes, crowded=True)
    assert sum(map(bool, strict[:15])) < 15 and all(crowded[:15])
    boxes = [network_labels.label_box(x * 840 / 2.44, y * 590 / 2.24, ["Un acteur assez connu"], 11, where)
             for x, y, where in zip(nodes["x"][:15], nodes["y"][:15], crowded[:15],
                                    strict=True)]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1]))
