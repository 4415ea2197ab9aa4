"""The data contract, declared once: every table, every column, its rules and its fallback.

A package is a folder of CSV files (and usually a ``datapackage.json``). :data:`TABLES`
says which tables it holds, which columns each has, whether a column is required or
optional, its type and constraints (Frictionless Table Schema), where its allowed values
come from (a vocabulary of ``vocabulary.csv``, or a fixed list), the primary and foreign
keys, and what stands in for an optional column or table the package leaves out.

Everything else is derived from this declaration: the loader and validator
(:mod:`anis_viz.data`), the ``datapackage.json`` writer (:func:`descriptor`), the upload
template (:mod:`anis_viz.upload`), the synthetic generator (:mod:`anis_viz.synth`), the
look of coded values (:mod:`anis_viz.style`) and the tables of ``docs/DATA_CONTRACT.md``
(:func:`doc_tables`; ``python -m anis_viz.contract --doc`` rewrites them).

>>> table("eras").column("short_label").fallback_text()
'copy of `label`'
>>> QUOTE_MAX
300
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "CODED", "Column", "DEFAULT_LABELS", "MAX_CELLS", "MAX_PROBLEMS", "MAX_ROWS", "PAGES",
    "QUOTE_MAX", "STATUSES", "QUALIFIERS", "TABLES", "Table", "VALIDATION_SECONDS",
    "descriptor", "doc_tables", "fallback_vocabulary", "resource_key", "table",
    "write_descriptor",
]

QUOTE_MAX = 300  # characters of a verbatim quote
# Bounded work: one upload can't make the server hold more than a few hundred MB (a cell
# read as text costs ~100 bytes in pandas, so 2 million cells stay near 200 MB).
MAX_ROWS = 200_000  # rows in one table
MAX_CELLS = 2_000_000  # cells in the whole package
MAX_PROBLEMS = 1_000  # problems listed one by one; after that, only counted per kind
VALIDATION_SECONDS = 20.0  # time budget of the row checks

PAGES = ("overview", "timeline", "network", "themes")  # pages a slide may show
STATUSES = ("attested", "planned")  # a fact the source reports as done, or as planned
QUALIFIERS = ("circa", "before", "after")  # how sure a date is

ID = {"pattern": "^[a-z0-9_]+$"}
DATE = {"pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"}
YEAR = {"minimum": 1000, "maximum": 2999}
REQ = {"required": True}


@dataclass(frozen=True)
class Column:
    """One column. ``constraints`` are Frictionless constraints (``required`` means every
    cell is filled). ``codes`` names the vocabulary of ``vocabulary.csv`` whose codes are the
    allowed values; ``enum`` is a fixed list instead. A column is optional when it has a
    fallback: ``default`` (a value for every row), ``copy`` (the column it copies, cell by
    cell where its own cell is empty) or ``derive`` (a rule of the loader: ``era``, the era
    whose dates hold the row's ``start``)."""

    name: str
    type: str
    description: str
    constraints: dict = field(default_factory=dict)
    codes: str | None = None
    enum: tuple[str, ...] | None = None
    default: str | None = None
    copy: str | None = None
    derive: str | None = None

    @property
    def optional(self) -> bool:
        return self.default is not None or self.copy is not None or self.derive is not None

    def rules(self, vocabulary: dict[str, list[str]] | None = None) -> dict:
        """The Frictionless constraints, with the allowed values when they are known."""
        allowed = list(self.enum) if self.enum is not None else None
        if self.codes is not None and vocabulary is not None:
            allowed = (sorted(vocabulary) if self.codes == "vocabulary"
                       else list(vocabulary.get(self.codes, [])) or None)
        if allowed is not None:
            rest = {k: v for k, v in self.constraints.items() if k != "required"}
            return {"enum": allowed, **({"required": True} if self.required_cells else {}),
                    **rest}
        return dict(self.constraints)

    @property
    def required_cells(self) -> bool:
        return bool(self.constraints.get("required"))

    def fallback_text(self) -> str:
        if self.derive == "era":
            return "the era whose dates hold `start`"
        if self.copy:
            return f"copy of `{self.copy}`"
        if self.default is not None and not self.default and self.name.endswith("_en"):
            return f"empty: `{self.name[:-3]}` shows"
        if self.default is not None:
            return f"`{self.default}`" if self.default else "empty"
        return ""


@dataclass(frozen=True)
class Table:
    """One CSV file. An optional table left out of a package loads as ``fallback``
    (``empty``: no rows; ``labels``: the built-in labels of the codes the package uses)."""

    name: str
    title: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # column, table, its column
    fallback: str | None = None

    @property
    def optional(self) -> bool:
        return self.fallback is not None

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if not c.optional]


