"""Themes page: how the themes of the text evolved. Pure pandas aggregations.

Everything counts *mentions*: rows of ``theme_mentions.csv``, each a passage of the one
source text that supports a theme. A count is how often the text speaks of a theme, not a
measure of activity.

A :class:`ThemeView` says what is shown: the chart, the theme families, eras and years kept,
one theme (for the actors chart), ``by`` (``era`` or ``year``, for the heatmap) and
``group`` (``family`` or ``theme``, for the area chart). The page's view
(:class:`anis_viz.views.themes.Themes`) reads and writes it in the address.

Mentions without a year keep their era: the year filter keeps them when their era meets the
chosen years, and charts drawn by year leave them out (and say how many).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from anis_viz import style
from anis_viz.cache import per_content
from anis_viz.data import Dataset
from anis_viz.filters import overlaps, year_bounds
from anis_viz.i18n import pick
from anis_viz.text import plotly

__all__ = ["BUMP_TOP", "rise_table", "RANK_METHOD", "ThemeView", "eras_in_order", "theme_table",
           "mentions", "cell_mentions", "pick_cell", "heatmap_cells", "area_series", "bump_ranks", "flow", "meetings",
           "series_info", "theme_actors"]

# Ties share the best rank (1, 1, 3): two themes mentioned as often are equally placed.
RANK_METHOD = "min"
BUMP_TOP = 5  # the bump chart keeps the themes in the top five of at least one era


@dataclass(frozen=True)
class ThemeView:
    chart: str = ""                    # "" = every chart of the page (assembly pack)
    families: tuple[str, ...] = ()
    eras: tuple[str, ...] = ()
    years: tuple[int, int] | None = None
    theme: str = ""
    by: str = "era"
    group: str = "family"


def eras_in_order(ds: Dataset, lang: str = "fr") -> pd.DataFrame:
    """era_id, era (short label), era_label, order, start_year, end_year (open era: the last
    year of the package), colour; in start order."""
    eras = ds.eras.sort_values("start_date", kind="stable").reset_index(drop=True)
    short = pick(eras, "short_label" if "short_label" in eras else "label", lang)
    last = year_bounds(ds)[1]
    start = eras["start_year"]
    end = eras["end_year"].fillna(pd.Series(last, index=eras.index, dtype="Int64"))
    return pd.DataFrame({"era_id": eras["era_id"], "era": short,
                         "era_label": pick(eras, "label", lang), "order": range(len(eras)),
                         "start_year": start, "end_year": end.where(end >= start, start),
                         "colour": eras["era_id"].map(style.era_colours(eras["era_id"]))})


def theme_table(ds: Dataset, lang: str = "fr", families=()) -> pd.DataFrame:
    """theme_id, theme (label), family, family_label, colour (by theme), family_colour; every
    theme of the chosen families (all when none), in file order."""
    th = ds.themes
    fam_colours = style.assign(th["family"], style.CATEGORICAL)
    out = pd.DataFrame({"theme_id": th["theme_id"], "theme": pick(th, "label", lang),
                        "family": th["family"],
                        "family_label": [ds.label("family", f, lang) for f in th["family"]],
                        "colour": th["theme_id"].map(style.assign(th["theme_id"],
                                                                  style.CATEGORICAL)),
                        "family_colour": th["family"].map(fam_colours)})
    if families:
        out = out[out["family"].isin(families)]
    return out.reset_index(drop=True)


def _ref_labels(ds: Dataset, lang: str) -> dict[tuple[str, str], str]:
    labels = {("event", e): v for e, v in zip(ds.events["event_id"],
                                              pick(ds.events, "title", lang), strict=True)}
    labels |= {("actor", a): v for a, v in zip(ds.actors["actor_id"],
                                               pick(ds.actors, "name", lang), strict=True)}
    labels |= {("section", s): v for s, v in zip(ds.sections["section_id"],
                                                 pick(ds.sections, "title", lang), strict=True)}
    return labels


def mentions(ds: Dataset, lang: str = "fr", view: ThemeView = ThemeView()) -> pd.DataFrame:
    """Mentions joined to their theme, era and reference, filtered by the view (families,
    eras, years). Columns: mention_id, theme_id, theme, family, family_label, colour,
    era_id, era, order, year (Int64, NA when the text gives none), ref_type, ref_id,
    ref_label, section_id, quote.

    Computed once per (dataset content, language, view): every chart of the page and the
    page itself ask for it (:mod:`anis_viz.cache`)."""
    return _mentions(ds, lang, view)


@per_content(maxsize=64)
def _mentions(ds: Dataset, lang: str, view: ThemeView) -> pd.DataFrame:
    themes = theme_table(ds, lang, view.families)
    eras = eras_in_order(ds, lang)
    m = ds.theme_mentions.merge(themes, on="theme_id").merge(
        eras[["era_id", "era", "order", "start_year", "end_year"]], on="era_id", how="left")
    if view.eras:
        m = m[m["era_id"].isin(view.eras)]
    if view.years is not None:
        lo, hi = view.years
        dated = m["year"].notna()
        in_range = dated & m["year"].between(lo, hi).fillna(False)
        era_meets = ~dated & overlaps(m["start_year"], m["end_year"], view.years)
        m = m[in_range | era_meets]
    labels = _ref_labels(ds, lang)
    ref = [labels.get((t, r or s), "") for t, r, s in zip(m["ref_type"], m["ref_id"],
                                                          m["section_id"], strict=True)]
    m = m.assign(ref_label=ref)
    return m.drop(columns=["start_year", "end_year", "family_colour"]).reset_index(drop=True)


def cell_mentions(ds: Dataset, lang: str, view: ThemeView, theme_id: str,
                  key: str) -> pd.DataFrame:
    """The mentions behind one heatmap cell (``key``: an era id, or a year when
    ``view.by == "year"``), in file order: the columns of :func:`mentions`."""
    m = mentions(ds, lang, view)
    m = m[m["theme_id"] == theme_id]
    if view.by == "year":
        return m[m["year"].notna() & (m["year"].astype("Int64").astype(str) == str(key))]
    return m[m["era_id"] == key]


def pick_cell(cells: pd.DataFrame, chosen: tuple = (None, None),
              clicked: tuple | None = None) -> tuple[str, str]:
    """The heatmap cell whose mentions to list, as (theme_id, key): the ``clicked`` one
    (theme label, column label, as a chart selection reports them) when it names a cell,
    else ``chosen`` (theme_id, key) when still on the grid, else the busiest cell."""
    if clicked is not None:
        shown = cells["theme"].map(plotly), cells["col_label"].map(plotly)  # as drawn
        hit = cells[(shown[0] == clicked[0]) & (shown[1] == str(clicked[1]))]
        if len(hit):
            return str(hit.iloc[0]["theme_id"]), str(hit.iloc[0]["key"])
    theme_id, key = chosen
    if theme_id in set(cells["theme_id"]) and key in set(cells["key"]):
        return theme_id, key
    busiest = cells.loc[cells["count"].idxmax()]
    return str(busiest["theme_id"]), str(busiest["key"])


def _order(frame: pd.DataFrame, m: pd.DataFrame, key: str = "theme_id",
           label: str = "theme") -> list[str]:
    """Keys (themes or families) by the mean era of their mentions (the shift reads top-left
    to bottom-right), then most mentioned, then label; never-mentioned ones last."""
    if frame.empty:  # no themes: nothing to order (an empty merge fails on Arrow strings)
        return []
    stats = m.groupby(key).agg(centre=("order", "mean"), n=("mention_id", "size"))
    frame = frame[[key, label]].drop_duplicates(key).merge(stats, left_on=key,
                                                           right_index=True, how="left")
    frame["none"] = frame["n"].isna()
    frame = frame.sort_values(["none", "centre", "n", label],
                              ascending=[True, True, False, True], kind="stable")
    return list(frame[key])


def _theme_order(themes: pd.DataFrame, m: pd.DataFrame) -> list[str]:
    return _order(themes, m)


def _grouping(themes: pd.DataFrame, group: str) -> pd.DataFrame:
    """theme_id -> group, label, group_colour: each theme itself, or its family."""
    if group == "theme":
        return themes.assign(group=themes["theme_id"], label=themes["theme"],
                             group_colour=themes["colour"])
    return themes.assign(group=themes["family"], label=themes["family_label"],
                         group_colour=themes["family_colour"])


def _columns(ds: Dataset, lang: str, view: ThemeView, m: pd.DataFrame) -> pd.DataFrame:
    """key, col_label, colour: the heatmap's columns (eras in order, or every known year)."""
    if view.by == "year":
        years = m["year"].dropna()
        if years.empty:
            return pd.DataFrame(columns=["key", "col_label", "colour"])
        first, last = int(years.min()), int(years.max())
        span = [str(y) for y in range(first, last + 1)]
        return pd.DataFrame({"key": span, "col_label": span, "colour": style.MUTED})
    eras = eras_in_order(ds, lang)
    if view.eras:
        eras = eras[eras["era_id"].isin(view.eras)]
    return pd.DataFrame({"key": eras["era_id"], "col_label": eras["era"],
                         "colour": eras["colour"]}).reset_index(drop=True)


