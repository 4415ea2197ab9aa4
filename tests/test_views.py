"""One parser per kind of address value, one view per page (read from and written to the
address, drawing the page's charts), one reader of chart clicks."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from anis_viz import network_view, params, views
from anis_viz.views.themes import CHARTS

MANGLED = st.dictionaries(
    st.sampled_from(["era", "years", "year", "category", "actor", "theme", "q", "lanes",
                     "zoom", "event", "compare", "depth", "size", "colour", "events", "tie",
                     "chart", "family", "by", "group"]),
    st.text(max_size=30), max_size=8)


def test_year_ranges_read_one_way():
    assert params.years("2011-2015") == params.years("2015-2011") == (2011, 2015)
    assert params.years("2011") == (2011, 2011) and params.years(("2015", 2011)) == (2011, 2015)
    for bad in ("", "abc", "20x1-2015", "1-2-3", None, "-"):
        assert params.years(bad) is None, bad


def test_lists_and_flags_read_one_way():
    assert params.ids(" a, b,,a ") == ("a", "b") and params.ids(["x", "", "y"]) == ("x", "y")
    assert params.ids(None) == ()
    assert [params.flag(v) for v in ("1", "true", "TRUE", "yes", "on", True)] == [True] * 6
    assert [params.flag(v) for v in ("0", "false", "", None, "nope")] == [False] * 5
    assert params.integer("9", 1, low=1, high=3) == 3 and params.integer("x", 1) == 1


@pytest.mark.parametrize("page", list(views.PAGES))
def test_every_view_round_trips_through_its_address(page, jardins):
    rich = {"timeline": {"era": "reseau", "years": "2001-2010", "category": "funding",
                         "q": "halle", "lanes": "kind", "zoom": "reseau", "event": "ev_a"},
            "network": {"era": "reseau", "year": "2005", "actor": "halle", "depth": "2",
                        "size": "pagerank", "colour": "community", "events": "1",
                        "tie": "r1"},
            "themes": {"chart": "flow", "family": "lien", "years": "1998-2010",
                       "group": "theme"},
            "overview": {}}[page]
    view = views.of(page, rich, jardins)
    written = {k: v for k, v in view.to_params().items() if v is not None}
    assert written == rich
    assert views.of(page, written, jardins) == view
    assert views.of(page, {}, jardins).to_params() == {k: None for k in view.to_params()}


@given(raw=MANGLED)
def test_a_mangled_address_still_gives_a_view(raw):
    for page in views.PAGES:
        view = views.of(page, raw)
        assert views.of(page, {k: v for k, v in view.to_params().items() if v}) == view


def test_events_read_the_same_in_a_slide_and_on_the_page(jardins):
    """``?events=true`` and ``?events=1`` both draw the event ties, wherever they are read."""
    one, true = (views.of("network", {"events": v}, jardins) for v in ("1", "true"))
    assert one == true and one.events
    ties = [network_view.cached(jardins, "en", v.shown()).graph.number_of_edges()
            for v in (one, views.Network())]
    assert ties[0] > ties[1]


def test_the_themes_page_lists_its_charts_in_the_view(jardins):
    drawn = views.build(views.Themes.everything(), jardins, "fr")
    assert [c.slug for c in drawn] == [
        views.build(views.Themes(chart=name), jardins, "fr")[0].slug for name in CHARTS]
    assert views.Themes.from_params({"chart": "rise"}).chart == "rise"  # a slide's chart
    assert views.Themes.from_params({"chart": "nope"}).chart == ""


def test_a_view_is_drawn_once_for_every_caller(jardins):
    view = views.of("timeline", {"era": "reseau"}, jardins)
    first = views.cached(view, jardins, "fr")
    assert views.cached(views.of("timeline", {"era": "reseau"}, jardins), jardins, "fr")[0] \
        is first[0]
    assert views.cached(view, jardins, "en")[0] is not first[0]


def _clicks_script():
    import streamlit as st

    from anis_viz import ui

    st.session_state["chart"] = st.session_state["heat"] = st.session_state.get("next")
    st.session_state["got"] = ui.clicked("chart")
    st.session_state["cells"] = ui.clicked("heat", lambda p: (p.get("y"), p.get("x")))


def test_a_click_is_read_once_and_only_when_new():
    at = AppTest.from_function(_clicks_script)
    at.session_state["next"] = {"selection": {"points": [{"customdata": ["ev_b", 3]},
                                                         {"customdata": "ev_c", "x": "a",
                                                          "y": "t"}]}}
    at.run()
    assert at.session_state["got"] == ("ev_b", "ev_c")
    assert at.session_state["cells"] == ((None, None), ("t", "a"))
    at.run()  # the same selection on the next run: no new click
    assert at.session_state["got"] == ()
    at.session_state["next"] = None
    at.run()
    assert at.session_state["got"] == () and not at.exception