def _c(name, kind, description, constraints=None, **extra) -> Column:
    return Column(name, kind, description, dict(constraints or {}), **extra)


def _en(name: str, description: str) -> Column:
    """An English column: empty when left out, each empty cell then shows the French one."""
    return _c(f"{name}_en", "string", description, default="")


SECTION = _c("section_id", "string", "Section of the source the quote comes from", REQ)
QUOTE = _c("quote", "string", "Verbatim passage of the source supporting the row (fragments "
           "joined with …)", {"maxLength": QUOTE_MAX, "required": True})
STATUS = _c("status", "string", "Attested by the source, or only planned", enum=STATUSES,
            default="attested")


def _qualifier(which: str) -> Column:
    return _c(f"{which}_qualifier", "string", f"How sure the {which} is", enum=QUALIFIERS,
              default="")


TABLES: tuple[Table, ...] = (
    Table("sections", "Sections of the source text", (
        _c("section_id", "string", "The source's own numbering, e.g. 1.3",
           {"pattern": "^[A-Za-z0-9._-]+$", "required": True}),
        _c("title", "string", "Heading (French)", REQ),
        _en("title", "Heading (English)"),
    ), ("section_id",)),
    Table("eras", "Eras of the association", (
        _c("era_id", "string", "Era identifier", {**ID, **REQ}),
        _c("label", "string", "Name (French)", REQ),
        _en("label", "Name (English)"),
        _c("short_label", "string", "Short name (French)", copy="label"),
        _c("short_label_en", "string", "Short name (English)", copy="label_en"),
        _c("start", "string", "Start, ISO 8601 at the source's precision", {**DATE, **REQ}),
        _c("end", "string", "End, ISO 8601; empty = still open", DATE, default=""),
        _c("summary", "string", "Summary (French)", REQ),
        _en("summary", "Summary (English)"),
        SECTION, QUOTE,
    ), ("era_id",), (("section_id", "sections", "section_id"),)),
    Table("actors", "People, organisations, public bodies, collectives, projects, places, "
                    "event series and media", (
        _c("actor_id", "string", "Actor identifier", {**ID, **REQ}),
        _c("name", "string", "Name as in the source", REQ),
        _en("name", "Name in English (same as name for proper names)"),
        _c("kind", "string", "Kind of actor", REQ, codes="kind"),
        _c("description", "string", "Description drawn from the source (French)", REQ),
        _en("description", "Description (English)"),
        SECTION, QUOTE,
    ), ("actor_id",), (("section_id", "sections", "section_id"),)),
    Table("events", "Dated or datable events", (
        _c("event_id", "string", "Event identifier", {**ID, **REQ}),
        _c("start", "string", "Start, ISO 8601 at the source's precision", {**DATE, **REQ}),
        _c("end", "string", "End, ISO 8601 (spans only)", DATE, default=""),
        _c("date_precision", "string", "Precision of the date", REQ, codes="date_precision"),
        _c("era_id", "string", "Era (empty: before or outside every era)", ID, derive="era"),
        _c("category", "string", "Category", REQ, codes="category"),
        _c("title", "string", "Title (French)", REQ),
        _en("title", "Title (English)"),
        _c("description", "string", "Description (French)", REQ),
        _en("description", "Description (English)"),
        SECTION, QUOTE, STATUS, _qualifier("start"), _qualifier("end"),
    ), ("event_id",), (("era_id", "eras", "era_id"), ("section_id", "sections", "section_id"))),
    Table("event_actors", "Who took part in which event", (
        _c("event_id", "string", "Event", {**ID, **REQ}),
        _c("actor_id", "string", "Actor", {**ID, **REQ}),
        _c("role", "string", "Role of the actor in the event", REQ, codes="role"),
    ), ("event_id", "actor_id", "role"),
        (("event_id", "events", "event_id"), ("actor_id", "actors", "actor_id"))),
    Table("relations", "Ties between actors, read source → relation → target", (
        _c("relation_id", "string", "Relation identifier", {**ID, **REQ}),
        _c("source_id", "string", "Actor the tie starts from", {**ID, **REQ}),
        _c("target_id", "string", "Actor the tie goes to", {**ID, **REQ}),
        _c("relation", "string", "Type of tie", REQ, codes="relation"),
        _c("start", "integer", "First year (when the source gives it)", YEAR, default=""),
        _c("end", "integer", "Last year (when the source gives it)", YEAR, default=""),
        SECTION, QUOTE, STATUS, _qualifier("start"), _qualifier("end"),
    ), ("relation_id",), (("source_id", "actors", "actor_id"), ("target_id", "actors", "actor_id"),
                          ("section_id", "sections", "section_id"))),
    Table("themes", "Themes of the association", (
        _c("theme_id", "string", "Theme identifier", {**ID, **REQ}),
        _c("label", "string", "Label (French)", REQ),
        _en("label", "Label (English)"),
        _c("family", "string", "Family of themes", REQ, codes="family"),
    ), ("theme_id",)),
    Table("theme_mentions", "Places where the source ties a theme to an era, a year, an event "
                            "or an actor", (
        _c("mention_id", "string", "Mention identifier", {**ID, **REQ}),
        _c("theme_id", "string", "Theme", {**ID, **REQ}),
        _c("era_id", "string", "Era", {**ID, **REQ}),
        _c("year", "integer", "Year (when the source dates the mention)", YEAR, default=""),
        _c("ref_type", "string", "What the mention is attached to", REQ, codes="ref_type"),
        _c("ref_id", "string", "Event or actor id (empty for a section)", ID, default=""),
        SECTION, QUOTE,
    ), ("mention_id",), (("theme_id", "themes", "theme_id"), ("era_id", "eras", "era_id"),
                         ("section_id", "sections", "section_id"))),
    Table("vocabulary", "Display labels of every coded value", (
        _c("vocabulary", "string", "Which coded column", REQ, codes="vocabulary"),
        _c("code", "string", "The code", REQ),
        _c("label", "string", "Label (French)", REQ),
        _en("label", "Label (English)"),
    ), ("vocabulary", "code"), fallback="labels"),
    Table("presentation", "The presentation deck: one saved view per slide", (
        _c("slide", "integer", "Slide number, from 1", {"required": True, "minimum": 1}),
        _c("page", "string", "Page the slide shows", REQ, enum=PAGES),
        _c("view", "string", "The page's view as URL parameters, e.g. "
                             "era=anis_1&lanes=category", default=""),
        _c("title", "string", "Slide title (French)", REQ),
        _en("title", "Slide title (English)"),
        _c("notes", "string", "Presenter notes (French)", default=""),
        _en("notes", "Presenter notes (English)"),
    ), ("slide",), fallback="empty"),
)
BY_NAME = {t.name: t for t in TABLES}
# Columns whose allowed values are the codes of the vocabulary of the same name.
CODED = tuple(dict.fromkeys(c.codes for t in TABLES for c in t.columns
                            if c.codes and c.codes != "vocabulary"))

