"""The network over the years: optional status and date qualifiers in the data, slices and
measures per year, the playback figure, the dynamic GEXF and the animation files."""

import io
import json
import xml.etree.ElementTree as ET
import zipfile

import networkx as nx
import pytest

from anis_viz import export, gexf, network, network_card, network_time, network_time_view, views
from anis_viz import network_view as nv
from anis_viz.data import DataValidationError, load_dataset
from anis_viz.figures.network_play import TRACES
from tests.conftest import JARDINS

PLANNED = {"r086", "r087", "r088", "r089", "r090"}


def add_column(package, file, column, values):
    lines = (package / file).read_text(encoding="utf-8").splitlines()
    lines[0] += f",{column}"
    for i in range(1, len(lines)):
        lines[i] += "," + values.get(lines[i].split(",", 1)[0], "")
    (package / file).write_text("\n".join(lines) + "\n", encoding="utf-8")


# -- the data -------------------------------------------------------------------------------

def test_a_package_without_the_optional_columns_reads_attested(jardins):
    assert set(jardins.relations["status"]) == {"attested"}
    assert set(jardins.events["start_qualifier"]) == {""}
    graph = network.build_graph(jardins)
    assert not any(d.get("planned") for *_, d in graph.edges(data=True))


def test_status_and_qualifiers_are_read_and_kept_strict(package):
    add_column(package, "relations.csv", "status", {"r8": "planned"})
    add_column(package, "relations.csv", "start_qualifier", {"r5": "circa"})
    ds = load_dataset(package)  # undeclared in datapackage.json: read, with a warning
    graph = network.build_graph(ds)
    assert graph.edges["ana", "jardins", "r8"]["planned"] is True
    assert graph.edges["jardins", "reseau_reg", "r5"]["start_qualifier"] == "circa"
    add_column(package, "events.csv", "end_qualifier", {"ev_ouverture": "someday"})
    with pytest.raises(DataValidationError) as err:
        load_dataset(package)
    bad = [p for p in err.value.problems if p.code == "enum"]
    assert [(p.file, p.column, p.value) for p in bad] == [
        ("events.csv", "end_qualifier", "someday")]


def test_the_2017_programme_is_planned_not_done(anis):
    planned = set(anis.relations.loc[anis.relations["status"] == "planned", "relation_id"])
    assert planned == PLANNED
    actors = anis.actors.set_index("actor_id")
    assert "soutenue par ANIS" not in actors.loc["chambre_des_communs", "description"]
    assert actors.loc["minirezo", "kind"] != "collective"
    assert "ollectif" not in actors.loc["minirezo", "description"]


def test_planned_ties_say_so_in_the_card_and_the_hover(anis):
    result = nv.compute(anis, "fr", nv.View())
    card = network_card.actor_card(anis, result.whole, "chambre_des_communs", "en")
    assert list(card["ties"]["Years"]) == ["programme adopted in 2017"]
    planned = result.edges[result.edges["key"].isin(PLANNED)]
    assert len(planned) == 5 and set(planned["group"]) == {"support:planned"}
    assert planned["hover"].str.contains("programme adopté en 2017").all()
    assert planned["dash"].nunique() == 1
    assert not result.edges.loc[~result.edges["key"].isin(PLANNED), "dash"].isin(
        planned["dash"]).any()


# -- slices and measures --------------------------------------------------------------------

@pytest.mark.parametrize("year", [2003, 2011, 2017])
def test_a_year_is_the_page_single_year_view(anis, year):
    shown = nv.compute(anis, "fr", nv.View(year=year)).graph
    mine = network_time.year_slice(network_time_view.graph_of(anis), year)
    assert set(mine) == set(shown)
    assert set(mine.edges(keys=True)) == set(shown.edges(keys=True))


