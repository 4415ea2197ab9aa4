"""The themes page's chart builders: each draws one chart of a :class:`ThemeView` with its
figure, the data behind it, a title and a text alternative generated from the data in
French or English. The page's view (:mod:`anis_viz.views.themes`) lists which builders the
page offers; :func:`charts` draws some of them with the filters in words.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from anis_viz import style, themes
from anis_viz.chart import Chart
from anis_viz.data import Dataset
from anis_viz.figures import themes as fig
from anis_viz.i18n import t

__all__ = ["charts", "words", "default_theme", "subtitle", "heatmap", "area", "bump", "flow",
           "meetings", "actors", "rise", "meetings_note"]

_WORDS = ("quote", "more", "count", "colorbar", "empty", "rank", "share", "kept", "shift",
          "one_era", "undated", "undated_in", "dated", "how", "kind")


def words(lang: str) -> dict[str, str]:
    """The figure builders' words, translated (placeholders left for the builder)."""
    return {w: t(f"themes.w.{w}", lang) for w in _WORDS} | {"colon": t("sep.colon", lang)}


def default_theme(ds: Dataset, view: themes.ThemeView) -> str:
    """The chosen theme if it is in view, else the most mentioned one."""
    table = themes.theme_table(ds, "fr", view.families)
    if view.theme in set(table["theme_id"]):
        return view.theme
    counts = themes.mentions(ds, "fr", view)["theme_id"].value_counts()
    return str(counts.index[0]) if len(counts) else (str(table["theme_id"].iloc[0])
                                                      if len(table) else "")


def subtitle(ds: Dataset, lang: str, view: themes.ThemeView) -> str:
    """The active filters in words ("" when none)."""
    parts = []
    if view.families:
        parts.append(t("themes.sub.family", lang, names=", ".join(
            ds.label("family", f, lang) for f in view.families)))
    if view.eras:
        eras = themes.eras_in_order(ds, lang)
        parts.append(t("themes.sub.eras", lang, names=", ".join(
            eras.loc[eras["era_id"].isin(view.eras), "era"])))
    if view.years:
        parts.append(t("themes.sub.years", lang, first=view.years[0], last=view.years[1]))
    return " · ".join(parts)


def _colon(lang: str) -> str:
    return t("sep.colon", lang)  # French typography spaces the colon


def _top(pairs, n: int = 3) -> str:
    return ", ".join(f"{a} ({b})" for a, b in list(pairs)[:n])


def heatmap(ds: Dataset, lang: str, view: themes.ThemeView) -> Chart:
    cells = themes.heatmap_cells(ds, lang, view)
    by_year = view.by == "year"
    title = t("themes.heatmap.title_year" if by_year else "themes.heatmap.title", lang)
    figure = fig.heatmap_figure(cells, title=title, words=words(lang),
                                x_title=t("themes.heatmap.x_year", lang) if by_year else "")
    if cells.empty or cells["count"].sum() == 0:
        alt = t("themes.alt.empty", lang)
    else:
        best = cells.loc[cells["count"].idxmax()]
        totals = cells.groupby("theme", sort=False)["count"].sum()
        alt = t("themes.alt.heatmap", lang, themes=cells["theme_id"].nunique(),
                cols=cells["key"].nunique(), total=int(cells["count"].sum()),
                theme=best["theme"], col=best["col_label"], n=int(best["count"]),
                absent=", ".join(totals[totals == 0].index) or "—")
    data = cells.assign(quotes=cells["quotes"].map(" | ".join),
                        sections=cells["sections"].map(", ".join),
                        mention_ids=cells["mention_ids"].map(", ".join))
    quotes = _quotes(themes.mentions(ds, lang, view))
    return Chart(slug=t("themes.heatmap.slug", lang), figure=figure, data=data, title=title,
                 alt=alt, quotes=quotes)


def _quotes(m: pd.DataFrame) -> pd.DataFrame:
    return m[["quote", "section_id"]].drop_duplicates().reset_index(drop=True)