# The built-in labels of the standard codes, in display order: the vocabulary of a package
# that ships no ``vocabulary.csv`` (any other code shows humanised: ``member_of`` -> member of).
DEFAULT_LABELS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "kind": (("person", "Personne", "Person"), ("organisation", "Organisation", "Organisation"),
             ("public_body", "Institution publique", "Public body"),
             ("collective", "Collectif", "Collective"), ("project", "Projet", "Project"),
             ("place", "Lieu", "Place"), ("event_series", "Série d’événements", "Event series"),
             ("media", "Média", "Media")),
    "category": (("founding", "Fondation", "Founding"), ("governance", "Gouvernance",
                                                         "Governance"),
                 ("project", "Projet", "Project"), ("gathering", "Rencontre", "Gathering"),
                 ("funding", "Financement", "Funding"), ("place", "Lieu", "Place"),
                 ("research", "Recherche", "Research"), ("context", "Contexte", "Context")),
    "relation": (("founded", "a fondé", "founded"), ("presided", "a présidé", "presided"),
                 ("coordinated", "a coordonné", "coordinated"),
                 ("member_of", "membre de", "member of"), ("hosted_by", "hébergé par",
                                                           "hosted by"),
                 ("funded_by", "financé par", "funded by"),
                 ("partner_of", "partenaire de", "partner of"),
                 ("supported", "a soutenu", "supported"),
                 ("inspired_by", "inspiré par", "inspired by"),
                 ("participated_in", "a participé à", "participated in"),
                 ("part_of", "fait partie de", "part of")),
    "role": (("lead", "porteur", "lead"), ("participant", "participant", "participant"),
             ("funder", "financeur", "funder"), ("host", "hôte", "host"),
             ("partner", "partenaire", "partner"), ("speaker", "intervenant", "speaker"),
             ("subject", "sujet", "subject"), ("edition_of", "édition de", "edition of")),
    "date_precision": (("year", "Année", "Year"), ("month", "Mois", "Month"),
                       ("day", "Jour", "Day"), ("approximate", "Approximative", "Approximate")),
    "ref_type": (("event", "Événement", "Event"), ("actor", "Acteur", "Actor"),
                 ("section", "Section", "Section")),
    "family": (),
}