def test_measures_count_each_year(jardins):
    graph = network.build_graph(jardins)
    years = network_time.years_of(jardins, graph)
    assert years[0] == 1994  # the first tie starts then
    table = network_time.measures(graph, years)
    row = table.set_index("year").loc[2008]
    sub = network_time.year_slice(graph, 2008)
    assert (row.actors, row.ties) == (len(sub), sub.number_of_edges())
    assert row.new_ties == 2  # r6 and r9 start in 2008
    assert "La ville finance le réseau." in row.new_quotes
    assert row.top_actor == "Jardins partagés" or row.top_share > 0
    assert 0 < row.density <= 1 and row.components >= 1


def test_jumps_are_annotated_with_their_quotes(anis):
    chart = network_time_view.measures_chart(anis, "fr")
    jumps = network_time.jumps(chart.data, "fr")
    assert len(jumps) >= 1
    assert all(label.startswith("+") and " liens en " in label for label in jumps["label"])
    spec = chart.figure.to_plotly_json()
    marks = next(d for d in spec["data"] if d.get("name") == "année de nombreux nouveaux liens")
    assert marks["hovertext"][0].startswith(f"<b>{jumps['label'].iloc[0]}</b>")
    assert "« " in marks["hovertext"][0]  # the quotes of the new ties
    texts = [a["text"] for a in spec["layout"]["annotations"]]
    assert set(jumps["label"]) <= set(texts)
    assert any(s.get("type") == "rect" for s in spec["layout"]["shapes"])  # era bands
    assert not chart.quotes.empty and chart.alt and "csv" not in chart.alt
    assert {"year", "actors", "ties", "density", "components", "top_share", "top_degree",
            "top_betweenness"} <= set(chart.data.columns)


def test_one_actor_year_by_year(jardins):
    chart = network_time_view.actor_chart(jardins, "reseau_reg", "en")
    table = chart.data.set_index("year")
    assert table.loc[2005, "degree"] == 0 and not table.loc[2005, "active"]
    sub = network_time.year_slice(network.build_graph(jardins), 2010)
    assert table.loc[2010, "degree"] == sub.degree("reseau_reg")
    assert chart.figure.data[0].hovertext[0].startswith("<b>")
    assert "from 2006" in chart.alt


# -- the playback ---------------------------------------------------------------------------

def test_playback_has_a_frame_per_year_a_slider_and_play_pause(anis):
    chart = network_time_view.play_chart(anis, "fr")
    fig = chart.figure
    years = network_time.years_of(anis, network_time_view.graph_of(anis))
    assert years[0] <= 2001 and years[-1] == 2017
    assert [f.name for f in fig.frames] == [str(y) for y in years]
    assert [s.label for s in fig.layout.sliders[0].steps] == [str(y) for y in years]
    buttons = fig.layout.updatemenus[0].buttons
    assert [b.args[0] for b in buttons] == [None, (None,)]  # play from current, pause
    assert "Lecture" in buttons[0].label and "Pause" in buttons[1].label
    frame = {f.name: f for f in fig.frames}["2017"]
    assert list(frame.traces) == list(range(len(TRACES)))
    assert frame.data[TRACES.index("year")].text == ("2017",)
    # the five ties of the 2017 programme, dashed; positions never move
    planned = frame.data[TRACES.index("planned")]
    assert len(planned.x) == 3 * 5
    assert fig.data[TRACES.index("planned")].line.dash == "12px,5px"
    assert fig.data[TRACES.index("approx")].line.dash == "dot"
    actors = fig.data[TRACES.index("actors")]
    assert actors.x == tuple(fig.data[TRACES.index("actors")].x)
    nodes = list(actors.customdata)
    symbol = frame.data[TRACES.index("actors")].marker.symbol
    assert symbol[nodes.index("chambre_des_communs")].endswith("-open-dot")  # only planned


def test_ties_appear_when_they_start_and_fade_when_they_end(jardins):
    fig = network_time_view.play_chart(jardins, "en").figure
    frames = {int(f.name): f for f in fig.frames}
    nodes = list(fig.data[TRACES.index("actors")].customdata)
    opacity = {y: f.data[TRACES.index("actors")].marker.opacity for y, f in frames.items()}
    assert opacity[1994][nodes.index("ana")] == 0  # not there yet
    assert opacity[2015][nodes.index("ana")] == 1
    assert 0 < opacity[2014][nodes.index("ville")] < 1  # its ties ended in 2012: faded
    ended = frames[2013].data[TRACES.index("ended")]
    assert len(ended.x) == 3 * 5  # r6, r9 (2012), r2 (2006), r3 (2004), r4 (its era, 2003)