def area(ds: Dataset, lang: str, view: themes.ThemeView) -> Chart:
    series, undated = themes.area_series(ds, lang, view)
    title = t("themes.area.title", lang)
    figure = fig.area_figure(series, title=title, x_title=t("themes.area.x", lang),
                             y_title=t("themes.area.y", lang), words=words(lang))
    if series.empty:
        alt = t("themes.alt.empty", lang)
    else:
        per_year = series.groupby("year")["count"].sum()
        per_group = series.groupby("label", sort=False)["count"].sum().sort_values(
            ascending=False, kind="stable")
        alt = t("themes.alt.area", lang, first=int(per_year.index.min()),
                last=int(per_year.index.max()), dated=int(per_year.sum()), undated=undated,
                peak=int(per_year.idxmax()), peak_n=int(per_year.max()),
                top=_top(per_group.items()))
    return Chart(slug=t("themes.area.slug", lang), figure=figure, data=series, title=title,
                 alt=alt)


def bump(ds: Dataset, lang: str, view: themes.ThemeView) -> Chart:
    ranks = themes.bump_ranks(ds, lang, view)
    title = t("themes.bump.title", lang)
    figure = fig.bump_figure(ranks, title=title, y_title=t("themes.bump.y", lang),
                             words=words(lang))
    if ranks.empty:
        alt = t("themes.alt.empty", lang)
    else:
        ranked = ranks[ranks["rank"].notna()]
        detail = "; ".join(
            f"{era}{_colon(lang)}" + ", ".join(f"{r}. {th}" for th, r in list(zip(
                rows["theme"], rows["rank"], strict=True))[:3])
            for era, rows in ranked.groupby("era", sort=False))
        alt = t("themes.alt.bump", lang, eras=ranked["era_id"].nunique(), top=themes.BUMP_TOP,
                themes=ranks["theme_id"].nunique(), detail=detail)
    return Chart(slug=t("themes.bump.slug", lang), figure=figure, data=ranks, title=title,
                 alt=alt)


def flow(ds: Dataset, lang: str, view: themes.ThemeView) -> Chart:
    nodes, links = themes.flow(ds, lang, view)
    title = t("themes.flow.title", lang)
    figure = fig.flow_figure(nodes, links, title=title, words=words(lang))
    if links.empty:
        alt = t("themes.alt.empty" if nodes.empty else "themes.w.one_era", lang)
    else:
        kept = links.loc[links["kind"] == "kept", "value"].sum()
        steps = max(1, nodes["era_id"].nunique() - 1)
        tops = "; ".join(f"{era}{_colon(lang)}" + _top(zip(rows["label"], rows["share"].round().astype(int)
                                                .astype(str) + " %", strict=True), 2)
                         for era, rows in nodes.sort_values(["order", "share"],
                                                            ascending=[True, False])
                         .groupby("era", sort=False))
        alt = t("themes.alt.flow", lang, eras=nodes["era_id"].nunique(),
                kept=f"{kept / steps:.0f}", tops=tops)
    data = links.assign(source_label=links["source"].map(nodes["label"]),
                        source_era=links["source"].map(nodes["era"]),
                        target_label=links["target"].map(nodes["label"]),
                        target_era=links["target"].map(nodes["era"]))
    return Chart(slug=t("themes.flow.slug", lang), figure=figure, data=data, title=title,
                 alt=alt)


def meetings_note(ds: Dataset, lang: str) -> str:
    """What the data and the text say of the gatherings: editions counted in the data, and
    the text's own words on their number and attendance (the series' description)."""
    info = themes.series_info(ds, lang)
    return " ".join(t("themes.meetings.note", lang, name=r.name, editions=r.editions,
                      dated=r.dated, description=r.description) for r in info.itertuples())


