"""The shared filters (eras and a year range), applied the same way on every page.

A row is kept when its period overlaps the chosen years and, if eras are chosen, it belongs
to one of them. Periods come from the ``start_year``/``end_year`` columns the loader adds.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from anis_viz.data import Dataset

__all__ = ["SharedFilters", "year_bounds", "filter_events", "overlaps"]


@dataclass(frozen=True)
class SharedFilters:
    """``eras``: chosen era ids (empty = all). ``years``: inclusive (first, last) or None."""

    eras: tuple[str, ...] = ()
    years: tuple[int, int] | None = None


def year_bounds(ds: Dataset) -> tuple[int, int]:
    """First and last year the package speaks of (events, eras, dated ties and mentions)."""
    years = pd.concat([
        ds.events["start_year"], ds.events["end_year"], ds.eras["start_year"],
        ds.eras["end_year"], ds.relations["start"], ds.relations["end"],
        ds.theme_mentions["year"],
    ]).dropna()
    if years.empty:
        return (2000, 2000)
    return int(years.min()), int(years.max())


def overlaps(start: pd.Series, end: pd.Series, years: tuple[int, int] | None) -> pd.Series:
    """Whether each [start, end] period (end may be missing: a point) meets ``years``."""
    if years is None:
        return pd.Series(True, index=start.index)
    first, last = years
    end = end.fillna(start)
    return (start.fillna(first) <= last) & (end.fillna(last) >= first)


def filter_events(events: pd.DataFrame, filters: SharedFilters) -> pd.DataFrame:
    """Events of the chosen eras whose period meets the chosen years."""
    keep = overlaps(events["start_year"], events["end_year"], filters.years)
    if filters.eras:
        keep &= events["era_id"].isin(filters.eras)
    return events[keep]
