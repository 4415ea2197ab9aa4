"""The themes page: aggregations counted by hand, figure builders by meaning, the chart
registry, and AppTest runs of the page in French and English."""

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from anis_viz import themes, views
from anis_viz.data import DEFAULT_DATA, load_dataset
from anis_viz.figures import themes as figures
from anis_viz.themes_charts import meetings_note, words

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
ALL = themes.ThemeView()
LONG = "Un très long passage " + "du texte source " * 15 + "qui finit ici."
# A tiny package: the jardins fixture with these mentions (hand-counted below).
MENTIONS = [  # theme, era, year, ref_type, ref_id, section, quote
    ("jardinage", "semis", "1994", "event", "ev_ouverture", "A", "Q1 <b>gras</b>"),
    ("jardinage", "semis", "", "section", "", "A", "Q2"),
    ("voisinage", "semis", "1995", "actor", "voisins", "A", "Q3"),
    ("voisinage", "semis", "", "actor", "voisins", "A", "Q4"),
    ("semences", "semis", "", "section", "", "A", LONG),
    ("jardinage", "racines", "2000", "section", "", "A", "Q6"),
    ("compost", "racines", "", "section", "", "A", "Q7"),
    ("compost", "racines", "2001", "section", "", "A", "Q8"),
    ("compost", "racines", "2001", "section", "", "A", "Q9"),
    ("compost", "reseau", "", "event", "ev_rencontre_x", "B", "Q10"),
    ("communs", "reseau", "", "event", "ev_rencontre_x", "B", "Q11"),
    ("communs", "communs", "2015", "event", "ev_communs", "C", "Q12"),
    ("communs", "communs", "", "section", "", "C", "Q13"),
    ("semences", "reseau", "2011", "event", "ev_rencontre_x", "B", "Q14"),
]


SERIES = ("rencontres,Rencontres des jardins,Garden meetings,event_series,Douze rencontres "
          "annuelles ont réuni de 20 à 80 jardiniers.,Twelve annual meetings gathered 20 to 80 "
          "gardeners.,B,Douze rencontres ont réuni de 20 à 80 jardiniers selon les années.\n")


def add_series(root: Path) -> Path:
    """The jardins package plus an ``event_series`` actor whose editions are the two
    meetings (the shared fixture has none, and other pages count its actors)."""
    descriptor = json.loads((root / "datapackage.json").read_text())
    for resource in descriptor["resources"]:
        for field in resource["schema"]["fields"]:
            if resource["name"] == "actors" and field["name"] == "kind":
                field["constraints"]["enum"].append("event_series")
    (root / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False))
    with open(root / "actors.csv", "a", encoding="utf-8") as f:
        f.write(SERIES)
    with open(root / "event_actors.csv", "a", encoding="utf-8") as f:
        f.write("ev_rencontre_2010,rencontres,edition_of\nev_rencontre_x,rencontres,edition_of\n")
    with open(root / "vocabulary.csv", "a", encoding="utf-8") as f:
        f.write("kind,event_series,Série d’événements,Event series\n")
    return root


@pytest.fixture
def series(tmp_path):
    from tests.conftest import JARDINS

    return load_dataset(add_series(Path(shutil.copytree(JARDINS, tmp_path / "series"))))


@pytest.fixture
def tiny(package):
    add_series(package)
    rows = [(f"t{i}", *row) for i, row in enumerate(MENTIONS, 1)]
    frame = pd.DataFrame(rows, columns=["mention_id", "theme_id", "era_id", "year", "ref_type",
                                        "ref_id", "section_id", "quote"])
    frame.to_csv(package / "theme_mentions.csv", index=False)
    return load_dataset(package)


def counts(cells):
    return {(r.theme_id, r.key): r.count for r in cells.itertuples() if r.count}


# -- heatmap ------------------------------------------------------------------------------

def test_heatmap_cells_equal_hand_counted_mentions(tiny):
    cells = themes.heatmap_cells(tiny, "fr", ALL)
    assert counts(cells) == {("jardinage", "semis"): 2, ("voisinage", "semis"): 2,
                             ("semences", "semis"): 1, ("jardinage", "racines"): 1,
                             ("compost", "racines"): 3, ("compost", "reseau"): 1,
                             ("communs", "reseau"): 1, ("communs", "communs"): 2,
                             ("semences", "reseau"): 1}
    assert len(cells) == 6 * 5  # every theme × every era, zeros included
    assert set(cells["theme_id"]) == set(tiny.themes["theme_id"])  # "oubli" too
    cell = cells[(cells["theme_id"] == "compost") & (cells["key"] == "racines")].iloc[0]
    assert cell["quotes"] == ("Q7", "Q8", "Q9") and cell["sections"] == ("A", "A", "A")


