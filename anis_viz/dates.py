"""Partial ISO 8601 dates, as the data contract writes them: ``2001``, ``2001-07``, ``2001-07-14``.

A partial date names a period (a year, a month or a day). ``period_start`` gives its first
day and ``period_end`` its last, so that "ends in 2011" and "starts in June 2011" compare
the way a reader expects.

>>> period_start("2011"), period_end("2011-02")
(Timestamp('2011-01-01 00:00:00'), Timestamp('2011-02-28 00:00:00'))
>>> parse_partial("2001-13") is None
True
"""

from __future__ import annotations

import re
from calendar import monthrange

import pandas as pd

__all__ = ["PARTIAL_DATE", "parse_partial", "period_start", "period_end", "year_of"]

PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_partial(text: str) -> tuple[int, int | None, int | None] | None:
    """Return (year, month or None, day or None), or None when ``text`` is not a valid date."""
    match = PARTIAL_DATE.match(str(text).strip())
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= monthrange(year, month)[1]:
        return None
    return year, month, day


def period_start(text: str) -> pd.Timestamp:
    """First day of the period ``text`` names (NaT when it is empty or invalid)."""
    parts = parse_partial(text) if text else None
    if parts is None:
        return pd.NaT
    year, month, day = parts
    return pd.Timestamp(year, month or 1, day or 1)


def period_end(text: str) -> pd.Timestamp:
    """Last day of the period ``text`` names (NaT when it is empty or invalid)."""
    parts = parse_partial(text) if text else None
    if parts is None:
        return pd.NaT
    year, month, day = parts
    if day is not None:
        return pd.Timestamp(year, month, day)
    if month is not None:
        return pd.Timestamp(year, month, monthrange(year, month)[1])
    return pd.Timestamp(year, 12, 31)


def year_of(text: str) -> int | None:
    """The year of a partial date, or None."""
    parts = parse_partial(text) if text else None
    return parts[0] if parts else None
