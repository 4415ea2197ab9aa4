"""The data layer: the real package loads; every class of bad input gets a precise message."""

import json

import pandas as pd
import pytest

from anis_viz.data import REQUIRED_COLUMNS, DataValidationError, load_dataset


def problems_of(path):
    with pytest.raises(DataValidationError) as caught:
        load_dataset(path)
    return caught.value.problems


def only(problems, code):
    found = [p for p in problems if p.code == code]
    assert found, f"no {code!r} among {[p.code for p in problems]}"
    return found[0]


def set_cell(path, file, row, column, value):
    """Set a cell, ``row`` numbered as a spreadsheet shows it (header = 1)."""
    frame = pd.read_csv(path / file, dtype=str, keep_default_na=False)
    frame.loc[row - 2, column] = value
    frame.to_csv(path / file, index=False)


# -- the embedded package -----------------------------------------------------------------

def test_anis_package_loads_with_every_file(anis):
    assert set(REQUIRED_COLUMNS) <= set(anis.tables)
    for name, columns in REQUIRED_COLUMNS.items():
        assert set(columns) <= set(anis.tables[name].columns), name


def test_anis_package_covers_the_text(anis):
    assert len(anis.eras) == 3
    assert len(anis.actors) > 50
    assert len(anis.relations) > 60
    assert len(anis.events) >= 30
    assert anis.events["start_year"].min() == 1998
    assert anis.events["start_year"].max() == 2017
    assert set(anis.actors["kind"]) >= {"person", "organisation", "public_body", "collective",
                                        "project"}
    assert anis.themes["theme_id"].isin(anis.theme_mentions["theme_id"]).all()


def test_anis_annual_meetings_are_editions_of_one_series(anis):
    series = anis.actors.loc[anis.actors["kind"] == "event_series", "actor_id"]
    editions = anis.event_actors[(anis.event_actors["role"] == "edition_of")
                                 & anis.event_actors["actor_id"].isin(series)]
    events = anis.events.set_index("event_id").loc[editions["event_id"]]
    dated = events[events["date_precision"] != "approximate"]
    assert sorted(dated["start_year"])[-4:] == [2012, 2013, 2014, 2015]  # the text's dated topics
    assert (events["date_precision"] == "approximate").sum() == 5  # five undated topics


def test_anis_eras_follow_the_text(anis):
    eras = anis.eras.sort_values("start_date")
    assert list(eras["start_year"]) == [2001, 2011, 2017]
    assert eras["end"].iloc[-1] == ""  # the transition is still open
    assert "Nord Internet Solidaire" in eras["label"].iloc[0]
    assert "Numérique et Innovation Sociale" in eras["label"].iloc[1]


def test_anis_metadata_cites_the_source(anis):
    assert anis.source["author"] == "E. Vandamme"
    assert anis.source["year"] == 2017
    assert anis.source["path"].startswith("https://movilab.org/wiki/ANIS")
    assert anis.version


def test_every_coded_value_has_labels_in_both_languages(anis):
    assert not [w for w in anis.warnings if w.code == "warn_unlabelled"]
    assert (anis.vocabulary["label_en"].str.strip() != "").all()


def test_loader_types_and_derived_dates(jardins):
    assert str(jardins.relations["start"].dtype) == "Int64"
    assert jardins.events.set_index("event_id").loc["ev_declaration", "start_year"] == 1998
    era = jardins.eras.set_index("era_id").loc["racines"]
    assert (era["start_date"], era["end_date"]) == (pd.Timestamp(1998, 3, 1),
                                                    pd.Timestamp(2004, 12, 31))
    assert jardins.content_hash and len(jardins.content_hash) == 16


# -- one bad fixture per problem class -----------------------------------------------------

def test_missing_file(package):
    (package / "themes.csv").unlink()
    problem = only(problems_of(package), "file_missing")
    assert problem.file == "themes.csv"
    assert "themes.csv" in problem.message("fr")


def test_empty_file(package):
    (package / "eras.csv").write_text("")
    problem = only(problems_of(package), "file_empty")
    assert problem.file == "eras.csv"
    assert "era_id" in problem.message("en")


def test_binary_and_workbook_files(package):
    (package / "actors.csv").write_bytes(b"\x00\x01\x02binary")
    (package / "themes.csv").write_bytes(b"PK\x03\x04 an xlsx workbook")
    problems = problems_of(package)
    assert only(problems, "file_binary").file == "actors.csv"
    workbook = only(problems, "file_xlsx")
    assert workbook.file == "themes.csv"
    assert "CSV UTF-8" in workbook.message("fr")


def test_missing_column_names_file_row_and_column(package):
    frame = pd.read_csv(package / "actors.csv", dtype=str, keep_default_na=False)
    frame.drop(columns="kind").to_csv(package / "actors.csv", index=False)
    problem = only(problems_of(package), "column_missing")
    assert (problem.file, problem.row, problem.column) == ("actors.csv", 1, "kind")


def test_extra_column_is_only_a_warning(package):
    frame = pd.read_csv(package / "themes.csv", dtype=str, keep_default_na=False)
    frame.assign(notes="x").to_csv(package / "themes.csv", index=False)
    ds = load_dataset(package)
    assert [(w.file, w.column) for w in ds.warnings if w.code == "column_extra"] == [
        ("themes.csv", "notes")]


