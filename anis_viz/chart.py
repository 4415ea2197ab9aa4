"""A chart as a plain value: what the transforms return and the exports, pages and slides
consume. It sits below all of them (it imports nothing of the package)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

__all__ = ["Chart"]


@dataclass(frozen=True)
class Chart:
    """A chart ready to show or export: the figure, the exact data behind it, and its words.

    >>> Chart(slug="frise", figure=go.Figure(), data=pd.DataFrame(), title="Frise").alt
    ''
    """

    slug: str                 # what is inside, for file names: "chronologie"
    figure: go.Figure
    data: pd.DataFrame
    title: str
    subtitle: str = ""        # the active filters, in words
    alt: str = ""             # text alternative, generated from the data
    span: str = ""            # years covered, for file names: "2011-2017"
    quotes: pd.DataFrame = field(default_factory=pd.DataFrame)  # quote, section_id
