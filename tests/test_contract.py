"""The contract is declared once and everything derives from it; the validator reports a
malformed descriptor, bounds its work, and finds resources the way Frictionless does."""

import json
import shutil

import pandas as pd
import pytest

from anis_viz import contract, style, synth, upload
from anis_viz.data import REQUIRED_COLUMNS, DataValidationError, load_dataset
from tests.conftest import FIXTURES, JARDINS


def problems_of(path):
    with pytest.raises(DataValidationError) as caught:
        load_dataset(path)
    return caught.value.problems


def edit_descriptor(folder, change):
    file = folder / "datapackage.json"
    descriptor = json.loads(file.read_text(encoding="utf-8"))
    change(descriptor)
    file.write_text(json.dumps(descriptor), encoding="utf-8")


def fields_of(descriptor, name):
    res = next(r for r in descriptor["resources"] if r["name"] == name)
    return res["schema"]["fields"]


# -- one declaration, everything derived ---------------------------------------------------

def test_the_doc_tables_are_generated_from_the_declaration():
    text = contract.DOC.read_text(encoding="utf-8")
    assert contract.render_doc(text) == text, "run: python -m anis_viz.contract --doc"
    assert f"≤ {contract.QUOTE_MAX} characters" in text


def test_the_doc_drift_test_can_fail():
    text = contract.DOC.read_text(encoding="utf-8").replace("| `short_label` | string | optional",
                                                            "| `short_label` | string | required")
    assert contract.render_doc(text) != text


def test_required_columns_style_orders_and_synth_labels_come_from_the_contract():
    assert REQUIRED_COLUMNS["eras"] == ["era_id", "label", "start", "summary", "section_id",
                                        "quote"]
    assert "vocabulary" not in REQUIRED_COLUMNS and "presentation" not in REQUIRED_COLUMNS
    assert [c for c, _, _ in contract.DEFAULT_LABELS["kind"]] == style.KIND_ORDER
    assert {(v, c) for v, c, *_ in synth.VOCABULARY} <= {
        (v, c) for v, rows in contract.DEFAULT_LABELS.items() for c, _, _ in rows}
    table = upload.contract_table()
    assert list(table["file"]) == [t.file + (" (…)" if t.optional else "")
                                   for t in contract.TABLES]
    assert "(short_label)" in table.set_index("file").loc["eras.csv", "columns"]


def test_the_quote_limit_is_written_once():
    from pathlib import Path
    hits = [(p.name, line) for p in Path(contract.__file__).parent.rglob("*.py")
            if p.name != "contract.py"
            for line in p.read_text(encoding="utf-8").splitlines()
            if "300" in line and "quot" in line.lower()]
    assert hits == []


def test_the_descriptor_declares_optional_columns_only_when_present(tmp_path):
    shutil.copytree(FIXTURES / "minimal", tmp_path / "m")
    described = contract.descriptor(tmp_path / "m")
    eras = [f["name"] for f in fields_of(described, "eras")]
    assert eras == REQUIRED_COLUMNS["eras"]
    assert [r["name"] for r in described["resources"]] == list(REQUIRED_COLUMNS)
    full = contract.descriptor(JARDINS)
    assert "short_label" in [f["name"] for f in fields_of(full, "eras")]
    kind = next(f for f in fields_of(full, "actors") if f["name"] == "kind")
    assert kind["constraints"]["enum"][0] == "person"  # codes of vocabulary.csv, in order


def test_forward_columns_status_and_date_qualifiers_validate(package):
    events = pd.read_csv(package / "events.csv", dtype=str, keep_default_na=False)
    events["status"] = ["planned"] + [""] * (len(events) - 1)
    events["start_qualifier"] = ["circa"] + [""] * (len(events) - 1)
    events.to_csv(package / "events.csv", index=False)
    ds = load_dataset(package)
    assert list(ds.events["status"][:2]) == ["planned", "attested"]
    assert ds.events["start_qualifier"].iloc[0] == "circa"
    events.loc[1, "status"] = "rumoured"
    events.to_csv(package / "events.csv", index=False)
    (found,) = [p for p in problems_of(package) if p.code == "enum"]
    assert (found.file, found.row, found.column) == ("events.csv", 3, "status")


