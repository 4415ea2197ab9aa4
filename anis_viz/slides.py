"""The presentation deck: the package's own ``presentation.csv`` when it has one, otherwise
a deck generated from the data.

A slide is either a saved chart view (``kind="chart"``: a page among ``overview``,
``timeline``, ``network``, ``themes`` and a view in query-string form such as
``era=anis_1&lanes=category``) or a text slide (``kind="title"`` or ``"era"``: a heading,
dates, a summary and the quote behind it). Titles and notes are in French or English; the
renderer draws a chart slide through its page's view (:mod:`anis_viz.views`).

The generated deck tells the package's story in its own words: a title slide; for each era
its dates, summary and quote, its timeline, the actors who joined and the themes that rose;
and a closing slide on how the themes flowed across the eras. Only labels, summaries,
quotes and names from the data are used, with a few fixed interface words from
:mod:`anis_viz.i18n`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from urllib.parse import parse_qsl

import pandas as pd

from anis_viz import i18n, style
from anis_viz.data import Dataset

__all__ = ["Slide", "deck", "generated_deck", "query", "clamp", "joined_by_era",
           "rising_themes", "chart_height"]


@dataclass(frozen=True)
class Slide:
    number: int
    page: str
    view: dict[str, str]
    title: str
    notes: str
    kind: str = "chart"          # "chart", or a text slide: "title", "era"
    subtitle: str = ""           # dates (text slides)
    body: str = ""               # a summary or the package's description (text slides)
    quote: str = ""              # the source's words behind the body (text slides)
    source: str = ""             # where the quote comes from (text slides)
    items: tuple[tuple[str, str, str], ...] = ()  # (name, dates, label) of each era (title)


def query(text: str) -> dict[str, str]:
    """``"era=anis_1&lanes=kind"`` -> ``{"era": "anis_1", "lanes": "kind"}``."""
    return dict(parse_qsl(str(text or "").lstrip("?"), keep_blank_values=False))


def deck(ds: Dataset, lang: str = "fr") -> list[Slide]:
    """The package's slides in order: its ``presentation.csv`` when it has one with rows,
    else :func:`generated_deck`."""
    frame = ds.presentation
    if frame.empty:
        return generated_deck(ds, lang)
    frame = frame.sort_values("slide", kind="stable")
    titles = i18n.pick(frame, "title", lang)
    notes = i18n.pick(frame, "notes", lang) if "notes" in frame else pd.Series("", frame.index)
    return [Slide(int(n), page, query(view), title, note)
            for n, page, view, title, note in zip(frame["slide"], frame["page"],
                                                  frame["view"], titles, notes)]


def _table(ds: Dataset, name: str) -> pd.DataFrame:
    try:
        return getattr(ds, name)
    except AttributeError:  # a resource the package does not ship
        return pd.DataFrame()


def _year(value) -> int | None:
    text = "" if pd.isna(value) else str(value).strip()
    return int(text[:4]) if text[:4].isdigit() else None


def _eras(ds: Dataset) -> pd.DataFrame:
    return ds.eras.sort_values("start_date", kind="stable").reset_index(drop=True)


def _era_of_year(eras: pd.DataFrame, year: int) -> str:
    """The era a year falls in: the last era that starts in or before it (the first era for
    earlier years)."""
    starts = [(_year(s) or 0, e) for s, e in zip(eras["start"], eras["era_id"])]
    found = starts[0][1]
    for start, era in starts:
        if start <= year:
            found = era
    return found


def joined_by_era(ds: Dataset) -> dict[str, list[str]]:
    """Era id -> the actor ids that first appear in it (their earliest dated tie or event),
    in order of first appearance, then name."""
    eras = _eras(ds)
    if eras.empty:
        return {}
    first: dict[str, int] = {}

    def seen(actor: str, year: int | None) -> None:
        if actor and year is not None and year < first.get(actor, 10_000):
            first[actor] = year

    relations = _table(ds, "relations")
    if not relations.empty:
        for source, target, start in zip(relations["source_id"], relations["target_id"],
                                         relations["start"]):
            seen(source, _year(start))
            seen(target, _year(start))
    links = _table(ds, "event_actors")
    if not links.empty:
        years = dict(zip(ds.events["event_id"], ds.events["start"].map(_year)))
        for event, actor in zip(links["event_id"], links["actor_id"]):
            seen(actor, years.get(event))
    names = dict(zip(ds.actors["actor_id"], ds.actors["name"]))
    out: dict[str, list[str]] = {era: [] for era in eras["era_id"]}
    for actor in sorted(first, key=lambda a: (first[a], str(names.get(a, a)).casefold())):
        if actor in names:
            out[_era_of_year(eras, first[actor])].append(actor)
    return out


def rising_themes(ds: Dataset) -> dict[str, list[str]]:
    """Era id -> the theme ids mentioned more often in that era than in the one before (for
    the first era: every theme it mentions), most mentioned first."""
    mentions = _table(ds, "theme_mentions")
    eras = list(_eras(ds)["era_id"])
    out: dict[str, list[str]] = {era: [] for era in eras}
    if mentions.empty or "era_id" not in mentions:
        return out
    counts = mentions.groupby(["era_id", "theme_id"]).size()
    previous: dict = {}
    for era in eras:
        now = counts[era].to_dict() if era in counts.index.get_level_values(0) else {}
        risen = [theme for theme, n in now.items() if n > previous.get(theme, 0)]
        out[era] = sorted(risen, key=lambda theme: (-now[theme], theme))
        previous = now
    return out


def _names(frame: pd.DataFrame, key: str, column: str, ids: list[str], lang: str) -> list[str]:
    labels = dict(zip(frame[key], i18n.pick(frame, column, lang)))
    return [labels[i] for i in ids if i in labels]


def _listing(names: list[str], lang: str, limit: int = 12) -> str:
    shown = ", ".join(names[:limit])
    if len(names) > limit:
        shown = i18n.t("deck.more", lang, names=shown, n=len(names) - limit)
    return shown


def generated_deck(ds: Dataset, lang: str = "fr") -> list[Slide]:
    """A deck built from the data alone (see the module's docstring). Slides with nothing to
    show (an era without events, nobody joining, no theme rising) are left out."""
    eras = _eras(ds)
    labels, summaries = i18n.pick(eras, "label", lang), i18n.pick(eras, "summary", lang)
    shorts = i18n.pick(eras, "short_label", lang) if "short_label" in eras else labels
    spans = [i18n.format_span(s, e, lang) for s, e in zip(eras["start"], eras["end"])]
    out: list[Slide] = []

    def add(**fields) -> None:
        fields.setdefault("page", "")
        fields.setdefault("view", {})
        fields.setdefault("notes", "")
        out.append(Slide(number=len(out) + 1, **fields))

    description = ds.descriptor.get("description_en" if lang == "en" else "description") or \
        ds.descriptor.get("description") or ""
    first = spans and i18n.format_span(eras["start"].iloc[0], eras["end"].iloc[-1], lang)
    add(kind="title", title=ds.title_in(lang), subtitle=first or "", body=str(description),
        notes=" · ".join(f"{s} ({span})" for s, span in zip(shorts, spans)),
        items=tuple((s or label, span, label if label != s else "")
                    for s, span, label in zip(shorts, spans, labels)))
    joined, risen = joined_by_era(ds), rising_themes(ds)
    event_eras = set(ds.events["era_id"]) if "era_id" in ds.events else set()
    themes = _table(ds, "themes")
    for i, era in enumerate(eras["era_id"]):
        short = shorts.iloc[i] or labels.iloc[i]
        add(kind="era", title=labels.iloc[i], subtitle=spans[i], body=summaries.iloc[i],
            quote=str(eras["quote"].iloc[i]),
            source=i18n.t("deck.section", lang, section=eras["section_id"].iloc[i]))
        if era in event_eras:
            add(kind="chart", page="timeline", view={"zoom": era, "era": era},
                title=i18n.t("deck.timeline", lang, era=short), notes=summaries.iloc[i])
        newcomers = _names(ds.actors, "actor_id", "name", joined.get(era, []), lang)
        if newcomers:
            view = {"era": era} if i == 0 else {"compare": f"{eras['era_id'].iloc[i - 1]},{era}"}
            add(kind="chart", page="network", view=view,
                title=i18n.t("deck.joined", lang, era=short),
                notes=i18n.t("deck.joined.notes", lang, names=_listing(newcomers, lang)))
        rising = _names(themes, "theme_id", "label", risen.get(era, []), lang) \
            if not themes.empty else []
        if rising:
            add(kind="chart", page="themes", view={"chart": "rise", "era": era},
                title=i18n.t("deck.rose", lang, era=short),
                notes=i18n.t("deck.rose.notes", lang, names=_listing(rising, lang)))
    if not themes.empty and len(eras) > 1 and any(risen.values()):
        add(kind="chart", page="themes", view={"chart": "flow"},
            title=i18n.t("deck.flow", lang))
    return out


def _lines(text: str, font_px: float, width_px: float) -> int:
    """How many lines ``text`` takes at ``font_px`` in ``width_px`` (a generous estimate:
    0.56 em a character)."""
    return max(1, math.ceil(len(str(text)) * 0.56 * font_px / width_px)) if text else 0


def chart_height(title: str, charts: int = 1, notes: str = "",
                 screen: tuple[int, int] = (style.SLIDE_WIDTH, style.SLIDE_HEIGHT)) -> int:
    """The height in screen pixels of each of a slide's ``charts`` on a ``screen`` (width,
    height): what the navigation bar, the title (and the notes when shown) leave."""
    scale = style.slide_scale(*screen)
    width = screen[0] - 2 * style.SLIDE_PAD_X * scale
    used = 2 * style.SLIDE_PAD_Y + style.SLIDE_NAV + style.SLIDE_GAP
    title_px = style.SLIDE_TITLE_PX * scale
    used += _lines(title, title_px, width) * title_px * 1.2
    if notes:  # an info box: its padding and the lines of text
        text_px = max(16, style.SLIDE_TEXT_PX * scale)
        used += style.SLIDE_GAP + 34 + _lines(notes, text_px, width - 80) * text_px * 1.6
    free = screen[1] - used - style.SLIDE_GAP * charts - 6  # 6: rounding
    return max(160, int(free // max(1, charts)))


def clamp(number: int, slides: list[Slide]) -> int:
    """A valid position (0-based) for a requested slide number (1-based)."""
    if not slides:
        return 0
    return max(0, min(len(slides) - 1, int(number) - 1))
