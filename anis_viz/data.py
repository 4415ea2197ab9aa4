"""Load and validate a data package (``datapackage.json`` + CSV files).

``load_dataset(path)`` returns a :class:`Dataset`, or raises :class:`DataValidationError`
listing every problem found, each naming the file, the row as a spreadsheet shows it (the
header is row 1), the column, the value and what to do. The rules come from the package's
own ``datapackage.json`` (Frictionless Table Schema: types, required, enum, pattern,
maxLength, primaryKey, foreignKeys) plus the contract in ``docs/DATA_CONTRACT.md``
(required files and columns, partial dates, quotes).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from anis_viz import i18n
from anis_viz.dates import parse_partial, period_end, period_start, year_of

__all__ = [
    "DEFAULT_DATA",
    "REQUIRED_COLUMNS",
    "DataValidationError",
    "problems_grouped",
    "Dataset",
    "Problem",
    "default_data_path",
    "load_dataset",
]

DEFAULT_DATA = Path(__file__).resolve().parent.parent / "data" / "anis"

# The contract: files and columns every package must have (more are allowed).
REQUIRED_COLUMNS: dict[str, list[str]] = {
    "sections": ["section_id", "title", "title_en"],
    "eras": ["era_id", "label", "label_en", "start", "end", "summary", "summary_en",
             "section_id", "quote"],
    "actors": ["actor_id", "name", "kind", "description", "description_en", "section_id",
               "quote"],
    "events": ["event_id", "start", "end", "date_precision", "era_id", "category", "title",
               "title_en", "description", "description_en", "section_id", "quote"],
    "event_actors": ["event_id", "actor_id", "role"],
    "relations": ["relation_id", "source_id", "target_id", "relation", "start", "end",
                  "section_id", "quote"],
    "themes": ["theme_id", "label", "label_en", "family"],
    "theme_mentions": ["mention_id", "theme_id", "era_id", "year", "ref_type", "ref_id",
                       "section_id", "quote"],
}
DATE_COLUMNS = {"eras": ("start", "end"), "events": ("start", "end")}  # partial ISO dates
YEAR_PAIRS = {"relations": ("start", "end")}
# ref_type -> (table, key): a theme mention points at an event, an actor or a section.
REF_TABLES = {"event": ("events", "event_id"), "actor": ("actors", "actor_id"),
              "section": ("sections", "section_id")}
QUOTE_MAX = 300
MAGIC = {b"PK\x03\x04": "file_xlsx", b"%PDF": "file_binary", b"\x89PNG": "file_binary",
         b"\xd0\xcf\x11\xe0": "file_xlsx"}


def default_data_path() -> Path:
    """The package named by ``ANIS_VIZ_DATA``, else the embedded ``data/anis``."""
    return Path(os.environ.get("ANIS_VIZ_DATA") or DEFAULT_DATA)


@dataclass(frozen=True)
class Problem:
    """One finding. ``row`` is the spreadsheet row (header = 1); ``severity`` error|warning."""

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
        if name in ("vocabulary", "presentation"):  # optional resources
            return pd.DataFrame()
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
            if res.get("name") == resource:
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
    """Read and validate the package at ``path`` (default: :func:`default_data_path`)."""
    root = Path(path) if path is not None else default_data_path()
    problems: list[Problem] = []
    files: dict[str, bytes] = {}
    descriptor = _read_descriptor(root, problems, files)
    if descriptor is None:
        raise DataValidationError(root, problems)
    resources = {r.get("name"): r for r in descriptor.get("resources", []) if isinstance(r, dict)}
    for name in REQUIRED_COLUMNS:
        if name not in resources:
            problems.append(Problem("datapackage.json", "resource_undeclared",
                                    value=name, params={"resource": name}))
    tables: dict[str, pd.DataFrame] = {}
    for name, resource in resources.items():
        frame = _read_resource(root, resource, problems, files)
        if frame is not None:
            tables[name] = _check_fields(frame, resource, problems)
    _check_keys(tables, resources, problems)
    _check_contract(tables, resources, problems)
    if any(p.severity == "error" for p in problems):
        raise DataValidationError(root, problems)
    tables = {name: _typed(frame, resources[name]) for name, frame in tables.items()}
    warnings = tuple(p for p in problems if p.severity == "warning")
    digest = hashlib.sha256()
    for name, raw in files.items():
        digest.update(name.encode() + b"\0" + raw)
    return Dataset(root, descriptor, tables, warnings, digest.hexdigest()[:16], files)


# -- reading ------------------------------------------------------------------------------

def _read_descriptor(root: Path, problems: list[Problem], files: dict) -> dict | None:
    file = root / "datapackage.json"
    if not root.is_dir():
        problems.append(Problem(str(root), "package_missing", value=str(root)))
        return None
    if not file.is_file():
        problems.append(Problem("datapackage.json", "descriptor_missing", value=str(root)))
        return None
    raw = file.read_bytes()
    files["datapackage.json"] = raw
    try:
        descriptor = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        problems.append(Problem("datapackage.json", "descriptor_invalid",
                                params={"detail": str(exc)}))
        return None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        problems.append(Problem("datapackage.json", "descriptor_invalid",
                                params={"detail": "no 'resources' list"}))
        return None
    return descriptor


def _read_resource(root: Path, resource: dict, problems: list[Problem], files: dict):
    rel = str(resource.get("path") or f"{resource.get('name')}.csv")
    if Path(rel).is_absolute() or ".." in Path(rel).parts:
        problems.append(Problem("datapackage.json", "resource_path_unsafe", value=rel))
        return None
    file = root / rel
    if not file.is_file():
        problems.append(Problem(rel, "file_missing", params={"resource": resource.get("name")}))
        return None
    raw = file.read_bytes()
    files[rel] = raw
    for magic, code in MAGIC.items():
        if raw.startswith(magic):
            problems.append(Problem(rel, code))
            return None
    if b"\x00" in raw[:8192]:
        problems.append(Problem(rel, "file_binary"))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
        problems.append(Problem(rel, "warn_cp1252", severity="warning"))
    if not text.strip():
        fields = [f["name"] for f in resource.get("schema", {}).get("fields", [])]
        problems.append(Problem(rel, "file_empty", params={"columns": ", ".join(fields)}))
        return None
    header = text.splitlines()[0]
    sep = ";" if header.count(";") > header.count(",") else ","
    if sep == ";":
        problems.append(Problem(rel, "warn_semicolon", severity="warning"))
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                            skipinitialspace=False)
    except (pd.errors.ParserError, ValueError) as exc:
        problems.append(Problem(rel, "file_malformed", params={"detail": str(exc).strip()}))
        return None
    frame.attrs["file"] = rel
    return frame


# -- checks -------------------------------------------------------------------------------

def _fields(resource: dict) -> list[dict]:
    return [f for f in resource.get("schema", {}).get("fields", []) if isinstance(f, dict)]


def _add(problems, file, code, frame, mask, column, **params):
    """Record one problem per row where ``mask`` is true (vectorised, so 50k rows stay fast)."""
    for index in frame.index[mask.to_numpy()]:
        value = frame.at[index, column] if column in frame.columns else None
        problems.append(Problem(file, code, int(index) + 2, column, value, params))


def _check_fields(frame: pd.DataFrame, resource: dict, problems: list[Problem]) -> pd.DataFrame:
    file, name = frame.attrs["file"], resource.get("name")
    frame.columns = [str(c).strip() for c in frame.columns]
    declared = [f["name"] for f in _fields(resource)]
    for column in frame.columns[frame.columns.duplicated()]:
        problems.append(Problem(file, "column_duplicate", 1, column, column))
    frame = frame.loc[:, ~frame.columns.duplicated()]
    for column in dict.fromkeys(REQUIRED_COLUMNS.get(name, []) + declared):
        if column not in frame.columns:
            problems.append(Problem(file, "column_missing", 1, column, None))
    for column in frame.columns:
        if column not in declared:
            problems.append(Problem(file, "column_extra", 1, column, column, severity="warning"))
    for spec in _fields(resource):
        column = spec["name"]
        if column not in frame.columns:
            continue
        cells = frame[column].str.strip()
        frame[column] = cells
        empty = cells == ""
        rules = spec.get("constraints", {})
        if rules.get("required"):
            _add(problems, file, "required", frame, empty, column)
        kind = spec.get("type", "string")
        if kind in ("integer", "year"):
            bad = ~empty & ~cells.str.fullmatch(r"-?\d+")
            _add(problems, file, "type_integer", frame, bad, column)
        elif kind == "number":
            bad = ~empty & pd.to_numeric(cells, errors="coerce").isna()
            _add(problems, file, "type_number", frame, bad, column)
        if "enum" in rules:
            allowed = [str(v) for v in rules["enum"]]
            bad = ~empty & ~cells.isin(allowed)
            _add(problems, file, "enum", frame, bad, column, allowed=", ".join(allowed))
        if "pattern" in rules and name not in DATE_COLUMNS:
            bad = ~empty & ~cells.str.fullmatch(rules["pattern"])
            code = "id_invalid" if column.endswith("_id") else "pattern"
            _add(problems, file, code, frame, bad, column, pattern=rules["pattern"])
        if "maxLength" in rules and column != "quote":
            lengths = cells.str.len()
            _add(problems, file, "max_length", frame, lengths > rules["maxLength"], column,
                 max=rules["maxLength"])
    return frame


def _as_list(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value or [])


def _member(cells: pd.Series, allowed: pd.Series) -> pd.Series:
    """``cells.isin(allowed)`` through a hash index: ten times faster than ``isin`` on
    pandas' Arrow-backed strings, which loops in Python (20k foreign keys: 4 ms, not 40)."""
    found = pd.Index(pd.unique(allowed.to_numpy(dtype=object))).get_indexer(
        cells.to_numpy(dtype=object)) >= 0
    return pd.Series(found, index=cells.index)


