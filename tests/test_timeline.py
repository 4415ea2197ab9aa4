"""Chronologie: transforms, the figure (bands, marks, hover) and the page (AppTest)."""

import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from anis_viz import style, timeline, views
from anis_viz.data import DEFAULT_DATA, load_dataset
from anis_viz.figures.timeline import EVENT_ROLE
from tests.conftest import JARDINS

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
HAS_ANIS = (DEFAULT_DATA / "datapackage.json").is_file()


def chart(ds, lang="fr", **view):
    (only,) = views.build(views.of("timeline", view, ds), ds, lang)
    return only


def event_traces(fig):
    return [t for t in fig.data if t.meta == EVENT_ROLE]


def marks(fig):
    """event_id -> the trace that draws it (every event is drawn exactly once)."""
    seen = {}
    for trace in event_traces(fig):
        for event_id in trace.customdata:
            assert event_id not in seen, f"{event_id} drawn twice"
            seen[event_id] = trace
    return seen


def hover_of(fig, event_id):
    for trace in event_traces(fig):
        ids = list(trace.customdata)
        if event_id in ids:
            return trace.hovertext[ids.index(event_id)]
    raise AssertionError(event_id)


def ids(rows):
    return set(rows["event_id"])


def filtered(ds, **view):
    return timeline.filter_events(timeline.event_table(ds), views.Timeline.from_params(view))


# -- the figure ---------------------------------------------------------------------------

def test_one_labelled_band_per_era_coloured_from_the_style_module(jardins):
    fig = chart(jardins).figure
    bands = [s for s in fig.layout.shapes if (s.name or "").startswith("era:")]
    assert len(bands) == len(jardins.eras) == 5
    labels = [a for a in fig.layout.annotations if (a.name or "").startswith("era:")]
    assert [a.text for a in labels] == [f"<b>{x}</b>" for x in
                                        ["Semis", "Racines", "Jachère", "Réseau", "Communs"]]
    colours = style.era_colours(jardins.eras.sort_values("start_date")["era_id"])
    assert [s.fillcolor for s in bands] == [style.with_alpha(c, 0.10) for c in colours.values()]
    assert all(s.layer == "below" for s in bands)


def test_bands_follow_one_another_without_overlapping(jardins):
    bands = timeline.era_bands(jardins)
    assert (bands["x1"].iloc[:-1].to_numpy() <= bands["x0"].iloc[1:].to_numpy()).all()
    assert bands["x1"].iloc[-1] > bands["x0"].iloc[-1]  # the open era still has a width


def test_era_names_never_overlap_nor_leave_the_plot():
    day = pd.Timestamp
    bands = pd.DataFrame({"era_id": ["a", "b", "c"], "short_label": ["Un", "Deux", "Une longue"],
                          "x0": [day("2000-01-01"), day("2010-01-01"), day("2017-01-01")],
                          "x1": [day("2010-01-01"), day("2017-01-01"), day("2018-01-01")]})
    placed = timeline.band_labels(bands, (day("1999-01-01"), day("2018-06-01")), width_px=700)
    assert list(placed["label_anchor"]) == ["center", "center", "right"]  # c is too narrow
    per_px = (day("2018-06-01") - day("1999-01-01")) / 700
    width = placed["short_label"].str.len() * 9 * per_px
    left = [x - w / 2 if a == "center" else x - w if a == "right" else x
            for x, a, w in zip(placed["label_x"], placed["label_anchor"], width, strict=True)]
    assert left[2] + width[2] <= day("2018-06-01")
    if placed["label_level"][1] == placed["label_level"][2]:
        assert left[1] + width[1] < left[2]
    hidden = timeline.band_labels(bands, (day("2011-01-01"), day("2016-01-01")))
    assert list(hidden["label_level"]) == [-1, 0, -1]  # out of view: no name


def test_every_event_is_one_mark_and_bars_are_exactly_the_spans(jardins):
    fig = chart(jardins).figure
    drawn = marks(fig)
    assert set(drawn) == set(jardins.events["event_id"])
    bars = {e for e, trace in drawn.items() if trace.type == "bar"}
    assert bars == set(jardins.events.loc[jardins.events["end"] != "", "event_id"])
    assert bars == {"ev_fete", "ev_financement", "ev_rencontre_x"}


def test_marks_equal_the_filtered_rows(jardins):
    fig = chart(jardins, category="gathering").figure
    assert set(marks(fig)) == {"ev_fete", "ev_rencontre_2010", "ev_rencontre_x"}


