"""What the validator finds: a :class:`Problem` names the file, the row as a spreadsheet shows
it (the header is row 1), the column, the value and, through its translated message, what
to do. :class:`Problems` collects them with a cap, so a hostile package can't make the
server hold millions of them: past the cap, problems are only counted per kind."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from anis_viz import i18n

__all__ = ["Problem", "Problems", "problems_grouped", "problems_table"]


@dataclass(frozen=True)
class Problem:
    """One finding. ``row`` is the spreadsheet row (header = 1); ``severity`` is error,
    warning, or info (a notice: the package still loads)."""

    file: str
    code: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    params: dict = field(default_factory=dict)
    severity: str = "error"

    def message(self, lang: str = "fr") -> str:
        return i18n.t(f"problem.{self.code}", lang, value=self.value, column=self.column,
                      file=self.file, **self.params)

    def __str__(self) -> str:
        where = ":".join(str(p) for p in (self.file, self.row, self.column) if p is not None)
        return f"{where}: {self.message('en')}"


class Problems(list):
    """A list of problems that keeps at most ``cap`` of them and counts the rest per kind
    (file, code, column); :meth:`close` then adds one line per counted kind. ``deadline``
    (a ``time.monotonic()`` value) bounds the row checks: :meth:`out_of_time`."""

    def __init__(self, cap: int, seconds: float):
        super().__init__()
        self.cap = cap
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.overflow: Counter = Counter()
        self.timed_out = False

    def room(self) -> int:
        return max(0, self.cap - len(self))

    def append(self, problem: Problem) -> None:
        if len(self) < self.cap or problem.severity != "error" and len(self) < self.cap * 2:
            super().append(problem)
        else:
            self.overflow[(problem.file, problem.code, problem.column)] += 1

    def tally(self, file: str, code: str, column: str | None, n: int) -> None:
        if n > 0:
            self.overflow[(file, code, column)] += n

    def out_of_time(self) -> bool:
        if not self.timed_out and time.monotonic() > self.deadline:
            self.timed_out = True
            super().append(Problem("", "validation_timeout",
                                   params={"seconds": f"{self.seconds:g}"}))
        return self.timed_out

    def close(self) -> Problems:
        for (file, code, column), n in self.overflow.items():
            super().append(Problem(file, "more_problems", None, column, code,
                                   {"count": n, "max": self.cap}))
        self.overflow.clear()
        return self


def problems_table(problems: list[Problem], lang: str = "fr") -> pd.DataFrame:
    """Problems as a table with the columns file, row, column, value, severity, message."""
    rows = [{"file": p.file, "row": p.row, "column": p.column or "", "value": p.value or "",
             "severity": p.severity, "message": p.message(lang)} for p in problems]
    frame = pd.DataFrame(rows, columns=["file", "row", "column", "value", "severity", "message"])
    return frame.astype({"row": "Int64"})


def problems_grouped(problems: list[Problem], lang: str = "fr") -> pd.DataFrame:
    """The same problems grouped by file, column, severity and message: one line per kind of
    mistake with how many rows it touches and the first of them (hundreds of problems stay
    readable)."""
    table = problems_table(problems, lang)
    if table.empty:
        return pd.DataFrame(columns=["file", "column", "severity", "message", "count", "rows"])

    def rows(values: pd.Series) -> str:
        found = [str(v) for v in values.dropna().unique()]
        return ", ".join(found[:10]) + (" …" if len(found) > 10 else "")

    grouped = (table.groupby(["file", "column", "severity", "message"], sort=False,
                             dropna=False)["row"]
               .agg(count="size", rows=rows).reset_index())
    order = grouped["severity"].map({"error": 0}).fillna(1)
    return grouped.assign(_o=order).sort_values(["_o", "file"], kind="stable").drop(columns="_o")
