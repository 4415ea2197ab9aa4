"""The themes page's view: which chart, the families, eras and years kept, the theme of the
actors chart, and how the heatmap (``by``) and the area and flow charts (``group``) are cut.

:data:`CHARTS` is the page's list of charts: a new chart is its builder and a line here
(and its words in the catalogue).
"""

from __future__ import annotations

from dataclasses import dataclass

from anis_viz import params, themes_charts
from anis_viz.chart import Chart
from anis_viz.data import Dataset
from anis_viz.themes import ThemeView

__all__ = ["CHARTS", "SLIDE_CHARTS", "Themes"]

# offered on the page, in this order (the first is the default)
CHARTS = {"heatmap": themes_charts.heatmap, "area": themes_charts.area,
          "bump": themes_charts.bump, "flow": themes_charts.flow,
          "meetings": themes_charts.meetings, "actors": themes_charts.actors}
# drawn for the presentation deck, not offered on the page
SLIDE_CHARTS = {"rise": themes_charts.rise}
BY = ("era", "year")
GROUPS = ("family", "theme")


@dataclass(frozen=True)
class Themes(ThemeView):
    """What the themes page shows, in the address. ``chart`` "" draws every chart of the
    page (the assembly pack); the page itself always names one."""

    @classmethod
    def from_params(cls, raw: dict, ds: Dataset | None = None) -> Themes:
        chart = params.text(raw.get("chart"))
        families = params.ids(raw.get("family"), ds.themes["family"] if ds is not None else None)
        eras = params.ids(raw.get("era"), ds.eras["era_id"] if ds is not None else None)
        return cls(chart=chart if chart in CHARTS or chart in SLIDE_CHARTS else "",
                   families=families, eras=eras, years=params.years(raw.get("years")),
                   theme=params.text(raw.get("theme")), by=params.choice(raw.get("by"), BY),
                   group=params.choice(raw.get("group"), GROUPS))

    @classmethod
    def everything(cls) -> Themes:
        """The view the assembly pack draws: every chart of the page."""
        return cls()

    def to_params(self) -> dict[str, str | None]:
        return {"chart": None if self.chart in ("", next(iter(CHARTS))) else self.chart,
                "family": params.ids_text(self.families), "era": params.ids_text(self.eras),
                "years": params.years_text(self.years), "theme": self.theme or None,
                "by": None if self.by == BY[0] else self.by,
                "group": None if self.group == GROUPS[0] else self.group}

    def charts(self, ds: Dataset, lang: str = "fr") -> list[Chart]:
        every = CHARTS | SLIDE_CHARTS
        names = [self.chart] if self.chart else list(CHARTS)
        return themes_charts.charts(ds, lang, self, [(n, every[n]) for n in names])