def test_approximate_dates_are_drawn_hollow_or_hatched(package):
    events = pd.read_csv(package / "events.csv", dtype=str, keep_default_na=False)
    events.loc[events["event_id"] == "ev_reseau", "date_precision"] = "approximate"
    events.to_csv(package / "events.csv", index=False)
    ds = load_dataset(package)
    fig = chart(ds).figure
    drawn = marks(fig)
    assert drawn["ev_reseau"].marker.symbol == "circle-open"
    assert drawn["ev_communs"].marker.symbol == "circle"
    assert drawn["ev_fete"].marker.pattern.shape == "/"          # approximate span
    assert not drawn["ev_financement"].marker.pattern.shape      # exact span: solid
    assert "vers 2006" in hover_of(fig, "ev_reseau")
    assert "c. 2006" in hover_of(chart(ds, "en").figure, "ev_reseau")


def test_context_events_are_quieter(jardins):
    drawn = marks(chart(jardins).figure)
    quiet, own = drawn["ev_contexte"], drawn["ev_communs"]
    assert quiet.marker.size < own.marker.size
    assert quiet.opacity < own.opacity
    assert set(quiet.marker.color) == {style.MUTED}
    assert style.MUTED not in own.marker.color


@pytest.mark.parametrize("lang, date, era, actor, section", [
    ("fr", "mars 1998", "Période\u00a0: Les racines", "Jardins Partagés", "§ A Les débuts"),
    ("en", "March 1998", "Era: Roots", "Shared Gardens", "§ A Beginnings")])
def test_hover_has_title_date_era_actors_quote_and_section(jardins, lang, date, era, actor,
                                                          section):
    text = hover_of(chart(jardins, lang).figure, "ev_declaration")
    assert date in text and era in text and section in text
    assert actor in text and "Paul Martin" in text
    assert "L’association est déclarée en mars 1998." in text  # the verbatim quote


def test_event_table_is_cached_per_package_and_language(jardins):
    first, again = timeline.event_table(jardins), timeline.event_table(jardins)
    assert first is not again and first.equals(again)  # a copy of one cached frame
    assert first["actor_ids"].iloc[0] is again["actor_ids"].iloc[0]
    first["hover"] = ""  # a caller's change does not reach the cache
    assert (timeline.event_table(jardins)["hover"] != "").all()
    assert not timeline.event_table(jardins, "en")["hover"].equals(again["hover"])


def test_many_events_get_a_short_hover_and_few_the_full_one(jardins, monkeypatch):
    table = timeline.event_table(jardins)
    full = dict(zip(table["event_id"], timeline.hovers(table), strict=True))
    monkeypatch.setattr(timeline, "FULL_HOVER_MAX", 2)
    short = dict(zip(table["event_id"], timeline.hovers(table), strict=True))
    row = table.set_index("event_id").loc["ev_declaration"]
    assert row["title"] in short["ev_declaration"] and row["date"] in short["ev_declaration"]
    assert row["quote"][:20] in full["ev_declaration"]
    assert row["quote"][:20] not in short["ev_declaration"]
    assert len(short["ev_declaration"]) < len(full["ev_declaration"])
    few = timeline.charts(jardins, "fr", views.Timeline(q=row["title"]))[0].figure  # 1 of many drawn
    assert hover_of(few, "ev_declaration") == full["ev_declaration"]


def test_hover_and_labels_escape_data_html(jardins):
    fig = chart(jardins).figure
    text = hover_of(fig, "ev_communs")
    assert "Ana &lt;b&gt;Lopez&lt;/b&gt;" in text and "<b>Lopez" not in text


def test_the_figure_keeps_zoom_across_reruns_and_selects_by_click(jardins):
    first, again = chart(jardins).figure, chart(jardins, category="founding").figure
    assert first.layout.uirevision == again.layout.uirevision
    assert first.layout.dragmode == "zoom"
    zoomed = chart(jardins, zoom="reseau").figure
    assert zoomed.layout.uirevision != first.layout.uirevision  # the era button moves the view
    low, high = (pd.Timestamp(x) for x in zoomed.layout.xaxis.range)
    assert pd.Timestamp("2005-06-01") < low < pd.Timestamp("2006-01-01")
    assert pd.Timestamp("2015-01-01") < high < pd.Timestamp("2016-06-01")


