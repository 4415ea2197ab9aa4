"""The synthetic generator writes valid packages, of the size asked, the same for a seed."""

import json

import networkx as nx
import pytest

from anis_viz import contract, synth
from anis_viz.data import load_dataset
from tests.conftest import JARDINS


def test_contract_descriptor_rebuilds_the_fixture_descriptor():
    expected = json.loads((JARDINS / "datapackage.json").read_text(encoding="utf-8"))
    meta = {k: v for k, v in expected.items() if k != "resources"}
    assert contract.descriptor(JARDINS, meta) == expected


def test_scale_1_is_about_the_embedded_data_and_loads_without_problems(tmp_path):
    ds = load_dataset(synth.generate(tmp_path / "s1", scale=1, seed=3))
    assert not ds.warnings
    assert (len(ds.actors), len(ds.relations), len(ds.events), len(ds.themes)) == (70, 80, 40, 25)
    assert len(ds.eras) == 3 and ds.eras["end"].iloc[-1] == ""  # the last era is open
    assert ds.events["start_year"].max() - ds.events["start_year"].min() < 20
    for frame in (ds.actors, ds.events, ds.relations, ds.theme_mentions, ds.eras):
        assert frame["quote"].str.len().max() <= 300
    assert (ds.events["era_id"] == "").any()  # background events before every era
    # coded values take their allowed values from the package's vocabulary
    kinds = next(f for r in ds.descriptor["resources"] if r["name"] == "actors"
                 for f in r["schema"]["fields"] if f["name"] == "kind")
    assert set(ds.actors["kind"]) <= set(kinds["constraints"]["enum"])


def test_custom_size_is_respected(tmp_path):
    size = synth.Size(actors=40, relations=300, events=60, themes=9, years=12, eras=2,
                      sections=5, mentions=50)
    ds = load_dataset(synth.generate(tmp_path / "custom", size=size, seed=2))
    assert (len(ds.actors), len(ds.relations), len(ds.events), len(ds.themes),
            len(ds.eras), len(ds.sections), len(ds.theme_mentions)) == (40, 300, 60, 9, 2, 5, 50)
    assert not (ds.relations["source_id"] == ds.relations["target_id"]).any()


def test_the_graph_has_hubs_and_ties_in_every_era(tmp_path):
    ds = load_dataset(synth.generate(tmp_path / "s10", scale=10, seed=1))
    graph = nx.Graph(zip(ds.relations["source_id"], ds.relations["target_id"], strict=True))
    degrees = sorted((d for _, d in graph.degree()), reverse=True)
    mean = sum(degrees) / len(degrees)
    assert degrees[0] > 5 * mean  # heavy tail (a Poisson graph would stay under 3x)
    communities = nx.community.louvain_communities(graph, seed=1)
    assert nx.community.modularity(graph, communities) > 0.3
    eras = ds.eras.sort_values("start_year")
    starts = ds.relations["start"].dropna()
    for first, last in zip(eras["start_year"], eras["end_year"].fillna(2017), strict=True):
        assert ((starts >= first) & (starts <= last)).sum() >= 10


def test_same_seed_same_bytes_and_another_seed_differs(tmp_path):
    def files(folder):
        return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}

    one = files(synth.generate(tmp_path / "a", scale=2, seed=5))
    assert one == files(synth.generate(tmp_path / "b", scale=2, seed=5))
    assert one["relations.csv"] != files(synth.generate(tmp_path / "c", scale=2, seed=6))[
        "relations.csv"]


@pytest.mark.parametrize("scale, actors, relations", [(1, 70, 80), (100, 5000, 20000)])
def test_sizes_at_scale_1_and_100(scale, actors, relations):
    size = synth.size_for(scale)
    assert (size.actors, size.relations) == (actors, relations)
    assert synth.size_for(10).actors > 5 * synth.size_for(1).actors


def test_command_line_writes_a_package(tmp_path, capsys):
    assert synth.main([str(tmp_path / "cli"), "--scale", "1", "--seed", "1", "--actors",
                       "30"]) == 0
    assert len(load_dataset(tmp_path / "cli").actors) == 30
