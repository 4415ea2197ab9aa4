"""Chronologie: the events of a package on lanes, over its eras. Pure pandas functions.

- :func:`event_table`: one row per event, its era, actors and themes joined, its date in
  words, its hover text (HTML-escaped) and an importance score;
- :func:`filter_events`: the page's filters (era, category, actor, theme, free text, the
  shared year range) of a :class:`TimelineView`;
- :func:`lane_names`: lanes by category or by actor kind; :func:`layout` (in
  :mod:`anis_viz.timeline_layout`) then gives each event a row of its lane so that no two
  marks or titles overlap, and chooses which titles are written on the chart;
- :func:`era_bands`, :func:`alt_text`, :func:`charts` (the page's chart), and what the
  page needs: :func:`choices`, :func:`event_card`.
"""

from __future__ import annotations

import html
import textwrap
import unicodedata
from dataclasses import dataclass

import pandas as pd

from anis_viz import i18n, style
from anis_viz.cache import per_content
from anis_viz.chart import Chart
from anis_viz.data import Dataset
from anis_viz.figures.timeline import timeline_figure
from anis_viz.filters import SharedFilters
from anis_viz.filters import filter_events as shared_filter
from anis_viz.timeline_layout import (
    MAX_LABELS,
    MAX_ROWS,
    band_labels,
    layout,
    plot_width,
    title_lines,
    x_extent,
    zoom_range,
)

__all__ = ["TimelineView", "event_table", "filter_events", "era_bands",
           "lane_names", "alt_text", "table_rows", "key_list", "subtitle", "charts", "choices",
           "event_card",
           # re-exported from anis_viz.timeline_layout
           "MAX_LABELS", "MAX_ROWS", "band_labels", "layout", "plot_width", "title_lines",
           "x_extent",
           "zoom_range"]

LANES = ("category", "kind")
NO_KIND = "__none__"      # lane of events that name no actor
CONTEXT = "context"       # the contract's background category, drawn quietly
LEAD_ROLE = "lead"        # the actor that places an event on an actor-kind lane
QUOTE_WIDTH = 70          # characters per hover line
# Up to this many events drawn, each hover carries the whole quote and actor list; beyond,
# a short hover (title, date, first actors): at 10,000 events the full hovers would be
# 2 s of text wrapping and 6 MB of figure JSON, and the card shows the rest on a click.
FULL_HOVER_MAX = 400


@dataclass(frozen=True)
class TimelineView:
    """What the timeline shows. Empty tuples mean "all". The page's view
    (:class:`anis_viz.views.timeline.Timeline`) reads and writes it in the address."""

    eras: tuple[str, ...] = ()
    years: tuple[int, int] | None = None
    categories: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    q: str = ""
    lanes: str = "category"
    zoom: str = ""
    event: str = ""

    @property
    def shared(self) -> SharedFilters:
        """The era and year filters every page shares."""
        return SharedFilters(eras=self.eras, years=self.years)