def test_titles_are_a_clipped_text_trace_for_the_events_in_view(jardins):
    fig = chart(jardins).figure
    (labels,) = [t for t in fig.data if t.meta == "labels"]
    assert labels.cliponaxis and labels.hoverinfo == "skip" and labels.marker.opacity == 0
    assert "Virage vers les communs" in labels.text
    (zoomed,) = [t for t in chart(jardins, zoom="reseau").figure.data if t.meta == "labels"]
    assert set(zoomed.text) <= {"Naissance du réseau", "Financement municipal",
                                "Rencontre 2010 : semences", "Rencontre : compost",
                                "Virage vers les communs"}  # 2015-01: the era's last day
    assert zoomed.text


def test_a_chosen_event_is_circled(jardins):
    fig = chart(jardins, event="ev_reseau").figure
    ring = [t for t in fig.data if t.name == "selected"]
    assert len(ring) == 1 and ring[0].hoverinfo == "skip"


def test_empty_selection_draws_no_axis_but_says_so(jardins):
    result = chart(jardins, q="zzzz")
    assert result.data.empty
    assert event_traces(result.figure) == []
    assert result.figure.layout.xaxis.visible is False
    assert result.figure.layout.annotations[0].text == result.alt
    assert result.alt == "Aucun événement ne correspond aux filtres."


# -- layout: lanes, rows, labels -----------------------------------------------------------

def test_lanes_by_category_put_the_background_last(jardins):
    table = timeline.event_table(jardins)
    lanes = timeline.lane_names(jardins, table, "category")
    assert list(lanes) == ["founding", "gathering", "funding", "governance", "context"]
    assert lanes["gathering"] == "Rencontre"


def test_lanes_by_actor_kind_follow_the_lead_actor(jardins):
    table = timeline.event_table(jardins, "en")
    kind = dict(zip(table["event_id"], table["kind"], strict=True))
    assert kind["ev_ouverture"] == "person"           # marie leads, the wasteland hosts
    assert kind["ev_financement"] == "organisation"   # the town is its only actor
    assert kind["ev_contexte"] == timeline.NO_KIND
    lanes = timeline.lane_names(jardins, table, "kind", "en")
    assert list(lanes)[-1] == timeline.NO_KIND and lanes[timeline.NO_KIND] == "No actor"
    fig = chart(jardins, "en", lanes="kind").figure
    assert list(fig.layout.yaxis.ticktext) == list(lanes.values())


def test_events_on_the_same_date_get_their_own_rows():
    table = pd.DataFrame({
        "event_id": [f"e{i}" for i in range(4)], "category": ["a"] * 3 + ["b"],
        "title": ["Un titre assez long"] * 4, "importance": [5, 1, 0, 2],
        "start_date": [pd.Timestamp("2005-01-01")] * 3 + [pd.Timestamp("2010-01-01")],
        "end_date": [pd.NaT] * 4, "span": [False] * 4})
    events, lanes = timeline.layout(table, {"a": "A", "b": "B"}, max_labels=2)
    assert sorted(events.loc[events["category"] == "a", "row"]) == [0, 1, 2]
    assert list(lanes["rows"]) == [3, 1] and list(lanes["y0"]) == [0, 3]
    assert sorted(events["y"]) == [0, 1, 2, 3]
    assert (events["label"] == "Un titre assez long").all()  # few events: every title
    # many events: only the most important carry their title, the rest their hover
    events, _ = timeline.layout(table, {"a": "A", "b": "B"}, max_labels=2, keyed_max=3)
    assert set(events.loc[events["label"] != "", "event_id"]) == {"e0", "e3"}  # top 2


def test_a_crowded_lane_stops_growing():
    many = 3 * timeline.MAX_ROWS
    table = pd.DataFrame({
        "event_id": [f"e{i}" for i in range(many)], "category": ["a"] * many,
        "title": ["x"] * many, "importance": [0] * many,
        "start_date": [pd.Timestamp("2005-01-01")] * many, "end_date": [pd.NaT] * many,
        "span": [False] * many})
    events, lanes = timeline.layout(table, {"a": "A"})
    assert list(lanes["rows"]) == [timeline.MAX_ROWS]
    assert events["row"].value_counts().max() == 3  # spread evenly over the rows
    table.loc[0, "importance"] = 5  # a title would now sit under queued marks: none is drawn
    events, _ = timeline.layout(table, {"a": "A"})
    assert (events["label"] == "").all()