# -- resources found the way Frictionless finds them --------------------------------------

@pytest.mark.parametrize("name, path", [("event-actors", "event_actors.csv"),
                                        ("links", "event_actors.csv"),
                                        ("event_actors", "event-actors.csv"),
                                        ("Event-Actors", None)])
def test_resource_names_and_paths(package, name, path):
    target = path or f"{name}.csv"
    if target != "event_actors.csv":
        (package / "event_actors.csv").rename(package / target)

    def rename(descriptor):
        res = next(r for r in descriptor["resources"] if r["name"] == "event_actors")
        res["name"] = name
        if path is None:
            del res["path"]
        else:
            res["path"] = path
    edit_descriptor(package, rename)
    ds = load_dataset(package)
    assert len(ds.event_actors) > 0 and ds.file_of("event_actors") == target


def test_data_package_v2_descriptor(package):
    def v2(descriptor):
        descriptor.pop("profile")
        descriptor["$schema"] = "https://datapackage.org/profiles/2.0/datapackage.json"
        for res in descriptor["resources"]:
            res.pop("profile")
            res["type"] = "table"
    edit_descriptor(package, v2)
    assert len(load_dataset(package).events) > 0


# -- a malformed descriptor is a reported problem, never an exception ----------------------

def _set(resource, change):
    def apply(descriptor):
        change(next(r for r in descriptor["resources"] if r["name"] == resource))
    return apply


def _constraint(resource, column, rule, value):
    def change(res):
        spec = next(f for f in res["schema"]["fields"] if f["name"] == column)
        spec.setdefault("constraints", {})[rule] = value
    return _set(resource, change)