def test_heatmap_by_year_counts_only_dated_mentions(tiny):
    cells = themes.heatmap_cells(tiny, "fr", views.Themes.from_params({"by": "year"}))
    assert counts(cells) == {("jardinage", "1994"): 1, ("voisinage", "1995"): 1,
                             ("jardinage", "2000"): 1, ("compost", "2001"): 2,
                             ("semences", "2011"): 1, ("communs", "2015"): 1}
    assert list(dict.fromkeys(cells["key"])) == [str(y) for y in range(1994, 2016)]


def test_heatmap_on_the_jardins_fixture(jardins):
    cells = themes.heatmap_cells(jardins, "fr", ALL)
    assert counts(cells) == {("voisinage", "racines"): 1, ("jardinage", "semis"): 1,
                             ("jardinage", "racines"): 1, ("jardinage", "reseau"): 1,
                             ("compost", "reseau"): 1, ("semences", "reseau"): 1,
                             ("communs", "communs"): 1}
    assert cells["count"].sum() == len(jardins.theme_mentions)


def test_filters_narrow_the_mentions(tiny):
    view = views.Themes.from_params({"family": "lien", "era": "semis,reseau"})
    cells = themes.heatmap_cells(tiny, "fr", view)
    assert set(cells["theme_id"]) == {"voisinage", "communs", "oubli"}
    assert counts(cells) == {("voisinage", "semis"): 2, ("communs", "reseau"): 1}
    # an undated mention stays while its era meets the years; a dated one must be inside
    kept = themes.mentions(tiny, "fr", views.Themes.from_params({"years": "2001-2003"}))
    assert set(kept["quote"]) == {"Q7", "Q8", "Q9"}


def test_heatmap_hover_lists_escaped_shortened_quotes_and_sections(tiny):
    cells = themes.heatmap_cells(tiny, "fr", ALL)
    fig = figures.heatmap_figure(cells, title="t", x_title="", words=words("fr"))
    trace, cells_layer = fig.data
    assert trace.type == "heatmap" and cells_layer.type == "scatter"
    assert list(trace.y) == list(dict.fromkeys(cells["theme"]))
    rows = list(trace.y)
    hovers = dict(zip(zip(cells_layer.y, cells_layer.x), cells_layer.customdata))
    assert len(hovers) == len(cells)  # one clickable marker per cell
    hover = hovers["Jardinage", "Semis"]
    assert "« Q1 &lt;b&gt;gras&lt;/b&gt; »" in hover and "§ A" in hover and "<b>gras" not in hover
    assert "2 mention(s)" in hover
    long = hovers["Semences", "Semis"]
    assert "qui finit ici" not in long and "…" in long  # shortened at a word boundary
    assert trace.z[rows.index("Compost")][list(trace.x).index("Racines")] == 3
    assert fig.layout.uirevision


def test_pick_cell_prefers_a_click_then_the_choice_then_the_busiest(tiny):
    cells = themes.heatmap_cells(tiny, "fr", ALL)
    assert themes.pick_cell(cells) == ("compost", "racines")  # 3 mentions, the most
    assert themes.pick_cell(cells, ("communs", "reseau")) == ("communs", "reseau")
    assert themes.pick_cell(cells, ("communs", "gone")) == ("compost", "racines")
    assert themes.pick_cell(cells, ("communs", "reseau"), ("Jardinage", "Semis")) == (
        "jardinage", "semis")
    assert themes.pick_cell(cells, ("communs", "reseau"), ("Nope", "Semis")) == (
        "communs", "reseau")


def test_hover_says_how_many_quotes_are_left_out():
    text = figures.quote_block(["a", "b", "c", "d", "e"], list("ABCDE"), words("en"))
    assert text.count("“") == figures.QUOTES_SHOWN and "+ 2 more quote(s)" in text


# -- evolution ----------------------------------------------------------------------------

def test_area_counts_dated_mentions_and_reports_the_undated(tiny):
    series, undated = themes.area_series(tiny, "fr", ALL)
    assert undated == sum(1 for m in MENTIONS if not m[2])
    assert series["count"].sum() == len(MENTIONS) - undated
    assert series.groupby("group")["count"].sum().to_dict() == {"pratique": 5, "lien": 2}
    by_theme, _ = themes.area_series(tiny, "fr", views.Themes.from_params({"group": "theme"}))
    assert by_theme.groupby("group")["count"].sum()["compost"] == 2
    fig = figures.area_figure(series, title="t", x_title="x", y_title="y", words=words("fr"))
    assert {t.stackgroup for t in fig.data} == {"one"} and len(fig.data) == 2