def _check_keys(tables: dict, resources: dict, problems: list[Problem]) -> None:
    for name, frame in tables.items():
        file, schema = frame.attrs["file"], resources[name].get("schema", {})
        keys = [k for k in _as_list(schema.get("primaryKey")) if k in frame.columns]
        if keys:
            dup = frame.duplicated(keys, keep=False) & (frame[keys] != "").all(axis=1)
            first = frame[dup].groupby(keys, sort=False).head(1)
            first_row = {tuple(r): i + 2 for i, r in zip(first.index, first[keys].to_numpy())}
            later = frame.duplicated(keys, keep="first") & dup
            for index in frame.index[later.to_numpy()]:
                key = tuple(frame.loc[index, keys])
                problems.append(Problem(file, "duplicate_key", int(index) + 2, keys[0],
                                        "/".join(key), {"first_row": first_row[key]}))
        for fk in schema.get("foreignKeys", []):
            columns = _as_list(fk.get("fields"))
            target = fk.get("reference", {}).get("resource") or name
            target_cols = _as_list(fk.get("reference", {}).get("fields"))
            ref = tables.get(target)
            if ref is None or not all(c in frame.columns for c in columns) \
                    or not all(c in ref.columns for c in target_cols):
                continue
            if len(columns) == 1:  # the usual case, vectorised: 20k rows in milliseconds
                cells = frame[columns[0]]
                bad = (cells != "") & ~_member(cells, ref[target_cols[0]])
            else:
                known = set(map(tuple, ref[target_cols].to_numpy()))
                values = list(map(tuple, frame[columns].to_numpy()))
                bad = pd.Series([all(v) and v not in known for v in values], index=frame.index)
            _add(problems, file, "foreign_key", frame, bad, columns[0],
                 ref_file=ref.attrs["file"], ref_column=target_cols[0])


