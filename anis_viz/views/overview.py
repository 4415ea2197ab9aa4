"""The overview page's view: it has no state of its own (the shared filters do not change
its chart)."""

from __future__ import annotations

from dataclasses import dataclass

from anis_viz import charts as overview_chart
from anis_viz.chart import Chart
from anis_viz.data import Dataset

__all__ = ["Overview"]


@dataclass(frozen=True)
class Overview:
    """The overview: actors by kind."""

    @classmethod
    def from_params(cls, params: dict, ds: Dataset | None = None) -> Overview:
        return cls()

    @classmethod
    def everything(cls) -> Overview:
        """The view the assembly pack draws."""
        return cls()

    def to_params(self) -> dict[str, str]:
        return {}

    def charts(self, ds: Dataset, lang: str = "fr") -> list[Chart]:
        return overview_chart.overview_charts(ds, lang)