def test_bump_ranks_handle_ties_with_the_best_rank(tiny):
    ranks = themes.bump_ranks(tiny, "fr", ALL).set_index(["era_id", "theme_id"])["rank"]
    assert themes.RANK_METHOD == "min"
    assert ranks["semis", "jardinage"] == 1 and ranks["semis", "voisinage"] == 1
    assert ranks["semis", "semences"] == 3  # 1, 1, 3: ties share the best rank
    assert ranks["racines", "compost"] == 1 and ranks["racines", "jardinage"] == 2
    assert ranks["reseau", "compost"] == ranks["reseau", "communs"] == 1
    assert pd.isna(ranks["communs", "jardinage"])  # not mentioned: no rank
    assert "jachere" not in ranks.index.get_level_values(0)  # an era with no mention
    fig = figures.bump_figure(themes.bump_ranks(tiny, "fr", ALL), title="t", y_title="y",
                              words=words("fr"))
    assert len(fig.data) == 5 and fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1]
    semis = views.Themes.from_params({"era": "semis"})
    assert set(themes.bump_ranks(tiny, "fr", semis, top=2)["theme_id"]) == {
        "jardinage", "voisinage"}  # semences, 3rd, is left out of a top 2


# -- the shift as a flow ------------------------------------------------------------------

@pytest.mark.parametrize("group", ["family", "theme"])
def test_sankey_node_and_link_sums_balance(tiny, group):
    nodes, links = themes.flow(tiny, "fr", views.Themes.from_params({"group": group}))
    eras = ["semis", "racines", "reseau", "communs"]  # start order; jachère has no mention
    assert list(dict.fromkeys(nodes["era_id"])) == eras
    assert nodes.groupby("era_id")["share"].sum().round(9).eq(100).all()
    out_sum = links.groupby("source")["value"].sum()
    in_sum = links.groupby("target")["value"].sum()
    for node in nodes.itertuples():
        if node.era_id != eras[-1]:
            assert out_sum[node.node] == pytest.approx(node.share)
        if node.era_id != eras[0]:
            assert in_sum[node.node] == pytest.approx(node.share)
    step = {e: i for i, e in enumerate(eras)}
    era_of = nodes.set_index("node")["era_id"]
    assert all(step[era_of[t]] == step[era_of[s]] + 1 for s, t in zip(links["source"],
                                                                       links["target"]))


def test_sankey_carries_over_the_smaller_share(tiny):
    nodes, links = themes.flow(tiny, "fr", views.Themes.from_params({"group": "theme"}))
    kept = links[links["kind"] == "kept"]
    jardinage = kept[kept["source"].map(nodes["group"]) == "jardinage"]
    assert jardinage["value"].tolist() == pytest.approx([25.0])  # min(2/5, 1/4)
    nodes, links = themes.flow(tiny, "fr", ALL)  # by family: jardinage 2 + semences 1 of 5
    share = nodes.set_index(["era_id", "group"])["share"]
    assert share["semis", "pratique"] == pytest.approx(60) and share["semis", "lien"] == 40
    assert share["racines", "pratique"] == 100


def sankey_labels(fig):
    return list(fig.data[0].node.label)


def test_sankey_figure_has_every_node_and_era_heading(tiny):
    nodes, links = themes.flow(tiny, "en", views.Themes.from_params({"group": "theme"}))
    fig = figures.flow_figure(nodes, links, title="t", words=words("en"))
    assert "Gardening" in sankey_labels(fig)
    (sankey,) = fig.data
    assert sankey.type == "sankey" and len(sankey.node.label) == len(nodes)
    assert sum(sankey.link.value) == pytest.approx(links["value"].sum())
    assert [a.text for a in fig.layout.annotations] == [
        "<b>Sowing</b>", "<b>Roots</b>", "<b>Network</b>", "<b>Commons</b>"]


def test_one_era_gives_no_flow_but_says_why(tiny):
    view = views.Themes.from_params({"era": "semis", "group": "theme"})
    nodes, links = themes.flow(tiny, "en", view)
    assert links.empty and len(nodes) == 3
    (chart,) = views.build(views.of("themes", {"chart": "flow", "era": "semis"}, tiny), tiny, "en")
    assert "two eras" in chart.alt


# -- annual meetings ----------------------------------------------------------------------

