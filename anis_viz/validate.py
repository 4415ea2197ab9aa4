"""The validator: read a package folder and check it against what its ``datapackage.json``
declares and what the contract (:mod:`anis_viz.contract`) requires.

The descriptor is read by :mod:`anis_viz.descriptor` (resources found the way Frictionless
finds them, v1 and v2, a folder of CSV files described from the contract, a malformed
descriptor reported, never raised). Then each file, field by field: ``required``, type,
``enum``, ``pattern``, ``minLength``/``maxLength``, ``minimum``/``maximum``, ``unique``; then
primary and foreign keys, and the contract's own rules (partial dates, an end never before
its start, a mention's reference, labels in the vocabulary). Work is bounded: rows per
table, cells per package, problems listed one by one, seconds of checks.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from anis_viz import contract
from anis_viz.dates import parse_partial, period_end, period_start
from anis_viz.descriptor import DESCRIPTOR, read_descriptor, resources
from anis_viz.problems import Problem, Problems

__all__ = ["Checked", "check_package", "map_unique"]

MAGIC = {b"PK\x03\x04": "file_xlsx", b"%PDF": "file_binary", b"\x89PNG": "file_binary",
         b"\xd0\xcf\x11\xe0": "file_xlsx"}
NUMERIC = {"integer", "year", "number"}
DATE_TABLES = ("eras", "events")  # start/end are partial ISO dates
YEAR_PAIRS = ("relations",)  # start/end are years
# ref_type -> (table, key): a theme mention points at an event, an actor or a section.
REF_TABLES = {"event": ("events", "event_id"), "actor": ("actors", "actor_id"),
              "section": ("sections", "section_id")}


@dataclass
class Checked:
    """What :func:`check_package` read: the descriptor with its resources named as the
    contract names them, the string tables, the bytes of every file, the problems."""

    root: Path
    problems: Problems
    descriptor: dict | None = None
    resources: dict[str, dict] = field(default_factory=dict)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    bad_pattern: dict[str, dict[str, pd.Series]] = field(default_factory=dict)


def check_package(root: Path) -> Checked:
    """Read and check the package in ``root``; every problem lands in ``.problems``."""
    found = Checked(Path(root), Problems(contract.MAX_PROBLEMS, contract.VALIDATION_SECONDS))
    problems = found.problems
    found.descriptor = read_descriptor(found.root, problems, found.files)
    if found.descriptor is None:
        return found
    found.resources = resources(found.descriptor, problems)
    found.descriptor = {**{k: v for k, v in found.descriptor.items() if k != "resources"},
                        "resources": list(found.resources.values())}
    cells = 0
    for name, resource in found.resources.items():
        frame = _read_resource(found, resource)
        if frame is None:
            continue
        cells += frame.size
        if cells > contract.MAX_CELLS:
            problems.append(Problem(frame.attrs["file"], "too_many_cells",
                                    params={"max": f"{contract.MAX_CELLS:,}".replace(",", " ")}))
            found.tables = {}
            return found
        found.bad_pattern[name] = {}
        found.tables[name] = _check_fields(frame, resource, problems, found.bad_pattern[name])
    _check_keys(found.tables, found.resources, problems)
    _check_contract(found, problems)
    problems.close()
    return found


# -- reading the files ------------------------------------------------------------------------

def _read_resource(found: Checked, resource: dict) -> pd.DataFrame | None:
    root, problems, rel = found.root, found.problems, resource["path"]
    if Path(rel).is_absolute() or ".." in Path(rel).parts or "://" in rel:
        problems.append(Problem(DESCRIPTOR, "resource_path_unsafe", value=rel))
        return None
    file = root / rel
    if not file.is_file():
        problems.append(Problem(rel, "file_missing", params={"resource": resource["name"]}))
        return None
    raw = file.read_bytes()
    found.files[rel] = raw
    for magic, code in MAGIC.items():
        if raw.startswith(magic):
            problems.append(Problem(rel, code))
            return None
    if b"\x00" in raw[:8192]:
        problems.append(Problem(rel, "file_binary"))
        return None
    limit = f"{contract.MAX_ROWS:,}".replace(",", " ")
    if raw.count(b"\n") > 2 * contract.MAX_ROWS:  # refused before parsing
        problems.append(Problem(rel, "too_many_rows", params={"rows": raw.count(b"\n"),
                                                              "max": limit}))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
        problems.append(Problem(rel, "warn_cp1252", severity="warning"))
    if not text.strip():
        columns = ", ".join(f["name"] for f in resource["schema"]["fields"])
        problems.append(Problem(rel, "file_empty", params={"columns": columns}))
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
    if len(frame) > contract.MAX_ROWS:
        problems.append(Problem(rel, "too_many_rows", params={"rows": len(frame), "max": limit}))
        return None
    frame.attrs["file"] = rel
    return frame


# -- checks ------------------------------------------------------------------------------------

def _add(problems: Problems, file, code, frame, mask, column, **params) -> None:
    """One problem per row where ``mask`` is true, while there is room; then only counted."""
    hits = frame.index[mask.fillna(False).to_numpy(dtype=bool)]
    room = problems.room()
    for index in hits[:room]:
        value = frame.at[index, column] if column in frame.columns else None
        problems.append(Problem(file, code, int(index) + 2, column, value, params))
    problems.tally(file, code, column, len(hits) - min(room, len(hits)))


def _matches(cells: pd.Series, pattern: str) -> pd.Series:
    """Cells that match ``pattern`` in full: RE2 (linear time, so a hostile pattern can't
    hang the server) when it reads the pattern, else Python's ``re`` once per distinct value."""
    values = pa.array(cells.to_numpy(dtype=object), pa.string())
    try:
        found = pc.match_substring_regex(values, f"^(?:{pattern})$")
        return pd.Series(found.to_numpy(zero_copy_only=False), index=cells.index, dtype=bool)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        regex = re.compile(pattern)
        return map_unique(cells, lambda v: regex.fullmatch(v) is not None).astype(bool)