def test_the_page_chart_registry_offers_the_playback_for_a_slide(jardins):
    (chart,) = views.build(views.of("network", {"chart": "play"}, jardins), jardins, "fr")
    assert chart.figure.frames and chart.slug == "reseau_annees"
    (default,) = views.build(views.of("network", {}, jardins), jardins, "fr")
    assert not default.figure.frames


# -- the dynamic graph ----------------------------------------------------------------------

NS = {"g": gexf.NS}


def _slice(root: ET.Element, year: float) -> tuple[set, set]:
    """Actors and ties of a GEXF at ``year``, read with ElementTree alone."""

    def present(element) -> bool:
        spells = element.findall("g:spells/g:spell", NS) or [element]
        return any(float(s.get("start", "-inf")) <= year <= float(s.get("end", "inf"))
                   for s in spells)

    edges = {e.get("id") for e in root.iterfind(".//g:edges/g:edge", NS) if present(e)}
    tied = {e.get(end) for e in root.iterfind(".//g:edges/g:edge", NS)
            for end in ("source", "target")}  # actors with no tie at all: always there
    nodes = {n.get("id") for n in root.iterfind(".//g:nodes/g:node", NS)
             if present(n) and n.get("id") in tied}
    return nodes, edges


def test_gexf_is_dynamic_1_3_with_double_time(anis):
    data = gexf.dynamic_gexf(network.build_graph(anis, include_events=True))
    root = ET.fromstring(data)
    assert root.tag == f"{{{gexf.NS}}}gexf" and root.get("version") == "1.3"
    graph = root.find("g:graph", NS)
    assert (graph.get("mode"), graph.get("timeformat"), graph.get("defaultedgetype")) == (
        "dynamic", "double", "directed")
    types = {e.get("type") for e in root.iterfind(".//g:edge", NS)}
    assert types == {"directed", "undirected"}
    for edge in root.iterfind(".//g:edge[@type='undirected']", NS):
        assert ":" in edge.get("id")  # the shared-event ties
    # every node and edge child is a GEXF 1.3 element (structure of the XSD)
    allowed = {"attvalues", "spells", "attvalue", "spell", "position"}
    for element in graph.iter():
        local = element.tag.split("}")[1]
        assert local in allowed | {"graph", "attributes", "attribute", "nodes", "node",
                                   "edges", "edge"}
    anis_node = root.find(".//g:node[@id='r089']", NS)
    assert anis_node is None
    r089 = root.find(".//g:edge[@id='r089']", NS)
    assert r089.get("start") == "2017.0"
    values = {a.get("for"): a.get("value") for a in r089.iterfind(".//g:attvalue", NS)}
    assert "planned" in values.values()


@pytest.mark.parametrize("year", [2001, 2008, 2012, 2017])
def test_gexf_slice_is_the_dashboard_slice(anis, year):
    whole = network.build_graph(anis, include_events=True)
    root = ET.fromstring(gexf.dynamic_gexf(whole))
    nodes, edges = _slice(root, float(year))
    shown = nv.compute(anis, "fr", nv.View(year=year, events=True)).graph
    assert edges == {str(k) for *_, k in shown.edges(keys=True)}
    assert nodes == set(shown)


def test_networkx_reads_the_gexf_back(jardins):
    data = gexf.dynamic_gexf(network.build_graph(jardins))
    back = nx.read_gexf(io.BytesIO(data), version="1.3")
    assert back.graph["mode"] == "dynamic"
    assert back.number_of_edges() == len(jardins.relations)
    r3 = next(d for *_, d in back.edges(data=True) if d["id"] == "r3")
    assert (r3["start"], r3["end"]) == (1994.0, 2004.0)
    voisins = back.nodes["voisins"]  # an undated tie: the years of its section's eras
    assert (voisins["start"], voisins["end"]) == (1994.0, 2003.0)
    spells = back.nodes["ville"].get("spells") or [(back.nodes["ville"].get("start"),
                                                    back.nodes["ville"].get("end"))]
    assert [tuple(s[:2]) for s in spells] == [(2008.0, 2012.0)]