def test_undated_meeting_topics_never_get_a_year(tiny, series):
    for ds in (tiny, series):
        topics = themes.meetings(ds, "fr", ALL)
        undated = topics[topics["undated"]]
        assert len(undated) and undated["year"].isna().all()
        assert topics.loc[~topics["undated"], "year"].notna().all()
    topics = themes.meetings(tiny, "fr", ALL).set_index("theme_id")
    assert topics.at["semences", "year"] == 2011  # the mention's own year
    assert topics.at["compost", "undated"] and topics.at["communs", "undated"]
    fig = figures.meetings_figure(topics.reset_index(), themes.eras_in_order(tiny, "fr"),
                                  title="t", words=words("fr"))
    bar, = (t for t in fig.data if t.type == "bar")
    scatter, = (t for t in fig.data if t.type == "scatter")
    assert set(bar.y) == {"Compost", "Communs"} and list(scatter.y) == ["Semences"]
    assert all("non daté, période Réseau" in h for h in bar.customdata)
    assert list(scatter.x) == [2011]


def test_meetings_editions_and_attendance_come_from_the_data(series, package):
    info = themes.series_info(series, "fr")
    assert info[["actor_id", "editions", "dated"]].values.tolist() == [["rencontres", 2, 1]]
    assert "Douze rencontres" in meetings_note(series, "fr")
    actors = pd.read_csv(add_series(package) / "actors.csv", dtype=str, keep_default_na=False)
    actors.loc[actors["actor_id"] == "rencontres", "description"] = "Sept éditions, 400 invités."
    actors.to_csv(package / "actors.csv", index=False)
    note = meetings_note(load_dataset(package), "fr")
    assert "Sept éditions, 400 invités." in note and "Douze" not in note


def test_only_editions_of_an_event_series_are_meetings(jardins, series):
    # reseau_reg (a collective) also has edition_of rows: it is not a series
    assert set(themes.series_info(series, "fr")["actor_id"]) == {"rencontres"}
    assert themes.series_info(jardins, "fr").empty and themes.meetings(jardins, "fr").empty
    (chart,) = views.build(views.of("themes", {"chart": "meetings"}, jardins), jardins, "en")
    assert chart.alt.startswith("No meeting topic") and not chart.figure.data


# -- themes and actors --------------------------------------------------------------------

def test_theme_actors_join_named_actors_and_event_actors(jardins):
    actors = themes.theme_actors(jardins, "fr", ALL, "jardinage")
    assert dict(zip(actors["actor_id"], actors["count"])) == {"friche": 1, "marie": 1,
                                                              "reseau_reg": 1}
    row = actors.set_index("actor_id").loc["reseau_reg"]
    assert (row["direct"], row["via_events"]) == (1, 0)
    assert actors.set_index("actor_id").at["marie", "events"] == ("Ouverture du jardin",)
    fig = figures.actors_figure(actors, title="t", x_title="x", words=words("fr"))
    assert sum(len(t.y) for t in fig.data) == 3
    assert any("Un premier jardin ouvre en 1994." in h for t in fig.data for h in t.customdata)


def test_actor_names_are_escaped_in_the_bars(jardins):
    actors = themes.theme_actors(jardins, "fr", ALL, "communs")
    fig = figures.actors_figure(actors, title="t", x_title="x", words=words("fr"))
    labels = [y for t in fig.data for y in t.y]
    assert labels == ["Ana &lt;b&gt;Lopez&lt;/b&gt;"]


# -- the registry -------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["fr", "en"])
def test_registry_draws_every_chart_with_an_alt_text(series, lang):
    jardins = series
    drawn = views.build(views.of("themes", ds=jardins), jardins, lang)
    assert len(drawn) == len(views.themes.CHARTS)
    assert len({c.slug for c in drawn}) == len(drawn)
    assert all(c.alt and c.title and len(c.figure.data) for c in drawn)
    assert [len(views.build(views.of("themes", {"chart": n}, jardins), jardins, lang)) for n in views.themes.CHARTS] \
        == [1] * len(views.themes.CHARTS)


def test_view_parsing_survives_mangled_links():
    view = views.Themes.from_params({"chart": "nope", "years": "20x1-2015", "by": "month",
                              "family": "a,,b"})
    assert (view.chart, view.years, view.by, view.families) == ("", None, "era", ("a", "b"))
    assert views.Themes.from_params({"years": "2015-2011"}).years == (2011, 2015)


def test_filters_show_in_the_subtitle(jardins):
    (chart,) = views.build(views.of("themes", {"chart": "heatmap", "family": "lien",
                                                      "years": "1998-2010"}, jardins), jardins, "en")
    assert chart.subtitle == "Families: Bonds · 1998–2010" and chart.span == "1998-2010"


