"""The network page's view: the shared era and year filters, one year, two eras compared,
an actor in focus with its depth, what sizes and colours the actors, whether events are
drawn as ties, and the open tie card. ``chart`` names one of the charts of the network over
the years instead (``play``, ``measures``, ``actor``: a slide can play the network)."""

from __future__ import annotations

from dataclasses import dataclass, fields

from anis_viz import network, network_time_view, network_view, params
from anis_viz.chart import Chart
from anis_viz.data import Dataset
from anis_viz.filters import year_bounds

__all__ = ["Network", "OVER_TIME"]

OVER_TIME = ("play", "measures", "actor")  # the charts of the network over the years


@dataclass(frozen=True)
class Network(network_view.View):
    """What the network page shows, in the address."""

    tie: str = ""
    chart: str = ""

    @classmethod
    def from_params(cls, raw: dict, ds: Dataset | None = None) -> Network:
        """Eras, actors and a year outside the data are dropped when ``ds`` is given."""
        known = ds.eras["era_id"] if ds is not None else None
        eras, compare = params.ids(raw.get("era"), known), params.ids(raw.get("compare"), known)
        actor, year = params.text(raw.get("actor")), params.integer(raw.get("year"))
        if ds is not None:
            actor = actor if actor in set(ds.actors["actor_id"]) else ""
            first, last = year_bounds(ds)
            last = max(last, first + 1)  # the page's slider has two ends
            year = year if year is not None and first <= year <= last else None
        chart = params.text(raw.get("chart"))
        return cls(eras=eras, years=params.years(raw.get("years")), year=year,
                   compare=compare[:2] if len(compare) >= 2 else None, actor=actor,
                   depth=params.integer(raw.get("depth"), 1, low=1, high=3) if actor else 1,
                   size=params.choice(raw.get("size"), network.SIZES),
                   colour=params.choice(raw.get("colour"), network.COLOURS),
                   events=params.flag(raw.get("events")), tie=params.text(raw.get("tie")),
                   chart=chart if chart in OVER_TIME else "")

    @classmethod
    def everything(cls) -> Network:
        """The view the assembly pack draws: the whole network."""
        return cls()

    def to_params(self) -> dict[str, str | None]:
        return {"era": params.ids_text(self.eras), "years": params.years_text(self.years),
                "year": None if self.year is None else str(self.year),
                "compare": params.ids_text(self.compare or ()), "actor": self.actor or None,
                "depth": str(self.depth) if self.actor and self.depth != 1 else None,
                "size": None if self.size == network.SIZES[0] else self.size,
                "colour": None if self.colour == network.COLOURS[0] else self.colour,
                "events": params.flag_text(self.events), "tie": self.tie or None,
                "chart": self.chart or None}

    def shown(self) -> network_view.View:
        """The network this view draws (the tie card and chart choice set aside)."""
        return network_view.View(**{f.name: getattr(self, f.name)
                                    for f in fields(network_view.View)})

    def charts(self, ds: Dataset, lang: str = "fr") -> list[Chart]:
        if self.chart == "play":
            return [network_time_view.play_chart(ds, lang, self.year)]
        if self.chart == "measures":
            return [network_time_view.measures_chart(ds, lang)]
        if self.chart == "actor":  # by default the most connected actor
            actor = self.actor or network_time_view.central_actor(ds)
            return [network_time_view.actor_chart(ds, actor, lang)] if actor else []
        return [network_view.chart_of(network_view.cached(ds, lang, self.shown()), lang)]