def _check_contract(tables: dict, resources: dict, problems: list[Problem]) -> None:
    for name, (start_col, end_col) in DATE_COLUMNS.items():
        frame = tables.get(name)
        if frame is None or start_col not in frame.columns:
            continue
        file = frame.attrs["file"]
        for column in (start_col, end_col):
            if column in frame.columns:
                bad = _map_unique(frame[column], lambda v: bool(v) and parse_partial(v) is None)
                _add(problems, file, "date_invalid", frame, bad, column)
        if end_col in frame.columns:
            backwards = (_map_unique(frame[end_col], period_end)
                         < _map_unique(frame[start_col], period_start))
            _add_backwards(problems, frame, backwards, start_col, end_col)
    for name, (start_col, end_col) in YEAR_PAIRS.items():
        frame = tables.get(name)
        if frame is None or not {start_col, end_col} <= set(frame.columns):
            continue
        starts = pd.to_numeric(frame[start_col], errors="coerce")
        backwards = pd.to_numeric(frame[end_col], errors="coerce") < starts
        _add_backwards(problems, frame, backwards, start_col, end_col)
    for frame in tables.values():
        if "quote" not in frame.columns:
            continue
        file, quotes = frame.attrs["file"], frame["quote"]
        _add(problems, file, "quote_empty", frame, quotes == "", "quote")
        lengths = quotes.str.len()
        for index in frame.index[(lengths > QUOTE_MAX).to_numpy()]:
            problems.append(Problem(file, "quote_too_long", int(index) + 2, "quote",
                                    quotes[index][:80] + "…",
                                    {"length": int(lengths[index]), "max": QUOTE_MAX}))
    _check_refs(tables, problems)
    _check_vocabulary(tables, resources, problems)