def heatmap_cells(ds: Dataset, lang: str = "fr", view: ThemeView = ThemeView()) -> pd.DataFrame:
    """One row per (theme, column) in display order, zeros included. Columns: theme_id, theme,
    family_label, key (era_id or year), col_label, count, quotes, sections, mention_ids
    (tuples, in file order). Every theme of the chosen families has its row."""
    m = mentions(ds, lang, view)
    if view.by == "year":
        m = m[m["year"].notna()].assign(key=lambda f: f["year"].astype(int).astype(str))
    else:
        m = m.assign(key=m["era_id"])
    themes = theme_table(ds, lang, view.families).set_index("theme_id")
    cols = _columns(ds, lang, view, m)
    grid = pd.MultiIndex.from_product([_theme_order(themes.reset_index(), m), cols["key"]],
                                      names=["theme_id", "key"]).to_frame(index=False)
    groups = m.groupby(["theme_id", "key"]).agg(
        count=("mention_id", "size"), quotes=("quote", tuple), sections=("section_id", tuple),
        mention_ids=("mention_id", tuple)).reset_index()
    cells = grid.merge(groups, on=["theme_id", "key"], how="left").merge(cols, on="key")
    cells["count"] = cells["count"].fillna(0).astype(int)
    for column in ("quotes", "sections", "mention_ids"):
        cells[column] = cells[column].map(lambda v: v if isinstance(v, tuple) else ())
    cells["theme"] = cells["theme_id"].map(themes["theme"])
    cells["family_label"] = cells["theme_id"].map(themes["family_label"])
    return cells[["theme_id", "theme", "family_label", "key", "col_label", "count", "quotes",
                  "sections", "mention_ids"]]