def _check_fields(frame: pd.DataFrame, resource: dict, problems: Problems,
                  bad_pattern: dict) -> pd.DataFrame:
    file, name = frame.attrs["file"], resource["name"]
    spec = contract.table(name)
    frame.columns = [str(c).strip() for c in frame.columns]
    for column in frame.columns[frame.columns.duplicated()]:
        problems.append(Problem(file, "column_duplicate", 1, column, column))
    frame = frame.loc[:, ~frame.columns.duplicated()]
    fields = resource["schema"]["fields"]
    declared = {f["name"] for f in fields}
    # Contract columns the file holds but the descriptor forgot are checked by the contract.
    fields += [{"name": c.name, "type": c.type, "constraints": c.rules()}
               for c in spec.columns if c.name in frame.columns and c.name not in declared]
    optional = {c.name for c in spec.columns if c.optional}
    for column in dict.fromkeys(spec.required + [f["name"] for f in fields]):
        if column in frame.columns:
            continue
        if column in optional:
            problems.append(Problem(file, "column_left_out", 1, column, None,
                                    {"fallback": spec.column(column).fallback_text()},
                                    severity="warning"))
        else:
            problems.append(Problem(file, "column_missing", 1, column, None))
    known = {f["name"] for f in fields}
    for column in frame.columns:
        if column not in known:
            problems.append(Problem(file, "column_extra", 1, column, column, severity="warning"))
    for spec_field in fields:
        column = spec_field["name"]
        if column not in frame.columns or problems.out_of_time():
            continue
        cells = frame[column].str.strip()
        frame[column] = cells
        empty = cells == ""
        rules = spec_field["constraints"]
        if rules.get("required"):
            _add(problems, file, "quote_empty" if column == "quote" else "required", frame,
                 empty, column)
        kind = spec_field["type"]
        numbers = None
        if kind in ("integer", "year"):
            bad = ~empty & ~cells.str.fullmatch(r"-?\d+")
            _add(problems, file, "type_integer", frame, bad, column)
            numbers = pd.to_numeric(cells.where(~bad & ~empty), errors="coerce")
        elif kind == "number":
            numbers = pd.to_numeric(cells.where(~empty), errors="coerce")
            _add(problems, file, "type_number", frame, ~empty & numbers.isna(), column)
        if "enum" in rules:
            allowed = [str(v) for v in rules["enum"]]
            bad = ~empty & ~cells.isin(allowed)
            _add(problems, file, "enum", frame, bad, column, allowed=", ".join(allowed))
        if "pattern" in rules:
            bad = ~empty & ~_matches(cells, rules["pattern"])
            bad_pattern[column] = bad
            code = ("id_invalid" if column.endswith("_id") else "date_invalid"
                    if name in DATE_TABLES and column in ("start", "end") else "pattern")
            _add(problems, file, code, frame, bad, column, pattern=rules["pattern"])
        lengths = cells.str.len()
        if "maxLength" in rules:
            too_long = lengths > rules["maxLength"]
            if column == "quote":
                for index in frame.index[too_long.to_numpy(dtype=bool)][:problems.room()]:
                    problems.append(Problem(file, "quote_too_long", int(index) + 2, "quote",
                                            cells[index][:80] + "…",
                                            {"length": int(lengths[index]),
                                             "max": rules["maxLength"]}))
                problems.tally(file, "quote_too_long", column,
                               max(0, int(too_long.sum()) - problems.room()))
            else:
                _add(problems, file, "max_length", frame, too_long, column,
                     max=rules["maxLength"])
        if "minLength" in rules:
            _add(problems, file, "min_length", frame, ~empty & (lengths < rules["minLength"]),
                 column, min=rules["minLength"])
        if numbers is not None and "minimum" in rules:
            _add(problems, file, "minimum", frame, numbers < rules["minimum"], column,
                 minimum=rules["minimum"])
        if numbers is not None and "maximum" in rules:
            _add(problems, file, "maximum", frame, numbers > rules["maximum"], column,
                 maximum=rules["maximum"])
        if rules.get("unique"):
            _add_duplicates(problems, frame, [column], "unique")
    return frame


