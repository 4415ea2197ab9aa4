"""Property-based conformance (Hypothesis, derandomised so every run tries the same cases):
random valid packages within the contract load, draw every chart, run every page and make
the assembly pack; random single faults are reported with file, row and column, nothing
raises, and the files are left as they were."""

import csv
import io
import json
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from anis_viz import contract, export, views
from anis_viz.data import DataValidationError, load_dataset
from anis_viz.nav import PAGES
from tests.conftest import ROOT

APP = str(ROOT / "app.py")
FAST = settings(max_examples=12, deadline=None, derandomize=True, print_blob=True,
                phases=[Phase.explicit, Phase.reuse, Phase.generate],  # no shrinking: bounded
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SLOW = settings(FAST, max_examples=2)

WORDS = ["jardin", "réseau", "l’association", "« communs »", "tiers-lieu", "2001–2017",
         "etc…", "Ça", "œuvre", "<b>gras</b>", "<script>alert(1)</script>", "a & b",
         "**étoiles**", "$x$", "[lien](http://example.org)", "=SUM(A1)", "‹›", "🌱"]


def text(max_words: int = 12):
    return st.lists(st.sampled_from(WORDS), min_size=1, max_size=max_words).map(" ".join)


ident = st.from_regex(r"[a-z][a-z0-9_]{0,11}", fullmatch=True)


@st.composite
def packages(draw):
    """A valid package as {table: rows}, with optional columns and tables sometimes left
    out (the descriptor then comes from the contract)."""
    first = draw(st.integers(1950, 2010))
    n_eras = draw(st.integers(1, 4))
    starts = sorted(draw(st.lists(st.integers(first, first + 30), min_size=n_eras,
                                  max_size=n_eras, unique=True)))
    sections = [{"section_id": "s1", "title": draw(text(4)), "title_en": ""}]
    eras = [{"era_id": f"era_{i}", "label": draw(text(6)), "label_en": draw(text(3)),
             "short_label": draw(text(2)), "short_label_en": "", "start": str(year),
             "end": str(starts[i + 1]) if i + 1 < n_eras else "", "summary": draw(text()),
             "summary_en": "", "section_id": "s1", "quote": draw(text(30))}
            for i, year in enumerate(starts)]
    kinds = [c for c, _, _ in contract.DEFAULT_LABELS["kind"]] + ["collectif_local"]
    actor_ids = draw(st.lists(ident, min_size=1, max_size=40, unique=True))
    actors = [{"actor_id": a, "name": draw(text(3)), "name_en": "", "kind": draw(
        st.sampled_from(kinds)), "description": draw(text()), "description_en": "",
        "section_id": "s1", "quote": draw(text(20))} for a in actor_ids]
    n_events = draw(st.integers(1, 60))
    categories = [c for c, _, _ in contract.DEFAULT_LABELS["category"]]
    events = []
    for i in range(n_events):
        era = draw(st.integers(0, n_eras - 1))
        year = starts[era]
        month = draw(st.one_of(st.none(), st.integers(1, 12)))
        events.append({"event_id": f"ev_{i}", "start": f"{year}" if month is None
                       else f"{year}-{month:02d}", "end": "",
                       "date_precision": "year" if month is None else "month",
                       "era_id": draw(st.sampled_from([eras[era]["era_id"], ""])),
                       "category": draw(st.sampled_from(categories)),
                       "title": draw(text(5)), "title_en": "", "description": draw(text()),
                       "description_en": "", "section_id": "s1", "quote": draw(text(15)),
                       "status": draw(st.sampled_from(contract.STATUSES))})
    roles = [c for c, _, _ in contract.DEFAULT_LABELS["role"]]
    links = draw(st.lists(st.tuples(st.integers(0, n_events - 1), st.sampled_from(actor_ids),
                                    st.sampled_from(roles)), max_size=80, unique=True))
    event_actors = [{"event_id": f"ev_{e}", "actor_id": a, "role": r} for e, a, r in links]
    relation_codes = [c for c, _, _ in contract.DEFAULT_LABELS["relation"]]
    n_relations = draw(st.integers(0, 80))
    relations = []
    for i in range(n_relations):
        dated = draw(st.booleans())
        start = draw(st.integers(first, first + 30))
        relations.append({"relation_id": f"r_{i}", "source_id": draw(st.sampled_from(actor_ids)),
                          "target_id": draw(st.sampled_from(actor_ids)),
                          "relation": draw(st.sampled_from(relation_codes)),
                          "start": str(start) if dated else "",
                          "end": str(start + draw(st.integers(0, 5))) if dated else "",
                          "section_id": "s1", "quote": draw(text(10))})
    n_themes = draw(st.integers(0, 8))
    themes = [{"theme_id": f"t_{i}", "label": draw(text(2)), "label_en": "",
               "family": draw(st.sampled_from(["pratiques", "liens", "<i>outils</i>"]))
               .replace("<i>", "").replace("</i>", "")} for i in range(n_themes)]
    mentions = []
    for i in range(draw(st.integers(0, 60)) if n_themes else 0):
        era = draw(st.integers(0, n_eras - 1))
        ref = draw(st.sampled_from(["event", "actor", "section"]))
        mentions.append({"mention_id": f"m_{i}", "theme_id": f"t_{draw(st.integers(0, n_themes - 1))}",
                         "era_id": eras[era]["era_id"],
                         "year": draw(st.sampled_from([str(starts[era]), ""])), "ref_type": ref,
                         "ref_id": {"event": events[0]["event_id"], "actor": actor_ids[0],
                                    "section": ""}[ref],
                         "section_id": "s1", "quote": draw(text(10))})
    tables = {"sections": sections, "eras": eras, "actors": actors, "events": events,
              "event_actors": event_actors, "relations": relations, "themes": themes,
              "theme_mentions": mentions}
    if draw(st.booleans()):
        tables["presentation"] = []  # an empty deck: the header only
    keep_optional = draw(st.booleans())
    return tables, keep_optional


def write(folder: Path, package) -> Path:
    tables, keep_optional = package
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        spec = contract.table(name)
        columns = [c.name for c in spec.columns
                   if not c.optional or (keep_optional and (not rows or c.name in rows[0]))]
        with (folder / spec.file).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore",
                                    lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    if keep_optional:  # else: no datapackage.json, the schema comes from the contract
        contract.write_descriptor(folder, {"name": "random", "title": "Histoire « tirée »",
                                           "version": "0.0.1"})
    return folder


def snapshot(folder: Path) -> dict:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@settings(FAST, max_examples=6)
@given(packages(), st.sampled_from(["fr", "en"]))
def test_a_random_valid_package_loads_and_draws_every_chart(package, lang):
    with tempfile.TemporaryDirectory() as tmp:
        folder = write(Path(tmp) / "pkg", package)
        ds = load_dataset(folder)
        assert len(ds.events) == len(package[0]["events"])
        assert not [w for w in ds.warnings if w.severity == "error"]
        for page in views.PAGES:
            built = views.build(views.of(page, ds=ds), ds, lang)
            assert built and all(c.figure.to_dict()["layout"] for c in built), page


@settings(SLOW, max_examples=1)  # kaleido draws every chart three times: one package
@given(packages())
def test_a_random_valid_package_makes_the_assembly_pack(package):
    with tempfile.TemporaryDirectory() as tmp:
        ds = load_dataset(write(Path(tmp) / "pkg", package))
        built = views.standard(ds, "fr")
        pack = zipfile.ZipFile(io.BytesIO(export.assembly_pack(ds, built, export.stamp(ds))))
        assert sum(n.startswith("png/") for n in pack.namelist()) == len(built)


@SLOW
@given(packages(), st.sampled_from(["fr", "en"]))
def test_a_random_valid_package_runs_every_page(package, lang):
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as mp:
        mp.setenv("ANIS_VIZ_DATA", str(write(Path(tmp) / "pkg", package)))
        for page, *_ in PAGES:
            at = AppTest.from_file(APP, default_timeout=60)
            at.query_params["lang"] = lang
            at.run()
            at.switch_page(page).run()
            assert not at.exception, (page, [e.value for e in at.exception])
            assert not at.error, (page, [e.value for e in at.error])


# -- single faults --------------------------------------------------------------------------

CELL_FAULTS = {  # fault -> (columns it can hit, bad value)
    "empty": (lambda c: c.required_cells, ""),
    "identifier": (lambda c: c.constraints.get("pattern") == "^[a-z0-9_]+$", "Pas Un Id"),
    "date": (lambda c: c.constraints.get("pattern", "").startswith("^[0-9]{4}"), "hier"),
    "year": (lambda c: c.type == "integer", "3500"),
    "static_code": (lambda c: c.enum is not None, "peut-être"),
    "quote": (lambda c: c.name == "quote", "« " + "très " * 80 + "»"),
}


@settings(FAST, max_examples=15)
@given(packages(), st.sampled_from(sorted(CELL_FAULTS)), st.randoms(use_true_random=False))
def test_a_random_single_fault_is_reported_with_file_row_and_column(package, fault, rnd):
    tables, _ = package
    hits, value = CELL_FAULTS[fault]
    places = [(name, i, c.name) for name, rows in tables.items() for i in range(len(rows))
              for c in contract.table(name).columns if hits(c) and c.name in rows[i]]
    if not places:
        return
    name, index, column = rnd.choice(places)
    if fault == "year" and column == "start":  # an end before its start is another fault
        tables[name][index]["end"] = ""
    tables[name][index][column] = value
    with tempfile.TemporaryDirectory() as tmp:
        folder = write(Path(tmp) / "pkg", (tables, True))
        before = snapshot(folder)
        with pytest.raises(DataValidationError) as caught:
            load_dataset(folder)
        assert snapshot(folder) == before
    found = [(p.file, p.row, p.column) for p in caught.value.problems if p.severity == "error"]
    assert (contract.table(name).file, index + 2, column) in found, (fault, found[:5])
    for problem in caught.value.problems:
        assert problem.message("fr") and problem.message("en")


@settings(FAST, max_examples=25)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.sampled_from(["schema", "fields", "name", "type",
                                                       "constraints", "pattern", "maxLength",
                                                       "primaryKey", "foreignKeys", "path",
                                                       "enum", "minimum"]), inner, max_size=4),
                    max_leaves=12))
def test_any_json_in_a_resource_is_reported_never_raised(junk):
    base = json.loads((ROOT / "tests" / "fixtures" / "jardins" / "datapackage.json")
                      .read_text(encoding="utf-8"))
    base["resources"][1] = junk if not isinstance(junk, dict) else {"name": "eras", **junk}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for file in (ROOT / "tests" / "fixtures" / "jardins").glob("*.csv"):
            (folder / file.name).write_bytes(file.read_bytes())
        (folder / "datapackage.json").write_text(json.dumps(base), encoding="utf-8")
        try:
            load_dataset(folder)
        except DataValidationError as err:
            assert all(p.message("en") for p in err.problems)
