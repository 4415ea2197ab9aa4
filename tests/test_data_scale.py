"""The validator's fast paths (hash-indexed keys, dates parsed once per value, labels
computed once) find exactly what the slow ones did, on a package of thousands of rows."""

import pandas as pd

from anis_viz import synth
from anis_viz.data import DataValidationError, load_dataset


def test_bad_keys_and_dates_are_found_row_by_row_in_a_large_package(tmp_path):
    folder = synth.generate(tmp_path / "big", scale=10, seed=4)
    relations = pd.read_csv(folder / "relations.csv", dtype=str, keep_default_na=False)
    relations.loc[1000, "target_id"] = "nobody"
    relations.to_csv(folder / "relations.csv", index=False)
    events = pd.read_csv(folder / "events.csv", dtype=str, keep_default_na=False)
    events.loc[500, "start"] = "2011-02-30"
    events.to_csv(folder / "events.csv", index=False)
    try:
        load_dataset(folder)
    except DataValidationError as err:
        found = {(p.code, p.file, p.row, p.column, p.value) for p in err.problems}
    else:
        raise AssertionError("the damaged package loaded")
    assert ("foreign_key", "relations.csv", 1002, "target_id", "nobody") in found
    assert ("date_invalid", "events.csv", 502, "start", "2011-02-30") in found
    assert len(found) == 2


def test_labels_are_computed_once_and_callers_cannot_change_them(jardins):
    labels = jardins.labels("kind", "en")
    labels["person"] = "changed"
    assert jardins.label("kind", "person", "en") == "Person"
    assert jardins.label("kind", "person", "fr") == "Personne"
    assert jardins.label("kind", "no_such_code") == "no such code"