def area_series(ds: Dataset, lang: str = "fr", view: ThemeView = ThemeView()
                ) -> tuple[pd.DataFrame, int]:
    """Dated mentions per year and per group (``view.group``: family or theme), every year of
    the span with zeros: year, group, label, colour, count. Also returns the number of
    mentions left out because the text gives them no year."""
    m = mentions(ds, lang, view)
    undated = int(m["year"].isna().sum())
    m = m[m["year"].notna()]
    themes = theme_table(ds, lang, view.families)
    if view.group == "theme":
        groups = themes[["theme_id", "theme", "colour"]].set_axis(["group", "label", "colour"],
                                                                   axis=1)
        key = "theme_id"
    else:
        groups = themes[["family", "family_label", "family_colour"]].drop_duplicates(
            "family").set_axis(["group", "label", "colour"], axis=1)
        key = "family"
    columns = ["year", "group", "label", "colour", "count"]
    if m.empty:
        return pd.DataFrame(columns=columns), undated
    lo, hi = int(m["year"].min()), int(m["year"].max())
    if view.years is not None:
        lo, hi = max(lo, view.years[0]), min(hi, view.years[1])
    counts = m.groupby([key, "year"]).size()
    grid = pd.MultiIndex.from_product([groups["group"], range(lo, hi + 1)],
                                      names=["group", "year"]).to_frame(index=False)
    grid["count"] = [int(counts.get((g, y), 0)) for g, y in zip(grid["group"], grid["year"],
                                                                 strict=True)]
    grid = grid.merge(groups, on="group")
    mentioned = grid.groupby("group")["count"].transform("sum") > 0
    return grid.loc[mentioned, columns].reset_index(drop=True), undated


