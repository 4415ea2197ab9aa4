"""Differential test: one seeded fault at a time in a copy of the embedded package; every
table that frictionless (the reference implementation of Table Schema) flags is flagged by
our validator too."""

import random
import shutil

import frictionless
import pandas as pd
import pytest

from anis_viz import contract
from anis_viz.data import DEFAULT_DATA, DataValidationError, load_dataset

MUTATIONS = 40  # bounded: ~0.5 s each
FAULTS = ("empty", "identifier", "code", "integer", "range", "quote", "duplicate", "dangling",
          "slide", "date", "drop_column")


def _read(folder, spec):
    return pd.read_csv(folder / spec.file, dtype=str, keep_default_na=False)


def mutate(folder, seed: int) -> str:
    """Apply one fault chosen by ``seed`` to the package in ``folder``; say which."""
    rng = random.Random(seed)
    fault = FAULTS[seed % len(FAULTS)]
    tables = [t for t in contract.TABLES if (folder / t.file).is_file()]
    for _ in range(100):
        spec = rng.choice(tables)
        frame = _read(folder, spec)
        if len(frame) < 2:
            continue
        row = rng.randrange(len(frame))
        columns = [c for c in spec.columns if c.name in frame.columns]
        pick = {
            "empty": [c for c in columns if c.required_cells],
            "identifier": [c for c in columns if c.constraints.get("pattern") == "^[a-z0-9_]+$"],
            "code": [c for c in columns if c.codes or c.enum],
            "integer": [c for c in columns if c.type == "integer"],
            "range": [c for c in columns if "maximum" in c.constraints],
            "quote": [c for c in columns if c.name == "quote"],
            "duplicate": [spec.column(k) for k in spec.primary_key[:1]],
            "dangling": [spec.column(fk[0]) for fk in spec.foreign_keys],
            "slide": [c for c in columns if c.name == "slide"],
            "date": [c for c in columns if c.constraints.get("pattern", "").startswith("^[0-9]{4}")],
            "drop_column": [c for c in columns if not c.optional],
        }[fault]
        if not pick:
            continue
        column = rng.choice(pick).name
        value = {"empty": "", "identifier": "Not An Id!", "code": "zz_unknown",
                 "integer": "about 2001", "range": str(rng.choice([500, 3500, -7])),
                 "quote": "« citation » " * 40, "dangling": "nobody_at_all", "slide": "0",
                 "date": rng.choice(["2001-13", "01/02/2003", "2001-02-30x"])}.get(fault)
        if fault == "duplicate":
            if len(spec.primary_key) > 1:
                continue
            other = (row + 1) % len(frame)
            value = frame.at[other, column]
        if fault == "drop_column":
            frame = frame.drop(columns=[column])
        else:
            frame.loc[row, column] = value
        frame.to_csv(folder / spec.file, index=False)
        return f"{fault}:{spec.name}:{row + 2}:{column}"
    raise AssertionError(f"no place for {fault}")


def flagged_by_frictionless(folder) -> set[str]:
    report = frictionless.validate(str(folder / "datapackage.json"))
    return {task.name for task in report.tasks if not task.valid}


def flagged_by_us(folder) -> set[str]:
    try:
        load_dataset(folder)
    except DataValidationError as err:
        files = {t.file: t.name for t in contract.TABLES}
        return {files.get(p.file, p.file) for p in err.problems if p.severity == "error"}
    return set()


def test_the_embedded_package_is_valid_for_both():
    assert flagged_by_frictionless(DEFAULT_DATA) == set() == flagged_by_us(DEFAULT_DATA)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    results = []
    for seed in range(MUTATIONS):
        folder = tmp_path_factory.mktemp(f"m{seed}") / "pkg"
        shutil.copytree(DEFAULT_DATA, folder)
        what = mutate(folder, seed)
        results.append((what, flagged_by_frictionless(folder), flagged_by_us(folder)))
    return results


def test_every_table_frictionless_flags_is_flagged_by_us(corpus):
    missed = [(what, theirs - ours) for what, theirs, ours in corpus if theirs - ours]
    assert missed == []


def test_the_corpus_is_not_trivial(corpus):
    assert sum(bool(theirs) for _, theirs, _ in corpus) >= MUTATIONS * 3 // 4
    assert len({what.split(":")[0] for what, _, _ in corpus}) == len(FAULTS)
    assert all(ours for _, _, ours in corpus)  # every fault is caught by us


def test_the_issue_s_four_faults(tmp_path):
    """One bad event_id, one relations.start of 500 and one slide 0: four tables flagged."""
    folder = tmp_path / "pkg"
    shutil.copytree(DEFAULT_DATA, folder)
    for file, column, value in (("events.csv", "event_id", "Bad Id"),
                                ("relations.csv", "start", "500"),
                                ("presentation.csv", "slide", "0")):
        frame = pd.read_csv(folder / file, dtype=str, keep_default_na=False)
        frame.loc[0, column] = value
        frame.to_csv(folder / file, index=False)
    theirs, ours = flagged_by_frictionless(folder), flagged_by_us(folder)
    assert theirs == {"events", "event_actors", "relations", "presentation"}
    assert theirs <= ours


BEFORE = {p.name: p.read_bytes() for p in DEFAULT_DATA.iterdir()}


def test_the_embedded_files_are_untouched(corpus):
    assert {p.name: p.read_bytes() for p in DEFAULT_DATA.iterdir()} == BEFORE
