"""Load a data package (``datapackage.json`` + CSV files) into a :class:`Dataset`.

``load_dataset(path)`` validates the package (:mod:`anis_viz.validate`, against its own
``datapackage.json`` and the contract of :mod:`anis_viz.contract`) and returns a
:class:`Dataset`, or raises :class:`DataValidationError` listing every problem found, each
naming the file, the row as a spreadsheet shows it (the header is row 1), the column, the
value and what to do. A loaded dataset always holds every table and column of the contract:
what the package leaves out takes the contract's fallback, here, once.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from anis_viz import contract, i18n
from anis_viz.dates import period_end, period_start, year_of
from anis_viz.problems import Problem, problems_grouped, problems_table
from anis_viz.validate import check_package, map_unique

__all__ = [
    "DEFAULT_DATA",
    "REQUIRED_COLUMNS",
    "DataValidationError",
    "complete",
    "problems_grouped",
    "problems_table",
    "Dataset",
    "Problem",
    "default_data_path",
    "load_dataset",
]

DEFAULT_DATA = Path(__file__).resolve().parent.parent / "data" / "anis"

# The files and columns every package must have (more are allowed), from the contract.
REQUIRED_COLUMNS: dict[str, list[str]] = {t.name: t.required for t in contract.TABLES
                                          if not t.optional}
DATE_TABLES = ("eras", "events")  # partial ISO dates: derived years and days


def default_data_path() -> Path:
    """The package named by ``ANIS_VIZ_DATA``, else the embedded ``data/anis``."""
    return Path(os.environ.get("ANIS_VIZ_DATA") or DEFAULT_DATA)


class DataValidationError(Exception):
    """Raised with every problem of a package at once."""

    def __init__(self, path: Path, problems: list[Problem]):
        self.path = Path(path)
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        lines = "\n".join(f"  {p}" for p in errors[:50])
        more = f"\n  … and {len(errors) - 50} more" if len(errors) > 50 else ""
        super().__init__(f"{len(errors)} problem(s) in {path}:\n{lines}{more}")

    def report(self, lang: str = "fr") -> pd.DataFrame:
        return problems_table(self.problems, lang)


@dataclass(frozen=True, eq=False)
class Dataset:
    """A validated package: one DataFrame per resource, keyed by resource name.

    Cells are strings ('' when empty) except integer fields (nullable ``Int64``). Eras and
    events also carry ``start_year``/``end_year`` and ``start_date``/``end_date`` (first and
    last day of the periods their partial dates name).
    """

    path: Path
    descriptor: dict
    tables: dict[str, pd.DataFrame]
    warnings: tuple[Problem, ...] = ()
    content_hash: str = ""
    # The bytes of every file as read (datapackage.json and each resource), so a package
    # can be exported again once its folder is gone (an upload's temporary folder).
    files: dict[str, bytes] = field(default_factory=dict, repr=False)
    _labels: dict = field(default_factory=dict, repr=False)  # (vocabulary, lang) -> labels

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        if name in contract.BY_NAME:  # an optional table of a dataset built in memory
            return pd.DataFrame(columns=[c.name for c in contract.table(name).columns])
        raise AttributeError(name)

    @property
    def title(self) -> str:
        return self.descriptor.get("title", self.path.name)

    def title_in(self, lang: str = "fr") -> str:
        """The package's title in ``lang`` (``title_en`` in English when given)."""
        return (lang == "en" and self.descriptor.get("title_en")) or self.title

    @property
    def version(self) -> str:
        return str(self.descriptor.get("version", ""))

    @property
    def source(self) -> dict:
        sources = self.descriptor.get("sources") or [{}]
        return sources[0]

    def file_of(self, resource: str) -> str:
        """The CSV file name of a resource, as the package declares it."""
        for res in self.descriptor.get("resources", []):
            if isinstance(res, dict) and res.get("name") == resource:
                return str(res.get("path") or f"{resource}.csv")
        return f"{resource}.csv"

    def _labels_of(self, vocabulary: str, lang: str) -> dict[str, str]:
        # Computed once per vocabulary and language: pages call ``label`` once per row, and
        # filtering the vocabulary table each time cost seconds at 10k rows.
        key = (vocabulary, lang)
        if key not in self._labels:
            voc = self.vocabulary
            rows = voc[voc["vocabulary"] == vocabulary] if not voc.empty else voc
            self._labels[key] = ({} if voc.empty else
                                 dict(zip(rows["code"], i18n.pick(rows, "label", lang),
                                          strict=True)))
        return self._labels[key]

    def labels(self, vocabulary: str, lang: str = "fr") -> dict[str, str]:
        """Display labels of one coded vocabulary (kind, relation, …) in ``lang``."""
        return dict(self._labels_of(vocabulary, lang))

    def label(self, vocabulary: str, code: str, lang: str = "fr") -> str:
        return self._labels_of(vocabulary, lang).get(code) or str(code).replace("_", " ")