def test_no_two_marks_or_titles_share_a_row_segment(jardins):
    table = timeline.event_table(jardins)
    events, _ = timeline.layout(table, timeline.lane_names(jardins, table, "category"))
    labelled = events[events["label"] != ""]
    assert 0 < len(labelled) <= timeline.MAX_LABELS
    # each mark with its title takes [x_lo, x_hi] (days); on a row, none meets the next
    for _, row in events.groupby(["lane", "row"]):
        row = row.sort_values("x_lo")
        assert (row["x_lo"].iloc[1:].to_numpy() > row["x_hi"].iloc[:-1].to_numpy()).all()
    # a title's room covers its text at 7.8 px a character (14 px type) on a 700 px plot
    days = (events["x_hi"] - events["x_lo"])[events["label"] != ""]
    span = (timeline.x_extent(table)[1] - timeline.x_extent(table)[0]).days
    assert (days / span * 700 >= labelled["label"].str.len() * 7.8).all()


# -- filters and search --------------------------------------------------------------------

def test_filters_combine_and_across_or_within(jardins):
    assert ids(filtered(jardins, category="gathering")) == {"ev_fete", "ev_rencontre_2010",
                                                              "ev_rencontre_x"}
    assert ids(filtered(jardins, category="gathering,funding")) == {
        "ev_fete", "ev_rencontre_2010", "ev_rencontre_x", "ev_financement"}
    assert ids(filtered(jardins, actor="reseau_reg")) == {"ev_reseau", "ev_rencontre_2010",
                                                          "ev_rencontre_x"}
    assert ids(filtered(jardins, actor="reseau_reg", category="founding")) == {"ev_reseau"}
    assert ids(filtered(jardins, theme="compost,semences")) == {"ev_rencontre_x",
                                                                "ev_rencontre_2010"}
    assert ids(filtered(jardins, era="reseau", category="gathering")) == {
        "ev_rencontre_2010", "ev_rencontre_x"}
    assert ids(filtered(jardins, years="2009-2011")) == {"ev_financement", "ev_rencontre_2010",
                                                         "ev_rencontre_x"}


def test_search_ignores_case_and_accents_and_reads_actors_and_quotes(jardins):
    assert ids(filtered(jardins, q="FETES")) == {"ev_fete"}
    assert ids(filtered(jardins, q="halle")) == {"ev_rencontre_2010", "ev_rencontre_x"}
    assert ids(filtered(jardins, q="pensés comme")) == {"ev_communs"}
    assert filtered(jardins, q="introuvable").empty


def test_a_mangled_view_falls_back_to_defaults():
    view = views.Timeline.from_params({"years": "abc", "lanes": "colour", "category": ",,"})
    assert view.years is None and view.lanes == "category" and view.categories == ()
    assert views.Timeline.from_params({"years": "2011-2001"}).years == (2001, 2011)


# -- words: alt text, table, card, registry ------------------------------------------------

def test_alt_text_comes_from_the_data_in_both_languages(jardins):
    assert chart(jardins).alt == ("Frise de 1992 à 2015\u00a0: 5 périodes, 9 événements\u00a0; "
                                  "le plus dense\u00a0: 2006.")
    assert chart(jardins, "en", era="reseau").alt == (
        "Timeline from 2006 to 2015: 1 era, 4 events; the busiest year: 2006.")


def test_table_and_export_data_hold_the_filtered_events(jardins):
    result = chart(jardins, "en", category="funding")
    assert list(result.data["event_id"]) == ["ev_financement"]
    row = result.data.iloc[0]
    assert row["date"] == "2008 – 2012" and row["era"] == "The network"
    assert row["actors"] == "City of Nowhere" and row["section_id"] == "B"
    assert result.span == "2008-2012" and "Funding" in result.subtitle


def test_event_card_has_description_actors_quote_and_section(jardins):
    card = timeline.event_card(jardins, "ev_ouverture", "en")
    assert card["description"] == "First garden."
    assert card["actors"] == [("marie", "Marie Durand"), ("friche", "The Wasteland")]
    assert card["quote"] == "Un premier jardin ouvre en 1994." and card["section"].startswith("§ A")
    assert timeline.event_card(jardins, "nope") is None


def test_the_registry_draws_the_timeline(jardins):
    assert "timeline" in views.PAGES
    assert [c.slug for c in views.standard(jardins)][:2] == ["acteurs_par_type", "chronologie"]