def test_graphml_stays_static_with_years_and_status(anis):
    data = network.export_graphml(network.build_graph(anis)).decode()
    assert "<graph" in data and 'attr.name="start"' in data and 'attr.name="planned"' in data
    assert "spell" not in data


# -- the animation --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def played(jardins):
    stamp = export.stamp(jardins, "fr")
    return network_time_view.play_chart(jardins, "fr"), stamp


def test_frames_carry_title_source_and_year(played):
    from anis_viz import animation

    chart, stamp = played
    figures = animation.frame_figures(chart, stamp, years=[2000, 2010])
    assert len(figures) == 2
    for figure, year in zip(figures, (2000, 2010), strict=True):
        assert figure.data[TRACES.index("year")].text == (str(year),)
        assert figure.layout.title.text == chart.title
        assert any(stamp.source.split(" ")[0] in a.text for a in figure.layout.annotations)
        assert not figure.layout.updatemenus and not figure.frames


def test_gif_and_mp4_have_one_picture_per_year(played):
    from PIL import Image

    from anis_viz import animation

    chart, stamp = played
    frames = animation.png_frames(animation.frame_figures(chart, stamp, years=[2000, 2010]),
                                  scale=0.2)
    gif = animation.gif(frames)
    assert gif[:6] == b"GIF89a" and Image.open(io.BytesIO(gif)).n_frames == 2
    mp4 = animation.mp4(frames, seconds=0.2)
    assert mp4[4:8] == b"ftyp"
    import imageio_ffmpeg

    path = io.BytesIO(mp4)
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        file = Path(tmp) / "v.mp4"
        file.write_bytes(path.getvalue())
        count, _ = imageio_ffmpeg.count_frames_and_secs(str(file))
    assert count == 2 * round(0.2 * 10)


def test_animated_html_is_offline_and_does_not_autoplay(played):
    from anis_viz import animation

    chart, stamp = played
    page = animation.html(chart, stamp).decode()
    assert "addFrames" in page and "cdn.plot.ly" not in page.split("<script")[0]
    assert page.count('"name":"2010"') >= 1
    assert stamp.source.split()[0] in page
    assert 'lang="fr"' in page


def test_the_pack_holds_the_animation_and_the_dynamic_graph(jardins, played, monkeypatch):
    from anis_viz import animation

    chart, stamp = played
    monkeypatch.setattr(animation, "png_frames", lambda figures, scale=0.2: [
        export.images([(figures[0], "png", 0.2)])[0]] * len(figures))
    pack = export.assembly_pack(jardins, [], stamp,
                                extras=lambda: animation.pack_files(jardins, stamp, chart))
    names = zipfile.ZipFile(io.BytesIO(pack)).namelist()
    found = {n.rsplit(".", 1)[-1] for n in names if n.startswith(("animation/", "gexf/"))}
    assert found == {"gexf", "html", "gif", "mp4"}
    gexf_file = next(n for n in names if n.endswith(".gexf"))
    assert b'timeformat="double"' in zipfile.ZipFile(io.BytesIO(pack)).read(gexf_file)


def test_page_offers_the_playback_by_default(monkeypatch):
    from streamlit.testing.v1 import AppTest

    from tests.test_network import APP

    monkeypatch.setenv("ANIS_VIZ_DATA", str(JARDINS))
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page("pages/network.py").run()
    assert not at.exception
    play = next(c for c in at.get("plotly_chart") if c.key == "net_time_play")
    spec = json.loads(play.proto.spec)
    assert len(spec["frames"]) > 5 and spec["layout"]["updatemenus"][0]["buttons"]
    labels = [b.proto.label for b in at.get("download_button")]
    assert any("GEXF 1.3" in x for x in labels) and any("MP4" in x for x in labels)
    at.select_slider(key="net_time_year").set_value(2010).run()
    spec = json.loads(next(c for c in at.get("plotly_chart") if c.key == "net_time_play")
                      .proto.spec)
    assert spec["layout"]["sliders"][0]["active"] == [f["name"] for f in spec["frames"]].index(
        "2010")