def _add_backwards(problems, frame, mask, start_col, end_col) -> None:
    for index in frame.index[mask.fillna(False).to_numpy(dtype=bool)]:
        problems.append(Problem(frame.attrs["file"], "end_before_start", int(index) + 2,
                                end_col, frame.at[index, end_col],
                                {"start": frame.at[index, start_col]}))


def _check_refs(tables: dict, problems: list[Problem]) -> None:
    """A mention's ``ref_id`` must name a row of the table its ``ref_type`` points at."""
    mentions = tables.get("theme_mentions")
    if mentions is None or not {"ref_type", "ref_id"} <= set(mentions.columns):
        return
    for ref_type, (table, key) in REF_TABLES.items():
        ref = tables.get(table)
        if ref is None or key not in ref.columns:
            continue
        rows = (mentions["ref_type"] == ref_type) & (mentions["ref_id"] != "")
        bad = rows & ~_member(mentions["ref_id"], ref[key])
        _add(problems, mentions.attrs["file"], "ref_invalid", mentions, bad, "ref_id",
             ref_type=ref_type, ref_file=ref.attrs["file"])


def _check_vocabulary(tables: dict, resources: dict, problems: list[Problem]) -> None:
    """Warn when a coded value has no display label in vocabulary.csv."""
    voc = tables.get("vocabulary")
    if voc is None or not {"vocabulary", "code"} <= set(voc.columns):
        return
    known = set(zip(voc["vocabulary"], voc["code"], strict=True))
    coded = set(voc["vocabulary"])  # the columns that take their labels from vocabulary.csv
    for name, frame in tables.items():
        if name == "vocabulary":
            continue
        for spec in _fields(resources[name]):
            column = spec["name"]
            if column not in coded or column not in frame.columns:
                continue
            for code in sorted(set(frame[column]) - {""}):
                if (column, code) not in known:
                    problems.append(Problem(voc.attrs["file"], "warn_unlabelled", None,
                                            column, code, severity="warning"))


def _map_unique(cells: pd.Series, func) -> pd.Series:
    """``cells.map(func)``, calling ``func`` once per distinct value: dates repeat a lot
    (10k events share a few thousand dates), and parsing is the slow part."""
    codes, uniques = pd.factorize(cells, use_na_sentinel=False)
    mapped = pd.Series(uniques).map(func)  # same dtype inference as ``cells.map``
    return pd.Series(mapped.to_numpy()[codes], index=cells.index, dtype=mapped.dtype)


def _typed(frame: pd.DataFrame, resource: dict) -> pd.DataFrame:
    frame = frame.copy()
    for spec in _fields(resource):
        column = spec["name"]
        if column in frame.columns and spec.get("type") in ("integer", "year"):
            frame[column] = pd.to_numeric(frame[column].replace("", None)).astype("Int64")
        elif column in frame.columns and spec.get("type") == "number":
            frame[column] = pd.to_numeric(frame[column].replace("", None))
    if resource.get("name") in DATE_COLUMNS:
        frame["start_year"] = _map_unique(frame["start"], year_of).astype("Int64")
        frame["end_year"] = _map_unique(frame["end"], year_of).astype("Int64")
        frame["start_date"] = _map_unique(frame["start"], period_start)
        frame["end_date"] = _map_unique(frame["end"], period_end)
    return frame

