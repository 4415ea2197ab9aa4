"""The timeline page's view: the shared era and year filters, the page's own filters
(``category``, ``actor``, ``theme``, ``q``), its lanes, its zoom on one era and the event
whose card is open."""

from __future__ import annotations

from dataclasses import dataclass

from anis_viz import params, timeline
from anis_viz.chart import Chart
from anis_viz.data import Dataset

__all__ = ["Timeline"]


@dataclass(frozen=True)
class Timeline(timeline.TimelineView):
    """What the timeline page shows, in the address."""

    @classmethod
    def from_params(cls, raw: dict, ds: Dataset | None = None) -> Timeline:
        """Unknown eras are dropped when ``ds`` is given; other ids are kept (they simply
        match nothing)."""
        eras = params.ids(raw.get("era"), ds.eras["era_id"] if ds is not None else None)
        return cls(eras=eras, years=params.years(raw.get("years")),
                   categories=params.ids(raw.get("category")),
                   actors=params.ids(raw.get("actor")), themes=params.ids(raw.get("theme")),
                   q=params.text(raw.get("q")),
                   lanes=params.choice(raw.get("lanes"), timeline.LANES),
                   zoom=params.text(raw.get("zoom")), event=params.text(raw.get("event")))

    @classmethod
    def everything(cls) -> Timeline:
        """The view the assembly pack draws: every event."""
        return cls()

    def to_params(self) -> dict[str, str | None]:
        return {"era": params.ids_text(self.eras), "years": params.years_text(self.years),
                "category": params.ids_text(self.categories),
                "actor": params.ids_text(self.actors), "theme": params.ids_text(self.themes),
                "q": self.q or None,
                "lanes": None if self.lanes == timeline.LANES[0] else self.lanes,
                "zoom": self.zoom or None, "event": self.event or None}

    def charts(self, ds: Dataset, lang: str = "fr") -> list[Chart]:
        return timeline.charts(ds, lang, self)