def fold(text: str) -> str:
    """Lower case without accents, for searching: ``Énergie`` -> ``energie``."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _esc(text: str) -> str:
    """Data text for Plotly hover (HTML): escaped; quotes need no escaping there."""
    return html.escape(str(text), quote=False)


def _quote_html(quote: str, lang: str) -> str:
    text = i18n.t("timeline.hover.quote", lang, quote=quote)
    return "<br>".join(_esc(line) for line in textwrap.wrap(text, QUOTE_WIDTH))


@per_content(maxsize=8)
def event_table(ds: Dataset, lang: str = "fr") -> pd.DataFrame:
    """One row per event, in date order. Columns: event_id, start, end, start_date,
    end_date (NaT for a point), start_year, end_year, era_id, era, category, category_label,
    title, description, date (in words), approximate, context, span (has an end),
    actor_ids, actor_names (lists; the main actor first), kind (of the main actor, or NO_KIND),
    themes (list of theme ids), section_id, section, quote, hover (safe HTML: the full
    hover up to :data:`FULL_HOVER_MAX` events, else the short one; see :func:`hovers`),
    importance.

    It depends only on the package and the language: cached per data content and language
    (:mod:`anis_viz.cache`; every filter then slices it). The frame returned is a
    (copy-on-write) copy; its list cells are shared, so treat them as read-only."""
    return _event_table(ds, lang)


def _grouped(keys: pd.Series, values: pd.Series, unique: bool = False) -> dict[str, list]:
    """key -> list of values in file order (plain Python: far faster than a groupby with a
    Python aggregate on thousands of small groups)."""
    out: dict[str, list] = {}
    for key, value in zip(keys.tolist(), values.tolist(), strict=True):
        found = out.setdefault(key, [])
        if not unique or value not in found:
            found.append(value)
    return out


def _event_table(ds: Dataset, lang: str) -> pd.DataFrame:
    ev = ds.events.sort_values(["start_date", "event_id"], kind="stable").reset_index(drop=True)
    eras = ds.eras.set_index("era_id")
    era_names = dict(zip(ds.eras["era_id"], i18n.pick(ds.eras, "label", lang), strict=True))
    names = dict(zip(ds.actors["actor_id"], i18n.pick(ds.actors, "name", lang), strict=True))
    kinds = dict(zip(ds.actors["actor_id"], ds.actors["kind"], strict=True))
    links = ds.event_actors.assign(lead=ds.event_actors["role"] != LEAD_ROLE)
    links = links.sort_values(["event_id", "lead"], kind="stable")  # lead first, then file order
    actor_ids = _grouped(links["event_id"], links["actor_id"])
    mentions = ds.theme_mentions[ds.theme_mentions["ref_type"] == "event"]
    themes = _grouped(mentions["ref_id"], mentions["theme_id"], unique=True)
    sections = dict(zip(ds.sections["section_id"], i18n.pick(ds.sections, "title", lang),
                        strict=True))
    categories = ds.labels("category", lang)
    no_era = i18n.t("timeline.no_era", lang)
    out = pd.DataFrame({
        "event_id": ev["event_id"], "start": ev["start"], "end": ev["end"],
        "start_date": ev["start_date"], "end_date": ev["end_date"],
        "start_year": ev["start_year"], "end_year": ev["end_year"], "era_id": ev["era_id"],
        "category": ev["category"], "title": i18n.pick(ev, "title", lang),
        "description": i18n.pick(ev, "description", lang),
        "section_id": ev["section_id"], "quote": ev["quote"],
    })
    ids = out["event_id"].tolist()
    out["era"] = [era_names.get(e) or no_era for e in out["era_id"].tolist()]
    out["category_label"] = [categories.get(c) or c.replace("_", " ")
                             for c in out["category"].tolist()]
    out["date"] = [i18n.format_date(s, p, lang, end=e) for s, p, e in
                   zip(ev["start"].tolist(), ev["date_precision"].tolist(), ev["end"].tolist(),
                       strict=True)]
    # how the source gives the date (optional columns): circa reads as approximate; before
    # and after get their own marks (the date itself stays the source's)
    blank = pd.Series("", index=ev.index)
    first, last = ev.get("start_qualifier", blank), ev.get("end_qualifier", blank)
    out["qualifier"] = first.where(first != "", last)
    qualified = out["qualifier"].ne("") & ~(out["qualifier"].eq("circa")
                                             & ev["date_precision"].eq("approximate"))
    out.loc[qualified, "date"] = [
        i18n.t(f"date.qualifier.{q}", lang, date=d)
        for q, d in zip(out.loc[qualified, "qualifier"], out.loc[qualified, "date"], strict=True)]
    out["approximate"] = ev["date_precision"].eq("approximate") | out["qualifier"].eq("circa")
    out["context"] = ev["category"].eq(CONTEXT) | ev["era_id"].eq("")
    out["span"] = ev["end"].ne("") & ev["end_date"].ne(ev["start_date"])
    actor_lists = [list(actor_ids.get(e, [])) for e in ids]
    out["actor_ids"] = pd.Series(actor_lists, index=out.index, dtype=object)
    out["actor_names"] = pd.Series([[names.get(a, a) for a in x] for x in actor_lists],
                                   index=out.index, dtype=object)
    out["kind"] = [kinds.get(x[0], NO_KIND) if x else NO_KIND for x in actor_lists]
    out["themes"] = pd.Series([list(themes.get(e, [])) for e in ids], index=out.index,
                              dtype=object)
    out["section"] = [i18n.t("timeline.section", lang, section=s, title=sections.get(s, ""))
                      .strip() for s in out["section_id"].tolist()]
    out["hover"] = hovers(out, lang)
    # Importance: how much the text ties to the event (actors, themes, a duration), and the
    # opening of each era; background events weigh less. Only the top ones get a title.
    first_of_era = ~out["era_id"].eq("") & ~out.duplicated("era_id")
    in_era = out["era_id"].isin(eras.index)
    out["importance"] = (out["actor_ids"].str.len() + out["themes"].str.len()
                         + 2 * out["span"] + 3 * (first_of_era & in_era) - 3 * out["context"])
    return out


def hovers(rows: pd.DataFrame, lang: str = "fr") -> list[str]:
    """The hover text (safe HTML) of each row of :func:`event_table`: title, date, era,
    actors, the quote and its section; only title, date and the first two actors when
    there are more than :data:`FULL_HOVER_MAX` rows (the figure's JSON stays small)."""
    if len(rows) <= FULL_HOVER_MAX:
        return [_hover(row, lang) for row in rows.itertuples()]
    out = []
    for title, date, actors in zip(rows["title"].tolist(), rows["date"].tolist(),
                                   rows["actor_names"].tolist(), strict=True):
        lines = [f"<b>{_esc(title)}</b>", _esc(date)]  # the era: the band behind the mark
        if actors:
            named = ", ".join(actors[:2]) + (" …" if len(actors) > 2 else "")
            lines.append(_esc(i18n.t("timeline.hover.actors", lang, actors=named)))
        out.append("<br>".join(lines))
    return out


def _hover(row, lang: str) -> str:
    lines = [f"<b>{_esc(row.title)}</b>", _esc(row.date),
             _esc(i18n.t("timeline.hover.era", lang, era=row.era))]
    if row.actor_names:
        actors = i18n.t("timeline.hover.actors", lang, actors=", ".join(row.actor_names))
        lines.append("<br>".join(_esc(x) for x in textwrap.wrap(actors, QUOTE_WIDTH)))
    lines += [f"<i>{_quote_html(row.quote, lang)}</i>", _esc(row.section)]
    return "<br>".join(lines)


def filter_events(table: pd.DataFrame, view: TimelineView) -> pd.DataFrame:
    """The rows that pass every filter (AND across filters, OR within one)."""
    keep = shared_filter(table, view.shared).index
    rows = table.loc[keep]
    if view.categories:
        rows = rows[rows["category"].isin(view.categories)]
    if view.actors:
        chosen = set(view.actors)
        rows = rows[rows["actor_ids"].map(lambda ids: bool(chosen & set(ids)))]
    if view.themes:
        chosen = set(view.themes)
        rows = rows[rows["themes"].map(lambda ids: bool(chosen & set(ids)))]
    if view.q:
        needle = fold(view.q)
        text = (rows["title"] + " " + rows["description"] + " " + rows["quote"] + " "
                + rows["actor_names"].map(" ".join) + " " + rows["event_id"]).map(fold)
        rows = rows[text.str.contains(needle, regex=False)]
    return rows


def era_bands(ds: Dataset, lang: str = "fr", last: pd.Timestamp | None = None) -> pd.DataFrame:
    """One row per era, in order: era_id, label, short_label, x0, x1, colour. An open era
    ends at ``last`` (the last event's date), and at least a year after it starts."""
    eras = ds.eras.sort_values("start_date", kind="stable").reset_index(drop=True)
    colours = style.era_colours(eras["era_id"])
    label = i18n.pick(eras, "label", lang)
    short = i18n.pick(eras, "short_label", lang) if "short_label" in eras else label
    year_later = eras["start_date"] + pd.DateOffset(years=1)
    x1 = eras["end_date"].fillna(year_later if last is None else year_later.clip(lower=last))
    # "2001-07 → 2011" then "2011 → 2017": the next era starts inside the year that ends
    # this one, so a band stops where the next begins and bands never overlap.
    x1 = x1.where(~(eras["start_date"].shift(-1) < x1), eras["start_date"].shift(-1))
    return pd.DataFrame({"era_id": eras["era_id"], "label": label,
                         "short_label": short.where(short.str.strip() != "", label),
                         "x0": eras["start_date"], "x1": x1,
                         "colour": eras["era_id"].map(colours)})


def lane_names(ds: Dataset, table: pd.DataFrame, by: str, lang: str = "fr") -> dict[str, str]:
    """Lane code -> display name, in drawing order (top first): categories in vocabulary
    order with the background last; actor kinds in the style order, "no actor" last."""
    present = list(dict.fromkeys(table[by]))
    if by == "category":
        order = [c for c in ds.labels("category", lang) if c in present and c != CONTEXT]
        order += sorted(c for c in present if c not in order and c != CONTEXT)
        order += [CONTEXT] if CONTEXT in present else []
        return {c: ds.label("category", c, lang) for c in order}
    order = [k for k in style.KIND_ORDER if k in present]
    order += sorted(k for k in present if k not in order and k != NO_KIND)
    order += [NO_KIND] if NO_KIND in present else []
    return {k: (i18n.t("timeline.no_actor", lang) if k == NO_KIND else ds.label("kind", k, lang))
            for k in order}


def alt_text(rows: pd.DataFrame, bands: pd.DataFrame, lang: str = "fr") -> str:
    """"Frise de 2001 à 2017 : 3 périodes, 34 événements ; le plus dense : 2011" (the eras
    counted are the bands the events' years meet)."""
    if rows.empty:
        return i18n.t("timeline.alt_empty", lang)
    years = rows["start_year"].dropna().astype(int)
    last = int(pd.concat([rows["end_year"], rows["start_year"]]).dropna().max())
    busiest = years.value_counts().sort_index(kind="stable").idxmax()  # earliest on ties
    eras = int(((bands["x0"].dt.year <= last) & (bands["x1"].dt.year >= years.min())).sum())
    return i18n.t("timeline.alt", lang, first=int(years.min()), last=last,
                  eras=i18n.t("timeline.eras", lang, count=eras),
                  events=i18n.t("timeline.events", lang, count=len(rows)), year=int(busiest))


def key_list(events: pd.DataFrame) -> pd.DataFrame:
    """The events the chart shows by their key (a number) rather than their title, indexed
    by event_id: key (as text), title. The list that resolves the keys, under the chart, in
    the data and in the text alternative."""
    keyed = events[events["label_kind"] == "key"] if "label_kind" in events else events[:0]
    return pd.DataFrame({"key": keyed["key"].astype(str).to_numpy(),
                         "title": keyed["title"].to_numpy()},
                        index=pd.Index(keyed["event_id"], name="event_id"))


def table_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """The events as a plain table (the chart's CSV): event_id, date (ISO, sorts in time
    order), when (in words), title, era, category, actors, section_id, quote."""
    iso = rows["start"].where(~rows["span"], rows["start"] + " – " + rows["end"])
    return pd.DataFrame({
        "event_id": rows["event_id"], "date": iso, "when": rows["date"], "title": rows["title"],
        "era": rows["era"], "category": rows["category_label"],
        "actors": rows["actor_names"].map(", ".join), "section_id": rows["section_id"],
        "quote": rows["quote"],
    }).reset_index(drop=True)


def subtitle(ds: Dataset, view: TimelineView, lang: str = "fr") -> str:
    """The active filters in words, for exports: "Périodes : … · Recherche : « … »"."""
    eras = dict(zip(ds.eras["era_id"], i18n.pick(ds.eras, "label", lang), strict=True))
    names = dict(zip(ds.actors["actor_id"], i18n.pick(ds.actors, "name", lang), strict=True))
    themes = dict(zip(ds.themes["theme_id"], i18n.pick(ds.themes, "label", lang), strict=True))
    parts = [("app.era", [eras.get(e, e) for e in view.eras]),
             ("app.years", ["–".join(map(str, view.years))] if view.years else []),
             ("timeline.category", [ds.label("category", c, lang) for c in view.categories]),
             ("timeline.actor", [names.get(a, a) for a in view.actors]),
             ("timeline.theme", [themes.get(h, h) for h in view.themes]),
             ("timeline.search", [view.q] if view.q else [])]
    colon = i18n.t("sep.colon", lang)
    return " · ".join(f"{i18n.t(key, lang)}{colon}{', '.join(values)}"
                      for key, values in parts if values)


def charts(ds: Dataset, lang: str, v: TimelineView) -> list[Chart]:
    """The timeline of a view: one :class:`Chart`."""
    table = event_table(ds, lang)
    rows = filter_events(table, v)
    if len(table) > FULL_HOVER_MAX >= len(rows):  # few drawn of many: their full hovers
        rows = rows.assign(hover=hovers(rows, lang))
    last = pd.concat([table["end_date"], table["start_date"]]).max() if len(table) else None
    bands = era_bands(ds, lang, last=last)
    shown_bands = bands[bands["era_id"].isin(v.eras)] if v.eras else bands
    lanes = lane_names(ds, rows, v.lanes, lang)
    whole = x_extent(rows, shown_bands) if len(rows) else None
    width = plot_width(lanes)
    shown = zoom_range(bands, v.zoom, whole) if len(rows) else None
    # one era's view: every title written, on two lines where that helps
    events, lane_frame = layout(rows, lanes, v.lanes, x_range=shown, width_px=width,
                                wrap=shown is not whole)
    bands = band_labels(bands, shown, width_px=width) if len(rows) else bands
    legend = {key: i18n.t(f"timeline.legend.{key}", lang)
              for key in ("point", "approx", "span", "span_approx", "context")}
    figure = timeline_figure(
        events, lane_frame, bands, legend=legend, selected=v.event,
        x_range=shown,
        uirevision=f"timeline:{v.zoom or 'all'}:{v.lanes}",
        empty_text=i18n.t("timeline.alt_empty", lang))
    years = pd.concat([rows["start_year"], rows["end_year"]]).dropna()
    span = f"{int(years.min())}-{int(years.max())}" if len(years) else ""
    keys = key_list(events)
    data = table_rows(rows)
    numbers = dict(zip(keys.index, keys["key"], strict=True))
    data.insert(0, "key", [numbers.get(e, "") for e in data["event_id"]])
    alt = alt_text(rows, shown_bands, lang)
    if len(keys):
        items = "; ".join(f"{k} {title}" for k, title in zip(keys["key"], keys["title"],
                                                             strict=True))
        alt += " " + i18n.t("timeline.keys", lang, items=items)
    return [Chart(slug=i18n.t("timeline.slug", lang), figure=figure, data=data,
                  title=i18n.t("page.timeline.title", lang), subtitle=subtitle(ds, v, lang),
                  alt=alt, span=span,
                  quotes=rows[["quote", "section_id"]].drop_duplicates())]


def choices(ds: Dataset, lang: str = "fr") -> dict[str, dict[str, str]]:
    """What each filter offers, code -> label: category (vocabulary order), actor (those
    named by an event, by name), theme (those an event mentions), zoom (eras, in order)."""
    categories = set(ds.events["category"])
    ordered = [c for c in ds.labels("category", lang) if c in categories]
    ordered += sorted(categories - set(ordered))
    named = ds.actors[ds.actors["actor_id"].isin(set(ds.event_actors["actor_id"]))]
    names = dict(zip(named["actor_id"], i18n.pick(named, "name", lang), strict=True))
    cited = ds.theme_mentions.loc[ds.theme_mentions["ref_type"] == "event", "theme_id"]
    themes = ds.themes[ds.themes["theme_id"].isin(set(cited))]
    labels = dict(zip(themes["theme_id"], i18n.pick(themes, "label", lang), strict=True))
    bands = era_bands(ds, lang)
    return {"category": {c: ds.label("category", c, lang) for c in ordered},
            "actor": dict(sorted(names.items(), key=lambda kv: fold(kv[1]))),
            "theme": dict(sorted(labels.items(), key=lambda kv: fold(kv[1]))),
            "zoom": dict(zip(bands["era_id"], bands["short_label"], strict=True))}


def event_card(ds: Dataset, event_id: str, lang: str = "fr") -> dict | None:
    """Everything the detail card shows for one event (None when the id is unknown):
    title, date, era, category, description, actors [(id, name)], quote, section."""
    table = event_table(ds, lang)
    rows = table[table["event_id"] == event_id]
    if rows.empty:
        return None
    row = rows.iloc[0]
    return {"event_id": event_id, "title": row["title"], "date": row["date"],
            "era": row["era"], "category": row["category_label"],
            "description": row["description"],
            "actors": list(zip(row["actor_ids"], row["actor_names"], strict=True)),
            "quote": row["quote"], "section": row["section"]}