def _add_duplicates(problems: Problems, frame: pd.DataFrame, keys: list[str], code: str):
    file = frame.attrs["file"]
    dup = frame.duplicated(keys, keep=False) & (frame[keys] != "").all(axis=1)
    if not dup.any():
        return
    first = frame[dup].groupby(keys, sort=False).head(1)
    first_row = {tuple(r): i + 2 for i, r in zip(first.index, first[keys].to_numpy())}
    later = frame.index[(frame.duplicated(keys, keep="first") & dup).to_numpy()]
    for index in later[:problems.room()]:
        key = tuple(frame.loc[index, keys])
        problems.append(Problem(file, code, int(index) + 2, keys[0], "/".join(key),
                                {"first_row": first_row[key]}))
    problems.tally(file, code, keys[0], len(later) - min(len(later), problems.room()))


def _member(cells: pd.Series, allowed: pd.Series) -> pd.Series:
    """``cells.isin(allowed)`` through a hash index: ten times faster than ``isin`` on
    pandas' Arrow-backed strings, which loops in Python (20k foreign keys: 4 ms, not 40)."""
    found = pd.Index(pd.unique(allowed.to_numpy(dtype=object))).get_indexer(
        cells.to_numpy(dtype=object)) >= 0
    return pd.Series(found, index=cells.index)


def _check_keys(tables: dict, resources: dict, problems: Problems) -> None:
    for name, frame in tables.items():
        if problems.out_of_time():
            return
        schema = resources[name]["schema"]
        keys = [k for k in schema["primaryKey"] if k in frame.columns]
        if keys and len(keys) == len(schema["primaryKey"]):
            _add_duplicates(problems, frame, keys, "duplicate_key")
        for fk in schema["foreignKeys"]:
            columns, target_cols = fk["fields"], fk["reference"]["fields"]
            ref = tables.get(fk["reference"]["resource"])
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
            _add(problems, frame.attrs["file"], "foreign_key", frame, bad, columns[0],
                 ref_file=ref.attrs["file"], ref_column=target_cols[0])


def _check_contract(found: Checked, problems: Problems) -> None:
    tables, resources = found.tables, found.resources
    if problems.out_of_time():
        return
    for name in DATE_TABLES:
        frame = tables.get(name)
        if frame is None or "start" not in frame.columns:
            continue
        file = frame.attrs["file"]
        for column in ("start", "end"):
            if column in frame.columns:
                bad = map_unique(frame[column],
                                 lambda v: v != "" and parse_partial(v) is None).astype(bool)
                already = found.bad_pattern[name].get(column)
                _add(problems, file, "date_invalid", frame,
                     bad if already is None else bad & ~already, column)
        if "end" in frame.columns:
            backwards = (map_unique(frame["end"], period_end)
                         < map_unique(frame["start"], period_start))
            _add_backwards(problems, frame, backwards)
    for name in YEAR_PAIRS:
        frame = tables.get(name)
        if frame is None or not {"start", "end"} <= set(frame.columns):
            continue
        starts = pd.to_numeric(frame["start"], errors="coerce")
        _add_backwards(problems, frame, pd.to_numeric(frame["end"], errors="coerce") < starts)
    _check_refs(tables, problems)
    _check_vocabulary(tables, resources, problems)


def _add_backwards(problems: Problems, frame: pd.DataFrame, mask: pd.Series) -> None:
    for index in frame.index[mask.fillna(False).to_numpy(dtype=bool)][:problems.room()]:
        problems.append(Problem(frame.attrs["file"], "end_before_start", int(index) + 2,
                                "end", frame.at[index, "end"],
                                {"start": frame.at[index, "start"]}))


def _check_refs(tables: dict, problems: Problems) -> None:
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


def _check_vocabulary(tables: dict, resources: dict, problems: Problems) -> None:
    """Warn when a coded value has no display label in vocabulary.csv."""
    voc = tables.get("vocabulary")
    if voc is None or not {"vocabulary", "code"} <= set(voc.columns):
        return
    known = set(zip(voc["vocabulary"], voc["code"], strict=True))
    coded = set(voc["vocabulary"])  # the columns that take their labels from vocabulary.csv
    for name, frame in tables.items():
        if name == "vocabulary":
            continue
        for spec in resources[name]["schema"]["fields"]:
            column = spec["name"]
            if column not in coded or column not in frame.columns:
                continue
            for code in sorted(set(frame[column]) - {""})[:100]:
                if (column, code) not in known:
                    problems.append(Problem(voc.attrs["file"], "warn_unlabelled", None,
                                            column, code, severity="warning"))


def map_unique(cells: pd.Series, func) -> pd.Series:
    """``cells.map(func)``, calling ``func`` once per distinct value: dates repeat a lot
    (10k events share a few thousand dates), and parsing is the slow part."""
    codes, uniques = pd.factorize(cells, use_na_sentinel=False)
    mapped = pd.Series(uniques).map(func)  # same dtype inference as ``cells.map``
    return pd.Series(mapped.to_numpy()[codes], index=cells.index, dtype=mapped.dtype)