def bump_ranks(ds: Dataset, lang: str = "fr", view: ThemeView = ThemeView(),
               top: int | None = BUMP_TOP) -> pd.DataFrame:
    """Each theme's rank by era: theme_id, theme, colour, era_id, era, order, count, rank.

    Ranks are among the themes the era mentions (most mentions = 1); ties share the best
    rank (``RANK_METHOD = "min"``: 1, 1, 3); a theme the era does not mention has no rank
    (NA). Eras with no mention at all are left out. Only themes ranked ``top`` or better in
    some era are kept (None: all), so thirty lines do not hide the story."""
    m = mentions(ds, lang, view)
    themes = theme_table(ds, lang, view.families)
    eras = eras_in_order(ds, lang)
    eras = eras[eras["era_id"].isin(m["era_id"])]
    grid = pd.MultiIndex.from_product([themes["theme_id"], eras["era_id"]],
                                      names=["theme_id", "era_id"]).to_frame(index=False)
    counts = m.groupby(["theme_id", "era_id"]).size().rename("count").reset_index()
    grid = grid.merge(counts, how="left").fillna({"count": 0}).astype({"count": int})
    ranked = grid[grid["count"] > 0]
    grid["rank"] = ranked.groupby("era_id")["count"].rank(method=RANK_METHOD, ascending=False)
    grid["rank"] = grid["rank"].astype("Int64")
    grid = grid.merge(themes[["theme_id", "theme", "colour"]], on="theme_id").merge(
        eras[["era_id", "era", "order"]], on="era_id")
    grid = grid[grid.groupby("theme_id")["count"].transform("sum") > 0]
    if top is not None:
        grid = grid[grid.groupby("theme_id")["rank"].transform("min") <= top]
    return grid.sort_values(["order", "rank", "theme"], kind="stable").reset_index(drop=True)[
        ["theme_id", "theme", "colour", "era_id", "era", "order", "count", "rank"]]