def test_duplicate_key_names_the_first_row(package):
    set_cell(package, "actors.csv", 4, "actor_id", "marie")
    problem = only(problems_of(package), "duplicate_key")
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "actors.csv", 4, "actor_id", "marie")
    assert problem.params["first_row"] == 3
    assert "3" in problem.message("fr")


def test_dangling_foreign_key(package):
    set_cell(package, "relations.csv", 3, "target_id", "nobody")
    problem = only(problems_of(package), "foreign_key")
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "relations.csv", 3, "target_id", "nobody")
    assert "actors.csv" in problem.message("en")


def test_unparseable_date(package):
    set_cell(package, "events.csv", 2, "start", "2001-13")
    problem = only(problems_of(package), "date_invalid")
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "events.csv", 2, "start", "2001-13")
    assert "AAAA-MM" in problem.message("fr")


def test_end_before_start(package):
    set_cell(package, "events.csv", 3, "end", "1997")
    set_cell(package, "relations.csv", 3, "end", "1990")
    problems = [p for p in problems_of(package) if p.code == "end_before_start"]
    assert {(p.file, p.row, p.column) for p in problems} == {("events.csv", 3, "end"),
                                                             ("relations.csv", 3, "end")}


def test_month_end_is_not_before_a_year_start(package):
    set_cell(package, "events.csv", 2, "end", "1994")  # starts 1994, ends within 1994
    load_dataset(package)


def test_value_outside_allowed_set(package):
    set_cell(package, "actors.csv", 2, "kind", "alien")
    problem = only(problems_of(package), "enum")
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "actors.csv", 2, "kind", "alien")
    assert "person" in problem.message("en")


def test_integer_type(package):
    set_cell(package, "relations.csv", 2, "start", "vers 1998")
    problem = only(problems_of(package), "type_integer")
    assert (problem.file, problem.row, problem.column) == ("relations.csv", 2, "start")


def test_empty_required_cell_and_bad_identifier(package):
    set_cell(package, "themes.csv", 3, "label", "")
    set_cell(package, "themes.csv", 4, "theme_id", "Semences Bio")
    problems = problems_of(package)
    assert (only(problems, "required").row, only(problems, "required").column) == (3, "label")
    assert only(problems, "id_invalid").row == 4


def test_empty_and_too_long_quotes(package):
    set_cell(package, "actors.csv", 2, "quote", "")
    set_cell(package, "actors.csv", 3, "quote", "x" * 301)
    problems = problems_of(package)
    assert only(problems, "quote_empty").row == 2
    long = only(problems, "quote_too_long")
    assert (long.row, long.params["length"]) == (3, 301)


def test_mention_reference_follows_its_type(package):
    set_cell(package, "theme_mentions.csv", 2, "ref_id", "voisins")  # an actor, typed event
    problem = only(problems_of(package), "ref_invalid")
    assert (problem.row, problem.column, problem.value) == (2, "ref_id", "voisins")


def test_every_problem_is_reported_at_once(package):
    set_cell(package, "actors.csv", 2, "kind", "alien")
    set_cell(package, "events.csv", 2, "start", "someday")
    (package / "themes.csv").unlink()
    codes = {p.code for p in problems_of(package)}
    assert {"enum", "date_invalid", "file_missing"} <= codes


def test_descriptor_missing_or_broken(package, tmp_path):
    (package / "datapackage.json").write_text("{not json")
    assert only(problems_of(package), "descriptor_invalid").file == "datapackage.json"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert only(problems_of(empty), "descriptor_missing")
    assert only(problems_of(tmp_path / "nowhere"), "package_missing")


def test_resource_path_cannot_leave_the_package(package):
    descriptor = json.loads((package / "datapackage.json").read_text())
    descriptor["resources"][0]["path"] = "../../etc/passwd"
    (package / "datapackage.json").write_text(json.dumps(descriptor))
    assert only(problems_of(package), "resource_path_unsafe")


def test_french_spreadsheet_export_is_read(package):
    """Semicolons, Windows-1252 and a BOM: read correctly, with warnings saying so."""
    frame = pd.read_csv(package / "actors.csv", dtype=str, keep_default_na=False)
    text = frame.to_csv(index=False, sep=";")
    (package / "actors.csv").write_bytes(text.encode("cp1252", errors="replace"))
    (package / "sections.csv").write_bytes(
        "\ufeffsection_id,title,title_en\nA,Les débuts,Beginnings\nB,Le réseau,The network\n"
        "C,Aujourd’hui,Today\n".encode())
    ds = load_dataset(package)
    codes = {(w.file, w.code) for w in ds.warnings}
    assert {("actors.csv", "warn_cp1252"), ("actors.csv", "warn_semicolon")} <= codes
    assert "Réseau régional" in set(ds.actors["name"])
    assert list(ds.sections.columns[:1]) == ["section_id"]


def test_error_lists_problems_in_its_message(package):
    set_cell(package, "actors.csv", 2, "kind", "alien")
    with pytest.raises(DataValidationError, match=r"actors.csv:2:kind"):
        load_dataset(package)
