"""The presentation deck: slides defined in the data package (``presentation.csv``).

Each slide is a saved view: a page (``overview``, ``timeline``, ``network``, ``themes``), a
view in query-string form (``era=anis_1&lanes=category``), a title and presenter notes in
French and English. The renderer (``anis_viz.charts``) turns a slide into charts.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

import pandas as pd

from anis_viz import i18n
from anis_viz.data import Dataset

__all__ = ["Slide", "deck", "parse_view", "clamp"]


@dataclass(frozen=True)
class Slide:
    number: int
    page: str
    view: dict[str, str]
    title: str
    notes: str


def parse_view(text: str) -> dict[str, str]:
    """``"era=anis_1&lanes=kind"`` -> ``{"era": "anis_1", "lanes": "kind"}``."""
    return dict(parse_qsl(str(text or "").lstrip("?"), keep_blank_values=False))


def deck(ds: Dataset, lang: str = "fr") -> list[Slide]:
    """The package's slides in order (empty when it ships no ``presentation.csv``)."""
    frame = ds.presentation
    if frame.empty:
        return []
    frame = frame.sort_values("slide", kind="stable")
    titles = i18n.pick(frame, "title", lang)
    notes = i18n.pick(frame, "notes", lang) if "notes" in frame else pd.Series("", frame.index)
    return [Slide(int(n), page, parse_view(view), title, note)
            for n, page, view, title, note in zip(frame["slide"], frame["page"],
                                                  frame["view"], titles, notes)]


def clamp(number: int, slides: list[Slide]) -> int:
    """A valid position (0-based) for a requested slide number (1-based)."""
    if not slides:
        return 0
    return max(0, min(len(slides) - 1, int(number) - 1))