def meetings(ds: Dataset, lang: str, view: themes.ThemeView) -> Chart:
    topics = themes.meetings(ds, lang, view)
    eras = themes.eras_in_order(ds, lang)
    if view.eras:
        eras = eras[eras["era_id"].isin(view.eras)]
    title = t("themes.meetings.title", lang)
    note = meetings_note(ds, lang)
    figure = fig.meetings_figure(topics, eras, title=title, note=note, words=words(lang))
    if topics.empty:
        alt = t("themes.alt.meetings_empty", lang, note=note or "—")
    else:
        dated = topics[~topics["undated"]]
        undated = topics[topics["undated"]]
        alt = t("themes.alt.meetings", lang, n=len(topics), note=note or "—",
                dated="; ".join(f"{int(y)}{_colon(lang)}{th}"
                                for y, th in zip(dated["year"], dated["theme"], strict=True))
                or "—",
                undated="; ".join(f"{th} ({era})" for th, era in
                                  zip(undated["theme"], undated["era"], strict=True)) or "—")
    data = topics.drop(columns=["colour"])
    return Chart(slug=t("themes.meetings.slug", lang), figure=figure, data=data, title=title,
                 alt=alt, quotes=topics[["quote", "section_id"]].drop_duplicates())


def actors(ds: Dataset, lang: str, view: themes.ThemeView) -> Chart:
    theme_id = default_theme(ds, view)
    table = themes.theme_table(ds, lang).set_index("theme_id")
    label = table.at[theme_id, "theme"] if theme_id in table.index else ""
    actors = themes.theme_actors(ds, lang, view, theme_id)
    title = t("themes.actors.title", lang, theme=label)
    figure = fig.actors_figure(actors, title=title, x_title=t("themes.actors.x", lang),
                               words=words(lang))
    alt = (t("themes.alt.actors", lang, theme=label, n=len(actors),
             top=_top(zip(actors["name"], actors["count"], strict=True), 5))
           if not actors.empty else t("themes.alt.actors_empty", lang, theme=label))
    data = actors.assign(events=actors["events"].map(" | ".join),
                         quotes=actors["quotes"].map(" | ".join),
                         sections=actors["sections"].map(", ".join))
    return Chart(slug=t("themes.actors.slug", lang), figure=figure, data=data, title=title,
                 alt=alt)


def rise(ds: Dataset, lang: str, view: themes.ThemeView) -> Chart:
    eras = themes.eras_in_order(ds, lang)
    era = view.eras[-1] if view.eras else (str(eras["era_id"].iloc[-1]) if len(eras) else "")
    rows, here, before = themes.rise_table(ds, lang, era)
    name = here["era"] if here is not None else ""
    previous = before["era"] if before is not None else ""
    title = t("themes.rise.title", lang, era=name)
    figure = fig.rise_figure(rows, title=title, now=name, before=previous,
                             colour=here["colour"] if here is not None else style.MUTED,
                             x_title=t("themes.rise.x", lang), words=words(lang))
    items = ", ".join(f"{th} ({b} → {n})" if previous else f"{th} ({n})"
                      for th, b, n in zip(rows["theme"], rows["before"], rows["now"],
                                          strict=True))
    alt = (t("themes.alt.rise" if previous else "themes.alt.rise_first", lang, era=name,
             before=previous, items=items) if items else
           t("themes.alt.rise_none", lang, era=name))
    return Chart(slug=t("themes.rise.slug", lang), figure=figure, data=rows, title=title,
                 alt=alt)


def charts(ds: Dataset, lang: str, view: themes.ThemeView,
           builders: list[tuple[str, Callable]]) -> list[Chart]:
    """The charts of ``builders`` ((name, builder) pairs) for this view, each with the
    active filters in words as its subtitle (and, for the meetings, what the text says of
    them: exports keep it)."""
    sub = subtitle(ds, lang, view)
    out = []
    for name, build in builders:
        chart = build(ds, lang, view)
        note = meetings_note(ds, lang) if name == "meetings" else ""
        out.append(Chart(slug=chart.slug, figure=chart.figure, data=chart.data,
                         title=chart.title, subtitle=" · ".join(p for p in (sub, note) if p),
                         alt=chart.alt, quotes=chart.quotes,
                         span=f"{view.years[0]}-{view.years[1]}" if view.years else ""))
    return out