# -- the page -----------------------------------------------------------------------------

def run_page(monkeypatch, data=JARDINS, **params):
    if data is not None:
        monkeypatch.setenv("ANIS_VIZ_DATA", str(data))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(params)
    at.run()  # the shell takes the language and shared filters from the address
    at.query_params.update(params)  # the first run wrote its own; the page reads the rest
    return at.switch_page("pages/timeline.py").run()


def figure_of(at):
    (element,) = at.get("plotly_chart")
    return json.loads(element.proto.spec)


def figure_ids(at):
    spec = figure_of(at)
    return {e for t in spec["data"] if t.get("meta") == EVENT_ROLE for e in t["customdata"]}


@pytest.mark.parametrize("lang, title, caption", [
    ("fr", "Chronologie", "Frise de 1992 à 2015"), ("en", "Timeline", "Timeline from 1992")])
def test_page_in_both_languages(monkeypatch, lang, title, caption):
    at = run_page(monkeypatch, lang=lang)
    assert not at.exception and not at.error
    assert at.title[0].value == title
    assert figure_ids(at) == set(load_dataset(JARDINS).events["event_id"])
    assert any(c.value.startswith(caption) for c in at.caption)
    assert len(at.dataframe[0].value) == 9


def test_a_filter_change_redraws_and_goes_to_the_url(monkeypatch):
    at = run_page(monkeypatch)
    at.multiselect(key="tl_category").set_value(["funding"]).run()
    assert figure_ids(at) == {"ev_financement"}
    assert at.query_params["category"] == "funding"
    at = run_page(monkeypatch, category="gathering", q="compost")
    assert figure_ids(at) == {"ev_rencontre_x"}


def test_deep_link_opens_the_card(monkeypatch):
    at = run_page(monkeypatch, lang="en", event="ev_ouverture")
    assert "Garden opens" in [s.value for s in at.subheader]
    assert any("Un premier jardin ouvre en 1994" in m.value for m in at.markdown)
    assert any(c.value.startswith("§ A") for c in at.caption)
    [close] = [b for b in at.button if b.label == "Close the card"]
    close.click().run()
    assert "Garden opens" not in [s.value for s in at.subheader]
    assert "event" not in at.query_params


def test_a_click_on_the_chart_opens_the_card(monkeypatch):
    at = run_page(monkeypatch)
    at.session_state["tl_chart"] = {"selection": {"points": [{"customdata": "ev_reseau"}],
                                                  "point_indices": [0], "box": [], "lasso": []}}
    at.run()
    assert not at.exception
    assert "Naissance du réseau" in [s.value for s in at.subheader]
    assert at.query_params["event"] == "ev_reseau"
    assert any(t.get("name") == "selected" for t in figure_of(at)["data"])


def test_nothing_matches_says_so_and_resets(monkeypatch):
    at = run_page(monkeypatch, q="zzzz", era="reseau")
    assert not at.exception
    assert at.get("plotly_chart") == [] or len(at.get("plotly_chart")) == 0
    assert at.info[0].value == "Aucun élément ne correspond aux filtres choisis."
    [reset] = [b for b in at.button if b.label == "Effacer tous les filtres"]
    reset.click().run()
    assert len(figure_ids(at)) == 9
    assert at.sidebar.multiselect(key="f_eras").value == []


@pytest.mark.skipif(not HAS_ANIS, reason="the ANIS package is not in data/anis yet")
@pytest.mark.parametrize("lang, month", [("fr", "juillet 2001"), ("en", "July 2001")])
def test_page_on_the_anis_package(monkeypatch, lang, month):
    anis = load_dataset(DEFAULT_DATA)
    at = run_page(monkeypatch, data=None, lang=lang)
    assert not at.exception and not at.error
    assert figure_ids(at) == set(anis.events["event_id"])
    spec = figure_of(at)
    bands = [s for s in spec["layout"]["shapes"] if s.get("name", "").startswith("era:")]
    assert len(bands) == len(anis.eras)
    hovers = [h for t in spec["data"] if t.get("meta") == EVENT_ROLE for h in t["hovertext"]]
    assert any(month in h for h in hovers)


# -- legible without hovering --------------------------------------------------------------

def texts_of(fig) -> dict[str, str]:
    """event_id -> the text written for it on the chart (lines joined by a space)."""
    import html

    (labels,) = [t for t in fig.data if t.meta == "labels"]
    return {e: html.unescape(x.replace("<br>", " ").replace("<b>", "").replace("</b>", ""))
            for e, x in zip(labels.customdata, labels.text, strict=True)}