# -- the page -----------------------------------------------------------------------------

def page(monkeypatch, data=None, **params):
    if data is not None:
        monkeypatch.setenv("ANIS_VIZ_DATA", str(data))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(params)
    at.run()  # the shell first (language, shared filters), as a browser would
    at.query_params.update(params)
    return at.switch_page("pages/themes.py").run()


def figure(at, index=0):
    return json.loads(at.get("plotly_chart")[index].proto.spec)


@pytest.mark.parametrize("lang, title, label", [("fr", "Thèmes", "Thème jamais cité"),
                                                ("en", "Themes", "Never-mentioned theme")])
def test_page_shows_every_theme_in_both_languages(monkeypatch, jardins, lang, title, label):
    from tests.conftest import JARDINS

    at = page(monkeypatch, JARDINS, lang=lang)
    assert not at.exception and not at.error
    assert at.title[0].value == title
    heat = figure(at)["data"][0]
    assert heat["type"] == "heatmap" and label in heat["y"]
    assert len(heat["y"]) == len(jardins.themes)
    assert any("mention" in c.value for c in at.caption)  # the alt text under the chart


def test_page_family_filter_and_chart_choice_reach_the_url(monkeypatch):
    from tests.conftest import JARDINS

    at = page(monkeypatch, JARDINS)
    at.multiselect(key="th_family").set_value(["pratique"]).run()
    assert set(figure(at)["data"][0]["y"]) == {"Jardinage", "Semences", "Compost"}
    at.radio(key="th_chart").set_value("flow").run()
    assert not at.exception
    assert figure(at)["data"][0]["type"] == "sankey"
    # the address: written by app.py after the page, or still pending when AppTest ran
    # the page on its own
    url = {k: v[-1] if isinstance(v, list) else v for k, v in at.query_params.items()}
    if "_url_pending" in at.session_state:
        url |= at.session_state["_url_pending"]
    assert url["family"] == "pratique" and url["chart"] == "flow"


def test_page_opens_from_a_link_and_lists_a_cells_mentions(monkeypatch):
    from tests.conftest import JARDINS

    at = page(monkeypatch, JARDINS, family="pratique", by="year")
    assert at.radio(key="th_by").value == "year"
    at.selectbox(key="th_cell_theme").set_value("semences").run()
    at.selectbox(key="th_cell_key").set_value("2010").run()
    assert any("Les rencontres se tiennent à la Halle" in m.value for m in at.markdown)


def test_page_clicked_cell_lists_its_quotes(monkeypatch):
    from tests.conftest import JARDINS

    at = page(monkeypatch, JARDINS)
    at.session_state["th_heat"] = {"selection": {"points": [{"x": "Communs", "y": "Communs"}]}}
    at.run()
    assert at.selectbox(key="th_cell_theme").value == "communs"
    assert any("pensés comme des communs" in m.value for m in at.markdown)


def test_page_heatmap_by_year_without_dated_mentions_says_so(monkeypatch):
    from tests.conftest import JARDINS

    at = page(monkeypatch, JARDINS, lang="en", era="racines", by="year")  # undated only
    assert not at.exception and not at.error
    (annotation,) = figure(at)["layout"]["annotations"]
    assert annotation["text"] == "No mention for these filters."


@pytest.mark.parametrize("chart", ["meetings", "actors", "area", "bump"])
def test_page_draws_each_chart(monkeypatch, package, chart):
    at = page(monkeypatch, add_series(package), lang="fr", chart=chart)
    assert not at.exception and not at.error and len(at.get("plotly_chart")) == 1
    if chart == "meetings":
        assert any("Douze rencontres ont réuni" in c.value for c in at.caption)


def test_page_empty_state_offers_a_reset(monkeypatch):
    from tests.conftest import JARDINS

    at = page(monkeypatch, JARDINS, era="jachere")  # an era the text gives no theme
    assert not at.exception and len(at.get("plotly_chart")) == 0
    assert "Aucune mention" in at.warning[0].value
    at.button(key="th_reset").click().run()
    assert not at.exception and at.session_state["f_eras"] == []


@pytest.mark.skipif(not (DEFAULT_DATA / "themes.csv").exists(), reason="no ANIS package yet")
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_page_on_anis(monkeypatch, anis, lang):
    for chart in views.themes.CHARTS:
        at = page(monkeypatch, lang=lang, chart=chart)
        assert not at.exception and not at.error, chart
    at = page(monkeypatch, lang=lang)
    assert len(figure(at)["data"][0]["y"]) == len(anis.themes)
