"""Reading a package's ``datapackage.json`` leniently: resources are matched to the
contract's tables the way Frictionless matches them (by ``path`` or by name, ``-`` and ``_``
alike), v1 (``profile``) and v2 (``$schema``) descriptors alike, and every malformed part (a
wrong type for ``schema``, ``fields``, ``path``, a constraint, a key; a field with no name; a
regular expression that does not compile) becomes a problem naming the file and what to do.
What comes out is clean: ``{"name", "path", "schema": {"fields", "primaryKey",
"foreignKeys"}}`` with the contract's constraints under the package's own."""

from __future__ import annotations

import json
import re
from pathlib import Path

from anis_viz import contract
from anis_viz.problems import Problem, Problems

__all__ = ["DESCRIPTOR", "read_descriptor", "resources"]

DESCRIPTOR = "datapackage.json"
TYPES = {"string", "integer", "number", "year", "boolean", "date", "datetime", "time",
         "yearmonth", "duration", "geopoint", "geojson", "object", "array", "list", "any"}
# Expected JSON type of each constraint (True/False are not numbers here).
RULE_TYPES = {"required": (bool,), "unique": (bool,), "enum": (list,), "pattern": (str,),
              "maxLength": (int,), "minLength": (int,), "minimum": (int, float),
              "maximum": (int, float)}
RULE_WORDS = {bool: "true/false", list: "[…]", str: "\"…\"", int: "0, 1, 2 …",
              float: "1.5"}


def read_descriptor(root: Path, problems: Problems, files: dict) -> dict | None:
    """The package's ``datapackage.json`` (its bytes go into ``files``), or one built from
    the contract when the folder holds CSV files only; None when there is nothing to read."""
    if not root.is_dir():
        problems.append(Problem(str(root), "package_missing", value=str(root)))
        return None
    file = root / DESCRIPTOR
    if not file.is_file():
        csvs = {contract.resource_key(p.name) for p in root.glob("*.csv")}
        if not csvs & {t.name for t in contract.TABLES}:
            problems.append(Problem(DESCRIPTOR, "descriptor_missing", value=str(root)))
            return None
        problems.append(Problem(DESCRIPTOR, "descriptor_inferred", severity="info"))
        inferred = contract.descriptor(root)
        # Exports carry the package with the descriptor it was read with.
        files[DESCRIPTOR] = (json.dumps(inferred, ensure_ascii=False, indent=2)
                                   + "\n").encode()
        return inferred
    raw = file.read_bytes()
    files[DESCRIPTOR] = raw
    try:
        descriptor = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        problems.append(Problem(DESCRIPTOR, "descriptor_invalid", params={"detail": str(exc)}))
        return None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        problems.append(Problem(DESCRIPTOR, "descriptor_invalid",
                                params={"detail": "no 'resources' list"}))
        return None
    return descriptor


def resources(descriptor: dict, problems: Problems) -> dict[str, dict]:
    """Contract table name -> clean resource (name, path, schema), in contract order."""
    declared: dict[str, dict] = {}
    aliases: dict[str, str] = {}  # a declared resource name -> the contract's name
    for index, res in enumerate(descriptor["resources"], start=1):
        if not isinstance(res, dict):
            problems.append(Problem(DESCRIPTOR, "resource_invalid", params={"index": index}))
            continue
        name, path = res.get("name"), res.get("path")
        keys = {contract.resource_key(v) for v in (name, path) if isinstance(v, str)}
        table = next((t.name for t in contract.TABLES if t.name in keys), None)
        if table is None:
            continue  # another table: the dashboard does not use it
        if isinstance(name, str):
            aliases[name] = table
        declared.setdefault(table, res)
    out = {}
    for spec in contract.TABLES:
        res = declared.get(spec.name)
        if res is None:
            if not spec.optional:
                problems.append(Problem(DESCRIPTOR, "resource_undeclared", value=spec.name,
                                        params={"resource": spec.name}))
            continue
        clean = _clean_resource(spec, res, aliases, problems)
        if clean is not None:
            out[spec.name] = clean
    return out


def _rule_problem(problems, resource, column, rule, value, expected) -> None:
    problems.append(Problem(DESCRIPTOR, "descriptor_rule", None, column,
                            json.dumps(value, ensure_ascii=False)[:80],
                            {"resource": resource, "rule": rule, "expected": expected}))