def test_title_lines_wrap_between_words_and_never_cut():
    title = "Création de l’Association Nord Internet Solidaire"
    assert timeline.title_lines(title) == [title]  # one line unless asked
    lines = timeline.title_lines(title, wrap=True)
    assert len(lines) == 2 and " ".join(lines) == title
    assert all(word in title.split() for line in lines for word in line.split())
    assert timeline.title_lines("Fête des jardins", wrap=True) == ["Fête des jardins"]


@pytest.mark.skipif(not HAS_ANIS, reason="the embedded package is absent")
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_era_view_writes_every_title_in_full(lang):
    ds = load_dataset()
    for era in ds.eras["era_id"]:
        one = chart(ds, lang, zoom=era)
        first, last = one.figure.layout.xaxis.range
        table = timeline.event_table(ds, lang)
        end = table["end_date"].fillna(table["start_date"])
        seen = table[(table["start_date"] <= pd.Timestamp(last))
                     & (end >= pd.Timestamp(first))]
        written = texts_of(one.figure)
        for event_id, title in zip(seen["event_id"], seen["title"], strict=True):
            assert written.get(event_id) == " ".join(title.split()), (era, event_id)
        assert not any("…" in x for x in written.values())


@pytest.mark.skipif(not HAS_ANIS, reason="the embedded package is absent")
def test_the_whole_history_names_every_event_by_its_title_or_a_key():
    ds = load_dataset()
    whole = chart(ds, "fr")
    written = texts_of(whole.figure)
    table = timeline.event_table(ds, "fr")
    assert set(written) == set(table["event_id"])  # every event carries a text
    titles = dict(zip(table["event_id"], table["title"], strict=True))
    keyed = whole.data[whole.data["key"] != ""]
    assert 0 < len(keyed) < len(table)
    for event_id, text in written.items():
        key = whole.data.loc[whole.data["event_id"] == event_id, "key"].iloc[0]
        assert text == (key or titles[event_id])  # the key, or else the whole title
    # the list that resolves the keys: in the data and in the text alternative
    for key, title in zip(keyed["key"], keyed["title"], strict=True):
        assert f"{key} {title}" in whole.alt
    # the nine undated spans of ANIS 1.0 are numbered, not anonymous
    spans = table[table["span"] & table["approximate"]]
    assert spans["event_id"].isin(set(written)).all()


@pytest.mark.skipif(not HAS_ANIS, reason="the embedded package is absent")
def test_texts_on_neighbouring_rows_leave_room_for_two_lines():
    ds = load_dataset()
    table = timeline.event_table(ds, "fr")
    lanes = timeline.lane_names(ds, table, "category", "fr")
    bands = timeline.era_bands(ds, "fr")
    shown = timeline.zoom_range(bands, "anis_2", None)
    events, _ = timeline.layout(table, lanes, x_range=shown, wrap=True)
    tall = events[events["label"].str.contains("\n")]
    assert len(tall)  # some titles do take two lines
    for i, row in tall.iterrows():
        near = events[(events["lane"] == row["lane"]) & (events.index != i)
                      & events["row"].between(row["row"] - 1, row["row"] + 1)
                      & (events["x_lo"] < row["x_hi"]) & (events["x_hi"] > row["x_lo"])]
        assert not (near["row"] == row["row"]).any()  # nothing else on its own row there
        assert not near["label"].str.contains("\n").any()  # no two-line text next to it


def test_era_names_never_meet_and_the_years_show_on_top(jardins):
    bands = pd.DataFrame({"era_id": ["a", "b", "c"],
                          "short_label": ["Première période", "Deuxième", "La troisième"],
                          "x0": pd.to_datetime(["2000", "2010", "2011"]),
                          "x1": pd.to_datetime(["2010", "2011", "2012"])})
    placed = timeline.band_labels(bands, (pd.Timestamp("2000"), pd.Timestamp("2012")),
                                  width_px=700)
    assert placed.loc[1, "label_level"] != placed.loc[2, "label_level"]  # short bands stack
    fig = chart(jardins).figure
    assert fig.layout.xaxis2.side == "top" and fig.layout.xaxis2.matches == "x"
    assert any(t.xaxis == "x2" for t in fig.data)  # Plotly draws an axis that has a trace
