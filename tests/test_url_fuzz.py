"""Hostile or stale URL parameters never break a page: every page's parameters, fuzzed with
Hypothesis, open the page with no exception and no error box (an unknown or out-of-range
value falls back to the default view)."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
SHARED = ("lang", "era", "years")
PAGES = {
    "pages/overview.py": (),
    "pages/timeline.py": ("category", "actor", "theme", "q", "lanes", "zoom", "event"),
    "pages/network.py": ("compare", "year", "actor", "depth", "size", "colour", "events"),
    "pages/themes.py": ("chart", "family", "by", "group", "theme"),
    "pages/present.py": ("slide",),
    "pages/data.py": (),
}
# Values that once broke a page or look like the data's own, then anything.
EDGES = ["1", "0", "-1", "1", "2008", "3000", "1-3000", "3000-1", "2010-2008", "9" * 400,
         "1e400", "nan", "-", ",", ",,", "anis_1", "anis_1,anis_2,nope", "anis", "insite",
         "ev_cyber_npdc", "year", "actor", "en", "fr", "true", "1,2", "%00", "../x", "<b>x</b>",
         "**x**", ""]
VALUES = st.one_of(st.sampled_from(EDGES),
                   st.integers(-10**30, 10**30).map(str),
                   st.text(max_size=24))


def open_page(script: str, params: dict) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.query_params.clear()
    at.query_params.update(params)  # as a shared link brings them
    return at.switch_page(script).run()


@pytest.mark.parametrize("script", sorted(PAGES))
def test_fuzzed_url_parameters_never_break_a_page(script):
    names = PAGES[script] + SHARED

    @settings(max_examples=8, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(st.dictionaries(st.sampled_from(names), VALUES, min_size=1, max_size=4))
    def check(params):
        at = open_page(script, params)
        assert not at.exception, (params, at.exception)
        assert not at.error, (params, [e.value for e in at.error])
        assert at.title, params  # the page itself is drawn

    check()


@pytest.mark.parametrize("year", ["1", "3000", "9" * 40, "-5", "2008.5"])
def test_a_year_outside_the_data_opens_the_network_default_view(year):
    at = open_page("pages/network.py", {"year": year})
    assert not at.exception and not at.error
    assert at.title[0].value == "Réseau", [e.value for e in at.markdown][:5]
    assert [t.value for t in at.toggle if t.key == "net_single"] == [False]
