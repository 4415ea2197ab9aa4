"""What the Data page says about a package: a short summary and the warnings that are not
errors (the data is usable, but something may be missing)."""

from __future__ import annotations

import pandas as pd

from anis_viz import i18n
from anis_viz.cache import per_content
from anis_viz.data import Dataset
from anis_viz.dates import period_end

__all__ = ["findings", "summary"]


def summary(ds: Dataset, lang: str = "fr") -> dict:
    """Counts per file, the years the events span, and the eras in order (once per data
    content and language)."""
    found = _summary(ds, lang)
    return {"counts": dict(found["counts"]), "span": found["span"], "eras": list(found["eras"])}


@per_content(maxsize=16)
def _summary(ds: Dataset, lang: str) -> dict:
    events = ds.events
    first = int(events["start_year"].min()) if len(events) else None
    ends = events["end_year"].fillna(events["start_year"]) if len(events) else pd.Series()
    last = int(ends.max()) if len(events) else None
    eras = ds.eras.sort_values("start_date", kind="stable")
    return {
        "counts": {name: len(frame) for name, frame in ds.tables.items()},
        "span": (first, last),
        "eras": list(i18n.pick(eras, "label", lang)),
    }


def _outside_era(ds: Dataset) -> pd.Series:
    """Events with no era, or whose start falls outside the era they name."""
    events = ds.events
    eras = ds.eras.set_index("era_id")
    no_era = events["era_id"] == ""
    start = events["era_id"].map(eras["start_date"])
    end = events["era_id"].map(eras["end_date"])  # NaT: the era is still open
    # A start given as a year (2001) is inside an era starting in July 2001.
    start_ends = events["start"].map(period_end)
    before = start.notna() & (start_ends < start)
    after = end.notna() & (events["start_date"] > end)
    return no_era | before | after


def findings(ds: Dataset, lang: str = "fr") -> pd.DataFrame:
    """Warnings about the content: actors with no tie, events outside every era (or
    outside their own), themes never mentioned, eras without events. One row per kind,
    with the count and the first names (computed once per data content and language)."""
    return _findings(ds, lang)


@per_content(maxsize=16)
def _findings(ds: Dataset, lang: str) -> pd.DataFrame:
    tied = set(ds.relations["source_id"]) | set(ds.relations["target_id"])
    actors = ds.actors[~ds.actors["actor_id"].isin(tied)]
    events = ds.events[_outside_era(ds)]
    themes = ds.themes[~ds.themes["theme_id"].isin(ds.theme_mentions["theme_id"])]
    eras = ds.eras[~ds.eras["era_id"].isin(ds.events["era_id"])]
    rows = []
    for key, frame, column in (("untied", actors, "name"), ("outside", events, "title"),
                               ("unmentioned", themes, "label"), ("empty_era", eras, "label")):
        if len(frame):
            names = list(i18n.pick(frame, column, lang))
            rows.append({"finding": i18n.t(f"health.{key}", lang), "count": len(frame),
                         "examples": ", ".join(names[:8]) + (" …" if len(names) > 8 else "")})
    return pd.DataFrame(rows, columns=["finding", "count", "examples"])
