"""The data contract as code: the ``datapackage.json`` descriptor a package folder needs.

``descriptor(folder, meta)`` builds the Frictionless descriptor for the CSV files in
``folder`` from the contract (``docs/DATA_CONTRACT.md``) and the folder's own
``vocabulary.csv``: the allowed values of every coded column (``kind``, ``relation``, …) are
the codes the vocabulary labels, in its order. Used by the synthetic generator
(:mod:`anis_viz.synth`); handy for anyone starting a package by hand.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

__all__ = ["CODED", "OPTIONAL_COLUMNS", "PAGES", "QUALIFIERS", "RESOURCES", "STATUSES",
           "descriptor", "write_descriptor"]

ID = {"pattern": "^[a-z0-9_]+$"}
DATE = {"pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"}
YEAR = {"minimum": 1000, "maximum": 2999}
REQ = {"required": True}
QUOTE = ("quote", "string", "Verbatim passage of the source supporting the row (fragments "
         "joined with …)", {"maxLength": 300, "required": True})
SECTION = ("section_id", "string", "Section of the source the quote comes from", REQ)
ENUM = object()  # placeholder: allowed values come from vocabulary.csv

# Columns whose allowed values are the codes of the vocabulary of the same name.
CODED = ("kind", "category", "relation", "role", "family", "date_precision", "ref_type")
# Pages a slide of presentation.csv may show.
PAGES = ("overview", "timeline", "network", "themes")


def _fk(column: str, resource: str, key: str | None = None) -> dict:
    return {"fields": column, "reference": {"resource": resource, "fields": key or column}}


# name, title, fields (name, type, description, constraints), primary key, foreign keys
RESOURCES: list[tuple[str, str, list[tuple], list[str], list[dict]]] = [
    ("sections", "Sections of the source text", [
        ("section_id", "string", "The source's own numbering, e.g. 1.3",
         {"pattern": "^[A-Za-z0-9._-]+$", "required": True}),
        ("title", "string", "Heading (French)", REQ),
        ("title_en", "string", "Heading (English)", None),
    ], ["section_id"], []),
    ("eras", "Eras of the association", [
        ("era_id", "string", "Era identifier", {**ID, **REQ}),
        ("label", "string", "Name (French)", REQ),
        ("label_en", "string", "Name (English)", None),
        ("short_label", "string", "Short name (French)", None),
        ("short_label_en", "string", "Short name (English)", None),
        ("start", "string", "Start, ISO 8601 at the source's precision", {**DATE, **REQ}),
        ("end", "string", "End, ISO 8601; empty = still open", DATE),
        ("summary", "string", "Summary (French)", REQ),
        ("summary_en", "string", "Summary (English)", None),
        SECTION, QUOTE,
    ], ["era_id"], [_fk("section_id", "sections")]),
    ("actors", "People, organisations, public bodies, collectives, projects, places, event "
               "series and media", [
        ("actor_id", "string", "Actor identifier", {**ID, **REQ}),
        ("name", "string", "Name as in the source", REQ),
        ("name_en", "string", "Name in English (same as name for proper names)", None),
        ("kind", "string", "Kind of actor", ENUM),
        ("description", "string", "Description drawn from the source (French)", REQ),
        ("description_en", "string", "Description (English)", None),
        SECTION, QUOTE,
    ], ["actor_id"], [_fk("section_id", "sections")]),
    ("events", "Dated or datable events", [
        ("event_id", "string", "Event identifier", {**ID, **REQ}),
        ("start", "string", "Start, ISO 8601 at the source's precision", {**DATE, **REQ}),
        ("end", "string", "End, ISO 8601 (spans only)", DATE),
        ("date_precision", "string", "Precision of the date", ENUM),
        ("era_id", "string", "Era (empty: before or outside every era)", ID),
        ("category", "string", "Category", ENUM),
        ("title", "string", "Title (French)", REQ),
        ("title_en", "string", "Title (English)", None),
        ("description", "string", "Description (French)", REQ),
        ("description_en", "string", "Description (English)", None),
        SECTION, QUOTE,
    ], ["event_id"], [_fk("era_id", "eras"), _fk("section_id", "sections")]),
    ("event_actors", "Who took part in which event", [
        ("event_id", "string", "Event", {**ID, **REQ}),
        ("actor_id", "string", "Actor", {**ID, **REQ}),
        ("role", "string", "Role of the actor in the event", ENUM),
    ], ["event_id", "actor_id", "role"], [_fk("event_id", "events"), _fk("actor_id", "actors")]),
    ("relations", "Ties between actors, read source → relation → target", [
        ("relation_id", "string", "Relation identifier", {**ID, **REQ}),
        ("source_id", "string", "Actor the tie starts from", {**ID, **REQ}),
        ("target_id", "string", "Actor the tie goes to", {**ID, **REQ}),
        ("relation", "string", "Type of tie", ENUM),
        ("start", "integer", "First year (when the source gives it)", YEAR),
        ("end", "integer", "Last year (when the source gives it)", YEAR),
        SECTION, QUOTE,
    ], ["relation_id"], [_fk("source_id", "actors", "actor_id"),
                         _fk("target_id", "actors", "actor_id"), _fk("section_id", "sections")]),
    ("themes", "Themes of the association", [
        ("theme_id", "string", "Theme identifier", {**ID, **REQ}),
        ("label", "string", "Label (French)", REQ),
        ("label_en", "string", "Label (English)", None),
        ("family", "string", "Family of themes", ENUM),
    ], ["theme_id"], []),
    ("theme_mentions", "Places where the source ties a theme to an era, a year, an event or "
                       "an actor", [
        ("mention_id", "string", "Mention identifier", {**ID, **REQ}),
        ("theme_id", "string", "Theme", {**ID, **REQ}),
        ("era_id", "string", "Era", {**ID, **REQ}),
        ("year", "integer", "Year (when the source dates the mention)", YEAR),
        ("ref_type", "string", "What the mention is attached to", ENUM),
        ("ref_id", "string", "Event or actor id (empty for a section)", ID),
        SECTION, QUOTE,
    ], ["mention_id"], [_fk("theme_id", "themes"), _fk("era_id", "eras"),
                        _fk("section_id", "sections")]),
    ("vocabulary", "Display labels of every coded value", [
        ("vocabulary", "string", "Which coded column", ENUM),
        ("code", "string", "The code", REQ),
        ("label", "string", "Label (French)", REQ),
        ("label_en", "string", "Label (English)", None),
    ], ["vocabulary", "code"], []),
    ("presentation", "The presentation deck: one saved view per slide", [
        ("slide", "integer", "Slide number, from 1", {"required": True, "minimum": 1}),
        ("page", "string", "Page the slide shows", ENUM),
        ("view", "string", "The page's view as URL parameters, e.g. era=anis_1&lanes=category",
         None),
        ("title", "string", "Slide title (French)", REQ),
        ("title_en", "string", "Slide title (English)", None),
        ("notes", "string", "Presenter notes (French)", None),
        ("notes_en", "string", "Presenter notes (English)", None),
    ], ["slide"], []),
]
OPTIONAL = ("presentation",)  # declared only when the folder has the file

# Optional columns, declared only when the file has them; a package without them reads as
# if every row held the default (``status`` attested, no qualifier).
STATUSES = ("attested", "planned")  # a fact, or an intention (e.g. a programme adopted)
QUALIFIERS = ("circa", "before", "after")  # EDTF-like: 2005~, ..2005, 2005..
_STATUS = ("status", "string", "attested (default: it happened) or planned (an intention, "
           "e.g. a programme adopted)", {"enum": list(STATUSES)})
_QUALIFIED = [(f"{side}_qualifier", "string", f"How the source gives the {side}: circa, "
               "before or after that date (empty: as written)", {"enum": list(QUALIFIERS)})
              for side in ("start", "end")]
OPTIONAL_COLUMNS: dict[str, list[tuple]] = {
    "events": [_STATUS, *_QUALIFIED],
    "relations": [_STATUS, *_QUALIFIED],
}
DEFAULTS = {"status": "attested", "start_qualifier": "", "end_qualifier": ""}


def _header(file: Path) -> list[str]:
    if not file.is_file():
        return []
    with file.open(encoding="utf-8-sig", newline="") as handle:
        return [c.strip() for c in next(csv.reader(handle), [])]


def _vocabulary(folder: Path) -> dict[str, list[str]]:
    """Codes per vocabulary, in file order."""
    codes: dict[str, list[str]] = {}
    file = folder / "vocabulary.csv"
    if file.is_file():
        with file.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                codes.setdefault(row["vocabulary"].strip(), []).append(row["code"].strip())
    return codes


def _field(name: str, kind: str, description: str, constraints, codes: dict) -> dict:
    spec = {"name": name, "type": kind, "description": description}
    if constraints is ENUM:
        allowed = {"vocabulary": sorted(codes), "page": list(PAGES)}.get(name, codes.get(name, []))
        constraints = {"enum": allowed, "required": True}
    if constraints:
        spec["constraints"] = dict(constraints)
    return spec


def descriptor(folder: str | Path, meta: dict | None = None) -> dict:
    """The ``datapackage.json`` for the package in ``folder``.

    ``meta`` holds the package's own words (``name``, ``title``, ``title_en``,
    ``description``, ``version``, ``sources`` …); they come first, then ``resources``.
    """
    folder = Path(folder)
    codes = _vocabulary(folder)
    resources = []
    for name, title, fields, key, foreign in RESOURCES:
        if name in OPTIONAL and not (folder / f"{name}.csv").is_file():
            continue
        header = _header(folder / f"{name}.csv")
        fields = fields + [f for f in OPTIONAL_COLUMNS.get(name, []) if f[0] in header]
        schema: dict = {"fields": [_field(*f, codes) for f in fields], "primaryKey": list(key)}
        if foreign:
            schema["foreignKeys"] = [json.loads(json.dumps(fk)) for fk in foreign]
        resources.append({"name": name, "path": f"{name}.csv", "title": title,
                          "profile": "tabular-data-resource", "format": "csv",
                          "mediatype": "text/csv", "encoding": "utf-8", "schema": schema})
    return {"profile": "tabular-data-package", **(meta or {}), "resources": resources}


def write_descriptor(folder: str | Path, meta: dict | None = None) -> Path:
    """Write ``folder/datapackage.json`` (UTF-8, stable key order) and return its path."""
    target = Path(folder) / "datapackage.json"
    text = json.dumps(descriptor(folder, meta), ensure_ascii=False, indent=2) + "\n"
    target.write_text(text, encoding="utf-8")
    return target