MALFORMED = {
    "schema_string": (_set("eras", lambda r: r.update(schema="x")), "descriptor_rule", "schema"),
    "schema_list": (_set("eras", lambda r: r.update(schema=[1])), "descriptor_rule", "schema"),
    "fields_string": (_set("eras", lambda r: r["schema"].update(fields="x")),
                      "descriptor_rule", "fields"),
    "field_no_name": (_set("eras", lambda r: r["schema"]["fields"][0].pop("name")),
                      "field_no_name", None),
    "field_not_object": (_set("eras", lambda r: r["schema"]["fields"].append(3)),
                         "field_invalid", None),
    "type_list": (_set("eras", lambda r: r["schema"]["fields"][0].update(type=["x"])),
                  "descriptor_rule", "type"),
    "constraints_string": (_set("eras", lambda r: r["schema"]["fields"][0].update(
        constraints="x")), "descriptor_rule", "constraints"),
    "max_length_text": (_constraint("eras", "quote", "maxLength", "ten"), "descriptor_rule",
                        "maxLength"),
    "pattern_number": (_constraint("eras", "era_id", "pattern", 5), "descriptor_rule",
                       "pattern"),
    "pattern_invalid": (_constraint("eras", "era_id", "pattern", "([a-z"), "pattern_invalid",
                        None),
    "required_text": (_constraint("eras", "era_id", "required", "yes"), "descriptor_rule",
                      "required"),
    "enum_string": (_constraint("actors", "kind", "enum", "person"), "descriptor_rule", "enum"),
    "minimum_text": (_constraint("relations", "start", "minimum", "1000"), "descriptor_rule",
                     "minimum"),
    "primary_key_number": (_set("eras", lambda r: r["schema"].update(primaryKey=3)),
                           "descriptor_rule", "primaryKey"),
    "foreign_keys_object": (_set("eras", lambda r: r["schema"].update(foreignKeys={})),
                            "descriptor_rule", "foreignKeys"),
    "foreign_key_no_reference": (_set("eras", lambda r: r["schema"].update(
        foreignKeys=[{"fields": "section_id"}])), "descriptor_rule", "foreignKeys"),
    "resource_not_object": (lambda d: d["resources"].append("x"), "resource_invalid", None),
    "path_list": (_set("eras", lambda r: r.update(path=["a.csv", "b.csv"])), "descriptor_rule",
                  "path"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_malformed_descriptor_is_reported_naming_the_file(package, case):
    change, code, rule = MALFORMED[case]
    edit_descriptor(package, change)
    problems = problems_of(package)
    found = [p for p in problems if p.code == code]
    assert found, [p.code for p in problems]
    assert found[0].file == "datapackage.json"
    if rule:
        assert found[0].params["rule"] == rule
    for lang in ("fr", "en"):
        message = found[0].message(lang)
        assert "datapackage.json" in message and len(message) > 40


def test_a_hostile_pattern_is_checked_in_linear_time(package):
    edit_descriptor(package, _constraint("actors", "name", "pattern", "(a+)+$"))
    frame = pd.read_csv(package / "actors.csv", dtype=str, keep_default_na=False)
    frame.loc[0, "name"] = "a" * 5000 + "!"
    frame.to_csv(package / "actors.csv", index=False)
    found = [p for p in problems_of(package) if p.code == "pattern"]
    assert {p.column for p in found} == {"name"}


# -- bounded work ------------------------------------------------------------------------

def test_problems_past_the_cap_are_counted_per_kind(package, monkeypatch):
    monkeypatch.setattr(contract, "MAX_PROBLEMS", 10)
    rows = "".join(f"x{i},Label,Label,pratique_x\n" for i in range(50))
    (package / "themes.csv").write_text("theme_id,label,label_en,family\n" + rows)
    problems = problems_of(package)
    listed = [p for p in problems if p.code != "more_problems"]
    counted = [p for p in problems if p.code == "more_problems"]
    assert len(listed) <= 20
    assert counted and sum(p.params["count"] for p in counted) + len(listed) >= 50
    assert "themes.csv" in {p.file for p in counted}
    assert "autre" in counted[0].message("fr")


def test_too_many_rows_or_cells_are_refused_before_the_checks(package, monkeypatch):
    monkeypatch.setattr(contract, "MAX_ROWS", 3)
    (found,) = {p.code for p in problems_of(package) if p.file == "actors.csv"}
    assert found == "too_many_rows"
    monkeypatch.setattr(contract, "MAX_ROWS", 10_000)
    monkeypatch.setattr(contract, "MAX_CELLS", 50)
    assert {p.code for p in problems_of(package)} == {"too_many_cells"}


def test_the_time_budget_stops_the_checks(package, monkeypatch):
    monkeypatch.setattr(contract, "VALIDATION_SECONDS", -1.0)
    codes = [p.code for p in problems_of(package)]
    assert codes == ["validation_timeout"]


def test_the_template_from_a_minimal_package_offers_every_column(tmp_path):
    import io
    import zipfile

    minimal = load_dataset(FIXTURES / "minimal")
    data = upload.template_zip(minimal, upload.descriptor_meta("Mon histoire", "My history"))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(tmp_path)
    ds = load_dataset(tmp_path)
    assert not [w for w in ds.warnings if w.code != "warn_unlabelled"]
    for spec in contract.TABLES:
        if spec.name != "presentation":  # the minimal package has no deck to show
            header = (tmp_path / spec.file).read_text(encoding="utf-8").splitlines()[0]
            assert header.split(",") == [c.name for c in spec.columns], spec.name
    assert set(ds.vocabulary["vocabulary"]) >= {"kind", "category", "role", "relation"}
    assert (len(ds.eras), len(ds.events)) == (1, 1)  # an example row even without era_id


def test_header_only_tables_never_raise(package):
    """Regression: an empty date column read as text once broke the date check."""
    for name in ("eras", "events", "relations", "themes", "theme_mentions", "event_actors"):
        header = (package / f"{name}.csv").read_text(encoding="utf-8").splitlines()[0]
        (package / f"{name}.csv").write_text(header + "\n", encoding="utf-8")
    ds = load_dataset(package)
    assert (len(ds.eras), len(ds.events)) == (0, 0)


def test_uploading_the_csv_files_of_a_minimal_package_one_by_one():
    files = [(p.name, p.read_bytes()) for p in (FIXTURES / "minimal").glob("*.csv")]
    ds, notices, problems = upload.load_upload(files, max_bytes=10**7)
    assert ds is not None, [str(p) for p in problems]
    assert "descriptor_inferred" in {p.code for p in problems}
    assert len(ds.events) == 9 and ds.label("relation", "member_of", "en") == "member of"
