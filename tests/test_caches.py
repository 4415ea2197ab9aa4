"""What the pages cache per data content: the same answers, computed once; large figures
keep their hovers small."""

import pandas as pd

from anis_viz import cache, health, themes, upload, views
from anis_viz.figures import themes as figures
from anis_viz.themes_charts import words


def test_mentions_cached_per_content_and_view(jardins):
    cache.clear()
    view = themes.ThemeView()
    first = themes.mentions(jardins, "fr", view)
    first["quote"] = "changed"  # a caller's change never reaches the cache
    again = themes.mentions(jardins, "fr", view)
    assert (again["quote"] != "changed").all()
    assert cache.stats()["functions"]["anis_viz.themes._mentions"] == 1
    assert len(themes.mentions(jardins, "en", view)) == len(again)
    assert cache.stats()["functions"]["anis_viz.themes._mentions"] == 2


def test_charts_cached_shares_built_charts(jardins):
    one = views.cached(views.of("themes", {"chart": "bump"}, jardins), jardins, "en")
    two = views.cached(views.of("themes", {"chart": "bump"}, jardins), jardins, "en")
    assert one[0] is two[0]
    other = views.cached(views.of("themes", {"chart": "bump"}, jardins), jardins, "fr")
    assert other[0] is not one[0]
    built = views.build(views.of("themes", {"chart": "bump"}, jardins), jardins, "en")
    assert built[0].figure.to_json() == one[0].figure.to_json()


def test_data_page_caches(jardins):
    cache.clear()
    found = health.findings(jardins, "fr")
    assert found.equals(health.findings(jardins, "fr"))
    summary = health.summary(jardins, "en")
    summary["counts"]["events"] = -1  # a caller's change never reaches the cache
    assert health.summary(jardins, "en")["counts"]["events"] == len(jardins.events)
    meta = upload.descriptor_meta("Titre", "Title")
    assert upload.template_zip(jardins, meta) == upload.template_zip(jardins, meta)
    stats = cache.stats()
    assert stats["misses"] == 3 and stats["hits"] == 3  # each computed once, then reused


def test_large_figures_show_one_short_quote():
    assert figures.quote_limits(10) == {"limit": figures.QUOTES_SHOWN,
                                        "chars": figures.QUOTE_CHARS}
    quote = "mot " * 100
    n = figures.HOVERS_FULL + 1
    actors = pd.DataFrame({
        "actor_id": [f"a{i}" for i in range(n)], "name": [f"A{i}" for i in range(n)],
        "kind": "org", "kind_label": "Org", "colour": "#000000", "count": 2, "direct": 2,
        "via_events": 0, "events": [()] * n, "quotes": [(quote, quote)] * n,
        "sections": [("s1", "s2")] * n})
    fig = figures.actors_figure(actors, title="t", x_title="x", words=words("en"))
    hover = fig.data[0].customdata[0]
    assert "§ s1" in hover and "§ s2" not in hover  # one quote, then "+ 1 more"
    small = figures.actors_figure(actors.head(3), title="t", x_title="x", words=words("en"))
    assert "§ s2" in small.data[0].customdata[0]