def test_the_years_draw_their_open_tab_and_keep_the_chosen_actor(monkeypatch):
    from streamlit.testing.v1 import AppTest

    from tests.test_network import APP

    monkeypatch.setenv("ANIS_VIZ_DATA", str(JARDINS))
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page("pages/network.py").run()
    tabs = [tab.label for tab in at.get("tab")]
    at.session_state["net_time_tab"] = tabs[2]
    at.run()
    assert "net_time_play" not in {c.key for c in at.get("plotly_chart")}
    at.selectbox(key="net_time_actor").set_value("marie").run()
    title = next(c for c in at.get("plotly_chart") if c.key == "net_time_actor_chart")
    assert "Marie" in json.loads(title.proto.spec)["layout"]["title"]["text"]
    at.session_state["net_time_tab"] = tabs[0]
    at.run()
    at.session_state["net_time_tab"] = tabs[2]
    at.run()
    assert not at.exception and at.selectbox(key="net_time_actor").value == "marie"


# -- qualified dates on the timeline --------------------------------------------------------

def test_qualified_dates_are_said_and_drawn_apart_on_the_timeline(package):
    from tests.test_timeline import chart, hover_of, marks

    add_column(package, "events.csv", "start_qualifier",
               {"ev_reseau": "before", "ev_communs": "after", "ev_ouverture": "circa"})
    ds = load_dataset(package)
    fig = chart(ds).figure
    drawn = marks(fig)

    def symbol(event_id):
        trace = drawn[event_id]
        symbols = trace.marker.symbol
        return symbols if isinstance(symbols, str) else \
            symbols[list(trace.customdata).index(event_id)]

    assert symbol("ev_reseau") == "triangle-left-open"
    assert symbol("ev_communs") == "triangle-right-open"
    assert symbol("ev_ouverture") == "circle-open"  # circa: hollow, as approximate dates
    assert "avant 2006" in hover_of(fig, "ev_reseau")
    assert "after" in hover_of(chart(ds, "en").figure, "ev_communs")
    assert ds.events.set_index("event_id").loc["ev_reseau", "start"] == "2006"  # no new year


def test_the_descriptor_declares_the_optional_columns_a_file_has(package):
    from anis_viz import contract

    add_column(package, "relations.csv", "status", {"r8": "planned"})
    fields = {r["name"]: [f["name"] for f in r["schema"]["fields"]]
              for r in contract.descriptor(package)["resources"]}
    assert fields["relations"][-1] == "status" and "status" not in fields["events"]
    status = next(f for r in contract.descriptor(package)["resources"]
                  if r["name"] == "relations" for f in r["schema"]["fields"]
                  if f["name"] == "status")
    assert status["constraints"]["enum"] == ["attested", "planned"]


def test_a_large_network_is_drawn_over_the_years_only_on_request(monkeypatch):
    from streamlit.testing.v1 import AppTest

    from anis_viz import network_time_view
    from tests.test_network import APP

    monkeypatch.setenv("ANIS_VIZ_DATA", str(JARDINS))
    monkeypatch.setattr(network_time_view, "LAZY", 0)  # the fixture counts as large
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page("pages/network.py").run()
    assert not at.exception
    keys = {c.key for c in at.get("plotly_chart")}
    assert "net_chart" in keys and "net_time_play" not in keys
    at.toggle(key="net_time_show").set_value(True).run()
    assert not at.exception
    keys = {c.key for c in at.get("plotly_chart")}
    assert "net_time_play" in keys and "net_time_measures" not in keys  # only the open tab
    at.session_state["net_time_tab"] = at.get("tab")[1].label
    at.run()
    keys = {c.key for c in at.get("plotly_chart")}
    assert not at.exception and "net_time_measures" in keys and "net_time_play" not in keys