def load_dataset(path: str | Path | None = None) -> Dataset:
    """Read and validate the package at ``path`` (default: :func:`default_data_path`), then
    complete it (:func:`complete`)."""
    root = Path(path) if path is not None else default_data_path()
    found = check_package(root)
    problems = found.problems
    if found.descriptor is None or any(p.severity == "error" for p in problems):
        raise DataValidationError(root, list(problems))
    types = {name: {f["name"]: f["type"] for f in res["schema"]["fields"]}
             for name, res in found.resources.items()}
    tables = complete({name: _typed(frame, name, types[name])
                       for name, frame in found.tables.items()})
    warnings = tuple(p for p in problems if p.severity != "error")
    digest = hashlib.sha256()
    for name, raw in found.files.items():
        digest.update(name.encode() + b"\0" + raw)
    return Dataset(root, found.descriptor, tables, warnings, digest.hexdigest()[:16],
                   found.files)


def complete(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """``tables`` with every table and column of the contract. A column left out takes its
    fallback (a column that copies another also fills its own empty cells from it); an
    optional table left out takes its fallback table (the built-in labels of the codes the
    package uses, or no rows)."""
    out = dict(tables)
    for spec in contract.TABLES:
        frame = out.get(spec.name)
        if frame is None and not spec.optional:
            continue
        if frame is None:
            rows = []
            if spec.fallback == "labels":
                used = {c.codes: list(out[t.name][c.name].astype(str))
                        for t in contract.TABLES for c in t.columns
                        if c.codes and t.name in out and c.name in out[t.name]}
                rows = contract.fallback_vocabulary(used)
            frame = pd.DataFrame(rows, columns=[c.name for c in spec.columns]).fillna("")
            frame = _typed(frame.astype(str), spec.name, {c.name: c.type for c in spec.columns})
        else:
            frame = frame.copy()
        for column in spec.columns:
            if column.copy is not None:
                source = frame[column.copy].astype(str)
                if column.name in frame.columns:
                    own = frame[column.name].astype(str)
                    frame[column.name] = own.where(own.str.strip() != "", source)
                else:
                    frame[column.name] = source
            elif column.name not in frame.columns and column.derive == "era":
                frame[column.name] = _era_of(frame, out["eras"])
            elif column.name not in frame.columns:
                frame[column.name] = _fallback(column, frame.index)
            elif column.default:  # an empty cell means the default (status: attested)
                own = frame[column.name].astype(str)
                frame[column.name] = own.where(own.str.strip() != "", column.default)
        out[spec.name] = frame
    return out


def _era_of(rows: pd.DataFrame, eras: pd.DataFrame) -> pd.Series:
    """The era whose dates hold each row's ``start`` ('' when none does; the later era when
    two do). An era without an end runs until the next one starts; a start given as a year
    (2001) is inside an era starting in July 2001."""
    out = pd.Series([""] * len(rows), index=rows.index, dtype=object)
    if rows.empty or eras.empty:
        return out.astype(str)
    eras = eras.sort_values("start_date", kind="stable")
    until = eras["end_date"].fillna(eras["start_date"].shift(-1))
    latest = map_unique(rows["start"], period_end)
    for era_id, start, end in zip(eras["era_id"], eras["start_date"], until, strict=True):
        inside = (latest >= start) & ((rows["start_date"] <= end) if pd.notna(end) else True)
        out[inside.fillna(False).to_numpy(dtype=bool)] = era_id
    return out.astype(str)


def _fallback(column: contract.Column, index: pd.Index) -> pd.Series:
    if column.type in ("integer", "year"):
        value = int(column.default) if column.default else pd.NA
        return pd.Series(value, index=index, dtype="Int64")
    return pd.Series([column.default or ""] * len(index), index=index, dtype=object).astype(str)


def _typed(frame: pd.DataFrame, name: str, types: dict[str, str]) -> pd.DataFrame:
    frame = frame.copy()
    for column, kind in types.items():
        if column in frame.columns and kind in ("integer", "year"):
            frame[column] = pd.to_numeric(frame[column].replace("", None)).astype("Int64")
        elif column in frame.columns and kind == "number":
            frame[column] = pd.to_numeric(frame[column].replace("", None))
    if name in DATE_TABLES:
        end = frame["end"] if "end" in frame.columns else pd.Series("", frame.index, dtype=str)
        frame["start_year"] = map_unique(frame["start"], year_of).astype("Int64")
        frame["end_year"] = map_unique(end, year_of).astype("Int64")
        frame["start_date"] = map_unique(frame["start"], period_start)
        frame["end_date"] = map_unique(end, period_end)
    return frame