def table(name: str) -> Table:
    return BY_NAME[name]


def resource_key(text: str) -> str:
    """How a resource is matched: by name or by file, ``-`` and ``_`` alike, any case
    (``event-actors``, ``event_actors.csv`` and ``data/Event_Actors.csv`` are one table)."""
    stem = Path(str(text).replace("\\", "/")).name
    stem = re.sub(r"\.csv$", "", stem, flags=re.IGNORECASE)
    return stem.replace("-", "_").lower()


def humanise(code: str) -> str:
    return str(code).replace("_", " ")


def fallback_vocabulary(used: dict[str, list[str]]) -> list[dict]:
    """The rows of ``vocabulary.csv`` for a package without one: for each coded column, the
    standard codes it uses in the contract's order, then its other codes sorted, labelled
    with the built-in labels (other codes humanised)."""
    rows = []
    for vocabulary in CODED:
        codes = set(used.get(vocabulary, ())) - {""}
        known = {code: (fr, en) for code, fr, en in DEFAULT_LABELS.get(vocabulary, ())}
        order = [c for c in known if c in codes] + sorted(codes - set(known))
        for code in order:
            fr, en = known.get(code, (humanise(code), humanise(code)))
            rows.append({"vocabulary": vocabulary, "code": code, "label": fr, "label_en": en})
    return rows


# -- the datapackage.json writer ---------------------------------------------------------

def _sniff(file: Path) -> tuple[str, list[str]]:
    """The separator and the header of a CSV file (read leniently: never raises on bytes)."""
    with file.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        first = handle.readline()
    sep = ";" if first.count(";") > first.count(",") else ","
    return sep, [c.strip() for c in next(csv.reader([first], delimiter=sep), [])]


def _vocabulary(file: Path) -> dict[str, list[str]]:
    """Codes per vocabulary of a ``vocabulary.csv``, in file order."""
    codes: dict[str, list[str]] = {}
    sep, _ = _sniff(file)
    with file.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        for row in csv.DictReader(handle, delimiter=sep):
            vocabulary, code = (row.get("vocabulary") or "").strip(), (row.get("code") or "")
            codes.setdefault(vocabulary, []).append(code.strip())
    return codes


def _field(column: Column, vocabulary: dict | None) -> dict:
    spec = {"name": column.name, "type": column.type, "description": column.description}
    if rules := column.rules(vocabulary):
        spec["constraints"] = rules
    return spec


def resource(spec: Table, vocabulary: dict | None = None,
             header: list[str] | None = None) -> dict:
    """The Frictionless resource of one table: the required columns and, when ``header``
    is given, only the optional ones it holds (else every column)."""
    columns = [c for c in spec.columns
               if header is None or not c.optional or c.name in header]
    schema: dict = {"fields": [_field(c, vocabulary) for c in columns],
                    "primaryKey": list(spec.primary_key)}
    names = {c.name for c in columns}
    foreign = [{"fields": col, "reference": {"resource": ref, "fields": key}}
               for col, ref, key in spec.foreign_keys if col in names]
    if foreign:
        schema["foreignKeys"] = foreign
    return {"name": spec.name, "path": spec.file, "title": spec.title,
            "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8", "schema": schema}


