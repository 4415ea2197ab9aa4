"""The one cache (anis_viz.cache): once per content and arguments, once under load, bounded,
read-only answers, and no answer outliving the data it was computed from."""

import gc
import json
import threading
import time
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from anis_viz import cache, network
from anis_viz import network_view as nv
from anis_viz.data import Dataset, load_dataset
from tests.conftest import JARDINS


def _dataset(digest: str = "") -> Dataset:
    return Dataset(Path("."), {}, {"events": pd.DataFrame({"n": [1, 2, 3]})},
                   content_hash=digest)


CALLS: list = []


@cache.per_content(maxsize=4)
def _total(ds: Dataset, factor: int = 1) -> pd.DataFrame:
    CALLS.append(factor)
    return ds.events * factor


@pytest.fixture(autouse=True)
def _clean():
    cache.clear()
    CALLS.clear()
    yield
    cache.clear()


def test_computed_once_per_content_and_arguments():
    one, same, other = _dataset("aaa"), _dataset("aaa"), _dataset("bbb")
    assert _total(one, 2)["n"].tolist() == [2, 4, 6]
    assert _total(same, 2)["n"].tolist() == [2, 4, 6]  # same content: same answer
    assert CALLS == [2]
    _total(one, 3)
    _total(other, 2)
    assert CALLS == [2, 3, 2]
    assert cache.stats()["hits"] == 1 and cache.stats()["misses"] == 3


def test_two_hundred_threads_on_a_cold_key_compute_once():
    calls = []

    @cache.per_content
    def slow(ds):
        calls.append(1)
        time.sleep(0.2)  # long enough for every thread to arrive while it runs
        return len(ds.events)

    ds = _dataset("cold")
    start = threading.Barrier(200)
    answers = []

    def viewer():
        start.wait()
        answers.append(slow(ds))

    threads = [threading.Thread(target=viewer) for _ in range(200)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert answers == [3] * 200


def test_a_failed_computation_is_not_cached():
    attempts = []

    @cache.per_content
    def flaky(ds):
        attempts.append(1)
        if len(attempts) == 1:
            raise ValueError("first time")
        return "ok"

    ds = _dataset("flaky")
    with pytest.raises(ValueError):
        flaky(ds)
    assert flaky(ds) == "ok" and flaky(ds) == "ok"
    assert len(attempts) == 2


def test_answers_are_read_only_for_callers():
    ds = _dataset("ro")
    first = _total(ds)
    first["n"] = 0  # a caller's change never reaches the cache
    first.loc[0, "n"] = 99
    assert _total(ds)["n"].tolist() == [1, 2, 3]
    ds = load_dataset(JARDINS)
    graph = nv._graph(ds)
    assert nx.is_frozen(graph)
    with pytest.raises(nx.NetworkXError):
        graph.add_node("intruder")
    positions = network.layout(graph)
    positions["intruder"] = (0.0, 0.0)
    assert "intruder" not in network.layout(graph)


def test_bounded_in_entries_and_bytes(monkeypatch):
    ds = _dataset("bounded")
    for factor in range(10):
        _total(ds, factor)
    assert cache.stats()["functions"][f"{__name__}._total"] == 4  # maxsize
    _total(ds, 9)
    assert CALLS[-1] == 9 and len(CALLS) == 10  # the most recent stayed
    _total(ds, 0)
    assert len(CALLS) == 11  # the oldest went
    monkeypatch.setattr(cache, "MAX_BYTES", 1)
    _total(ds, 42)
    assert cache.stats()["entries"] == 1  # over the byte budget: only the newest stays


def test_answers_leave_with_the_last_dataset_of_their_content():
    first, second = _dataset("upload"), _dataset("upload")
    _total(first)
    _total(second)  # the same answer, asked with another object of that content
    assert CALLS == [1]
    del first
    gc.collect()
    assert cache.stats()["entries"] == 1  # another object of that content is alive
    del second
    gc.collect()
    assert cache.stats()["entries"] == 0



def test_a_dataset_collected_while_the_cache_is_busy_leaves_at_the_next_give_back():
    ds = _dataset("busy")
    _total(ds)
    with cache._lock:  # a collection that starts while the cache holds its lock
        del ds
        gc.collect()
    assert cache.stats()["entries"] == 1  # released, but not yet let go of
    cache.give_back()  # what the server runs every 30 s
    assert cache.stats()["entries"] == 0


def test_an_uploaded_package_is_not_kept_alive_by_its_answers(package):
    descriptor = json.loads((package / "datapackage.json").read_text())
    descriptor["title"] = "Un envoi"  # content of its own: no other test holds it
    (package / "datapackage.json").write_text(json.dumps(descriptor))
    ds = load_dataset(package)
    nv.cached(ds, "fr", nv.View())
    nv.cached(ds, "en", nv.View(events=True))
    assert cache.stats()["entries"] > 5
    alive = [ds]
    del ds
    gc.collect()
    assert cache.stats()["entries"] > 5
    alive.clear()
    gc.collect()
    assert cache.stats()["entries"] == 0


def test_a_dataset_without_hash_is_its_own_key():
    one, two = _dataset(), _dataset()
    _total(one)
    _total(two)
    _total(one)
    assert CALLS == [1, 1]


def test_clear_forgets_everything():
    ds = _dataset("clear")
    _total(ds)
    cache.clear()
    assert cache.stats()["entries"] == 0
    _total(ds)
    assert CALLS == [1, 1]


def test_per_args_caches_small_functions():
    seen = []

    @cache.per_args(maxsize=2)
    def shout(word):
        seen.append(word)
        return word.upper()

    assert [shout("a"), shout("a"), shout("b"), shout("c"), shout("a")] == \
        ["A", "A", "B", "C", "A"]
    assert seen == ["a", "b", "c", "a"]


def test_a_download_is_made_once_and_leaves_with_its_data(package):
    from anis_viz import export, ui, views

    descriptor = json.loads((package / "datapackage.json").read_text())
    descriptor["title"] = "Un autre envoi"  # content of its own: no other test holds it
    (package / "datapackage.json").write_text(json.dumps(descriptor))
    ds = load_dataset(package)
    (chart,) = views.build(views.Overview(), ds, "fr")
    make = ui._deferred("csv", chart, export.stamp(ds, "fr"), ds)
    first = make()
    assert first == export.csv_bytes(chart.data) and first.startswith(b"\xef\xbb\xbfkind,")
    assert make() is first  # made once
    assert cache.stats()["functions"].get("anis_viz.ui._export_bytes") == 1
    del ds, chart, make
    gc.collect()
    assert "anis_viz.ui._export_bytes" not in cache.stats()["functions"]