def _clean_resource(spec: contract.Table, res: dict, aliases: dict,
                    problems: Problems) -> dict | None:
    label = str(res.get("name") or spec.name)
    path = res.get("path", f"{label}.csv")
    if not isinstance(path, str) or not path:
        _rule_problem(problems, label, None, "path", path, "\"file.csv\"")
        return None
    schema = res.get("schema", {})
    if not isinstance(schema, dict):
        _rule_problem(problems, label, None, "schema", schema, "{\"fields\": […]}")
        schema = {}
    raw_fields = schema.get("fields", [])
    if not isinstance(raw_fields, list):
        _rule_problem(problems, label, None, "fields", raw_fields, "[…]")
        raw_fields = []
    fields, seen = [], set()
    for index, spec_field in enumerate(raw_fields, start=1):
        clean = _clean_field(spec, spec_field, index, label, problems)
        if clean is not None and clean["name"] not in seen:
            seen.add(clean["name"])
            fields.append(clean)
    keys = _names(schema.get("primaryKey", []), "primaryKey", label, problems)
    foreign = []
    raw_fks = schema.get("foreignKeys", [])
    if not isinstance(raw_fks, list):
        _rule_problem(problems, label, None, "foreignKeys", raw_fks, "[…]")
        raw_fks = []
    for fk in raw_fks:
        ref = fk.get("reference") if isinstance(fk, dict) else None
        if not isinstance(ref, dict):
            _rule_problem(problems, label, None, "foreignKeys", fk,
                          "{\"fields\": …, \"reference\": {…}}")
            continue
        columns = _names(fk.get("fields"), "foreignKeys", label, problems)
        targets = _names(ref.get("fields"), "foreignKeys", label, problems)
        target = ref.get("resource") or ""
        if not isinstance(target, str) or not columns or len(columns) != len(targets):
            _rule_problem(problems, label, None, "foreignKeys", fk,
                          "{\"fields\": …, \"reference\": {…}}")
            continue
        target = aliases.get(target) or contract.resource_key(target) if target else spec.name
        foreign.append({"fields": columns, "reference": {"resource": target, "fields": targets}})
    return {"name": spec.name, "path": path, "schema": {"fields": fields, "primaryKey": keys,
                                                        "foreignKeys": foreign}}


def _names(value, rule: str, resource: str, problems: Problems) -> list[str]:
    names = [value] if isinstance(value, str) else value
    if names is None:
        return []
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        _rule_problem(problems, resource, None, rule, value, "[\"column\", …]")
        return []
    return list(names)


def _clean_field(spec: contract.Table, raw, index: int, resource: str,
                 problems: Problems) -> dict | None:
    if not isinstance(raw, dict):
        problems.append(Problem(DESCRIPTOR, "field_invalid",
                                params={"resource": resource, "index": index}))
        return None
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(Problem(DESCRIPTOR, "field_no_name",
                                params={"resource": resource, "index": index}))
        return None
    name = name.strip()
    kind = raw.get("type", "string")
    if not isinstance(kind, str) or kind not in TYPES:
        _rule_problem(problems, resource, name, "type", kind, "\"string\", \"integer\" …")
        kind = "string"
    own = raw.get("constraints", {})
    if not isinstance(own, dict):
        _rule_problem(problems, resource, name, "constraints", own, "{…}")
        own = {}
    column = next((c for c in spec.columns if c.name == name), None)
    rules = column.rules() if column is not None else {}
    for rule, value in own.items():
        expected = RULE_TYPES.get(rule)
        if expected is None:
            continue  # a constraint the dashboard does not check
        ok = isinstance(value, expected) and not (isinstance(value, bool) and bool not in expected)
        if ok and rule in ("maxLength", "minLength") and value < 0:
            ok = False
        if not ok:
            _rule_problem(problems, resource, name, rule, value,
                          " / ".join(RULE_WORDS[t] for t in expected))
            continue
        if rule == "pattern":
            try:
                re.compile(value)
            except (re.error, RecursionError, OverflowError) as exc:
                problems.append(Problem(DESCRIPTOR, "pattern_invalid", None, name, value[:80],
                                        {"resource": resource, "detail": str(exc)}))
                continue
        if rule == "enum":
            value = [str(v).lower() if isinstance(v, bool) else str(v) for v in value]
        rules[rule] = value
    return {"name": name, "type": kind, "constraints": rules}