def descriptor(folder: str | Path, meta: dict | None = None) -> dict:
    """The ``datapackage.json`` for the CSV files in ``folder``, from the contract.

    Every table the folder holds (and every required one) is declared, with the required
    columns and the optional columns its header holds; the allowed values of a coded column
    are the codes ``vocabulary.csv`` labels, in its order. ``meta`` holds the package's own
    words (``name``, ``title``, ``version``, ``sources`` …); they come first."""
    folder = Path(folder)
    files = {resource_key(p.name): p for p in sorted(folder.glob("*.csv"), reverse=True)}
    vocabulary = _vocabulary(files["vocabulary"]) if "vocabulary" in files else None
    resources = []
    for spec in TABLES:
        file = files.get(spec.name)
        if spec.optional and file is None:
            continue
        resources.append(resource(spec, vocabulary, _sniff(file)[1] if file else None))
        if file is not None:
            resources[-1]["path"] = file.name
    return {"profile": "tabular-data-package", **(meta or {}), "resources": resources}


def write_descriptor(folder: str | Path, meta: dict | None = None) -> Path:
    """Write ``folder/datapackage.json`` (UTF-8, stable key order) and return its path."""
    target = Path(folder) / "datapackage.json"
    text = json.dumps(descriptor(folder, meta), ensure_ascii=False, indent=2) + "\n"
    target.write_text(text, encoding="utf-8")
    return target


# -- the documentation -------------------------------------------------------------------

DOC_BEGIN = "<!-- contract:begin (generated by python -m anis_viz.contract --doc) -->"
DOC_END = "<!-- contract:end -->"


def _rule_text(column: Column) -> str:
    parts = []
    rules = column.constraints
    if column.codes:
        parts.append(f"a `{column.codes}` code")
    if column.enum:
        parts.append(" \\| ".join(f"`{v}`" for v in column.enum))
    if "pattern" in rules:
        parts.append({ID["pattern"]: "identifier", DATE["pattern"]: "ISO date"}.get(
            rules["pattern"], f"`{rules['pattern']}`".replace("|", "\\|")))
    if "minimum" in rules or "maximum" in rules:
        parts.append(f"{rules.get('minimum', '')}–{rules.get('maximum', '')}".strip("–")
                     if "maximum" in rules else f"≥ {rules['minimum']}")
    if "maxLength" in rules:
        parts.append(f"≤ {rules['maxLength']} characters")
    if rules.get("required"):
        parts.append("filled")
    return ", ".join(parts)


def doc_tables() -> str:
    """The Markdown tables of ``docs/DATA_CONTRACT.md``: files, then columns per file."""
    lines = ["| file | table | if left out |", "|---|---|---|"]
    for spec in TABLES:
        left_out = {"labels": "built-in labels of the codes used",
                    "empty": "no rows"}.get(spec.fallback or "", "**required**")
        lines.append(f"| `{spec.file}` | {spec.title} | {left_out} |")
    for spec in TABLES:
        keys = ", ".join(f"`{k}`" for k in spec.primary_key)
        foreign = "; ".join(f"`{c}` → `{t}.{k}`" for c, t, k in spec.foreign_keys)
        lines += ["", f"### `{spec.file}`", "",
                  f"Primary key: {keys}." + (f" Foreign keys: {foreign}." if foreign else ""), "",
                  "| column | type | required | rule | if left out | description |",
                  "|---|---|---|---|---|---|"]
        for c in spec.columns:
            required = "optional" if c.optional else "**required**"
            lines.append(f"| `{c.name}` | {c.type} | {required} | {_rule_text(c)} | "
                         f"{c.fallback_text()} | {c.description} |")
    def n(value: int) -> str:
        return f"{value:,}".replace(",", " ")

    limits = (f"Limits: at most {n(MAX_ROWS)} rows per table and {n(MAX_CELLS)} cells in the "
              f"whole package; a report lists the first {n(MAX_PROBLEMS)} problems one by one, "
              f"then counts the rest per kind; the row checks stop after "
              f"{VALIDATION_SECONDS:g} s.")
    return "\n".join([DOC_BEGIN, "", *lines, "", limits, "", DOC_END])


def render_doc(text: str) -> str:
    """``text`` (the doc) with its generated part replaced by :func:`doc_tables`."""
    start, end = text.index(DOC_BEGIN), text.index(DOC_END) + len(DOC_END)
    return text[:start] + doc_tables() + text[end:]


DOC = Path(__file__).resolve().parent.parent / "docs" / "DATA_CONTRACT.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m anis_viz.contract",
                                     description="Print or rewrite the contract's tables.")
    parser.add_argument("--doc", action="store_true", help=f"rewrite the tables of {DOC.name}")
    args = parser.parse_args(argv)
    if args.doc:
        DOC.write_text(render_doc(DOC.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"{DOC}: tables rewritten")
    else:
        print(doc_tables())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