def flow(ds: Dataset, lang: str = "fr", view: ThemeView = ThemeView()
         ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The shift between consecutive eras (start order, any number; eras with no mention are
    skipped) as a Sankey of shares, by theme family or by theme (``view.group``).

    Each era's mentions make 100 %. A node is (era, group) with its ``share`` (percent) and
    ``count``. Between two eras, a group present in both carries over ``min(share before,
    share after)`` to itself (``kind = "kept"``); what fades is shared out among what grows,
    in proportion (``kind = "shift"``). So every node's links sum to its share on each side.

    Returns nodes (node, era_id, era, order, group, label, colour, count, share) and links
    (source, target, value, kind), ``source``/``target`` being node numbers."""
    m = mentions(ds, lang, view)
    grouping = _grouping(theme_table(ds, lang, view.families), view.group)
    m = m.assign(group=m["theme_id"].map(grouping.set_index("theme_id")["group"]))
    info = grouping.drop_duplicates("group").set_index("group")
    eras = eras_in_order(ds, lang)
    eras = eras[eras["era_id"].isin(m["era_id"])].reset_index(drop=True)
    order = _order(info.reset_index(), m, "group", "label")
    counts = m.groupby(["era_id", "group"]).size()
    nodes, links, index = [], [], {}
    for era in eras.itertuples():
        per_group = counts[era.era_id]
        for key in [g for g in order if per_group.get(g, 0) > 0]:
            index[(era.era_id, key)] = len(nodes)
            nodes.append({"node": len(nodes), "era_id": era.era_id, "era": era.era,
                          "order": era.order, "group": key, "label": info.at[key, "label"],
                          "colour": info.at[key, "group_colour"],
                          "count": int(per_group[key]),
                          "share": 100 * per_group[key] / per_group.sum()})
    shares = pd.DataFrame(nodes, columns=["node", "era_id", "era", "order", "group", "label",
                                          "colour", "count", "share"])
    for before, after in zip(eras["era_id"], eras["era_id"][1:], strict=False):
        a = shares[shares["era_id"] == before].set_index("group")["share"]
        b = shares[shares["era_id"] == after].set_index("group")["share"]
        kept = pd.concat([a, b], axis=1).min(axis=1, skipna=False).fillna(0)
        for key, value in kept[kept > 0].items():
            links.append((index[(before, key)], index[(after, key)], value, "kept"))
        fades = (a - kept.reindex(a.index, fill_value=0)).clip(lower=0)
        grows = (b - kept.reindex(b.index, fill_value=0)).clip(lower=0)
        total = fades.sum()
        if total > 1e-9:
            for s, out in fades[fades > 1e-9].items():
                for t, into in grows[grows > 1e-9].items():
                    links.append((index[(before, s)], index[(after, t)], out * into / total,
                                  "shift"))
    return shares, pd.DataFrame(links, columns=["source", "target", "value", "kind"])


def series_info(ds: Dataset, lang: str = "fr") -> pd.DataFrame:
    """The recurring gatherings: actors of kind ``event_series`` that events are editions of
    (role ``edition_of``). Columns: actor_id, name, description, quote, section_id, editions
    (events in the data), dated (editions the data dates). What the text says of their number
    and attendance is in its own words: ``description`` and ``quote``. Computed once per
    data content and language."""
    return _series_info(ds, lang)


@per_content(maxsize=16)
def _series_info(ds: Dataset, lang: str) -> pd.DataFrame:
    editions = _editions(ds)
    actors = ds.actors[ds.actors["actor_id"].isin(editions["series_id"])]
    columns = ["actor_id", "name", "description", "quote", "section_id", "editions", "dated"]
    if actors.empty:
        return pd.DataFrame(columns=columns)
    counts = editions.groupby("series_id").size()
    dated = (editions["date_precision"] != "approximate").groupby(editions["series_id"]).sum()
    return pd.DataFrame({
        "actor_id": actors["actor_id"], "name": pick(actors, "name", lang),
        "description": pick(actors, "description", lang), "quote": actors["quote"],
        "section_id": actors["section_id"],
        "editions": actors["actor_id"].map(counts).astype(int),
        "dated": actors["actor_id"].map(dated).astype(int)}).reset_index(drop=True)[columns]


def _editions(ds: Dataset) -> pd.DataFrame:
    kinds = ds.actors.set_index("actor_id")["kind"]
    links = ds.event_actors[(ds.event_actors["role"] == "edition_of")
                            & (ds.event_actors["actor_id"].map(kinds) == "event_series")]
    links = links.drop_duplicates("event_id").rename(columns={"actor_id": "series_id"})
    return links[["event_id", "series_id"]].merge(ds.events, on="event_id")


def meetings(ds: Dataset, lang: str = "fr", view: ThemeView = ThemeView()) -> pd.DataFrame:
    """The topics of the recurring gatherings: theme mentions on their editions.

    A topic is dated when its mention gives a year or its edition has a non-approximate
    date; else it is undated: ``year`` stays NA, ``undated`` is True, and it belongs to its
    era only (era_start/era_end give the era's span, for drawing, never as a date).
    Columns: event_id, title, series_id, theme_id, theme, colour, era_id, era, era_start,
    era_end, year (Int64), undated, section_id, quote."""
    editions = _editions(ds)
    editions = editions.assign(title=pick(editions, "title", lang))
    m = mentions(ds, lang, view)
    m = m[(m["ref_type"] == "event") & m["ref_id"].isin(editions["event_id"])]
    topics = m.merge(editions[["event_id", "title", "series_id", "start_year", "date_precision"]],
                     left_on="ref_id", right_on="event_id")
    event_year = topics["start_year"].where(topics["date_precision"] != "approximate")
    year = topics["year"].fillna(event_year).astype("Int64")
    eras = eras_in_order(ds, lang).set_index("era_id")
    topics = topics.assign(year=year, undated=year.isna(),
                           era_start=topics["era_id"].map(eras["start_year"]),
                           era_end=topics["era_id"].map(eras["end_year"]))
    columns = ["event_id", "title", "series_id", "theme_id", "theme", "colour", "era_id", "era",
               "era_start", "era_end", "year", "undated", "section_id", "quote"]
    return topics.sort_values(["order", "year", "theme"], kind="stable")[columns].reset_index(
        drop=True)


def theme_actors(ds: Dataset, lang: str = "fr", view: ThemeView = ThemeView(),
                 theme_id: str = "") -> pd.DataFrame:
    """Actors who carry a theme, most first: those a mention names (ref_type ``actor``) and
    those of events that carry it. Columns: actor_id, name, kind, kind_label, colour,
    count (distinct supporting mentions), direct, via_events, events (titles), quotes and
    sections (tuples, one per supporting mention)."""
    m = mentions(ds, lang, view)
    m = m[m["theme_id"] == theme_id]
    direct = m[m["ref_type"] == "actor"].assign(actor_id=lambda f: f["ref_id"], event="")
    on_events = m[m["ref_type"] == "event"].merge(
        ds.event_actors[["event_id", "actor_id"]], left_on="ref_id", right_on="event_id")
    on_events = on_events.assign(event=on_events["ref_label"])
    links = pd.concat([direct.assign(how="direct"), on_events.assign(how="event")])
    columns = ["actor_id", "name", "kind", "kind_label", "colour", "count", "direct",
               "via_events", "events", "quotes", "sections"]
    if links.empty:
        return pd.DataFrame(columns=columns)
    links = links.drop_duplicates(["actor_id", "mention_id"])
    links = links.assign(is_direct=(links["how"] == "direct").astype(int),
                         is_event=(links["how"] == "event").astype(int))
    grouped = links.groupby("actor_id").agg(
        count=("mention_id", "size"), direct=("is_direct", "sum"),
        via_events=("is_event", "sum"),
        quotes=("quote", tuple), sections=("section_id", tuple)).reset_index()
    titles: dict[str, dict[str, None]] = {}  # event titles per actor, first seen first
    for actor, event in zip(links["actor_id"], links["event"], strict=True):
        if event:
            titles.setdefault(actor, {})[event] = None
    grouped["events"] = [tuple(titles.get(a, ())) for a in grouped["actor_id"]]
    actors = ds.actors.assign(name=pick(ds.actors, "name", lang))
    out = grouped.merge(actors[["actor_id", "name", "kind"]], on="actor_id")
    styles = style.kind_styles(ds.actors["kind"])
    out["kind_label"] = [ds.label("kind", k, lang) for k in out["kind"]]
    out["colour"] = out["kind"].map(lambda k: styles[k][0])
    out = out.sort_values(["count", "name"], ascending=[False, True], kind="stable")
    return out[columns].reset_index(drop=True)


def rise_table(ds: Dataset, lang: str, era_id: str) -> tuple[pd.DataFrame, pd.Series | None,
                                                              pd.Series | None]:
    """The themes mentioned more often in ``era_id`` than in the era before it (every theme
    it mentions, for the first era): theme_id, theme, before, now; most mentioned first.
    Also the era's row and the previous era's row of :func:`eras_in_order` (None when
    there is none)."""
    eras = eras_in_order(ds, lang).reset_index(drop=True)
    hits = eras.index[eras["era_id"] == era_id]
    columns = ["theme_id", "theme", "before", "now"]
    if not len(hits):
        return pd.DataFrame(columns=columns), None, None
    here = eras.loc[hits[0]]
    before = eras.loc[hits[0] - 1] if hits[0] > 0 else None
    counts = ds.theme_mentions.groupby(["era_id", "theme_id"]).size()

    def of(era) -> dict:
        return counts[era].to_dict() if era in counts.index.get_level_values(0) else {}

    now, then = of(era_id), of(before["era_id"]) if before is not None else {}
    labels = dict(zip(ds.themes["theme_id"], pick(ds.themes, "label", lang), strict=True))
    rows = [(theme, labels.get(theme, theme), int(then.get(theme, 0)), int(n))
            for theme, n in now.items() if n > then.get(theme, 0)]
    frame = pd.DataFrame(rows, columns=columns)
    frame = frame.sort_values(["now", "theme"], ascending=[False, True], kind="stable")
    return frame.reset_index(drop=True), here, before
