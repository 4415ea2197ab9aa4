"""The one cache of the package: answers computed once per data content and arguments.

``@per_content`` caches a function whose first argument is the data (a :class:`Dataset`, or
anything ``key=`` maps to a hashable content key) by that content and the other arguments::

    @per_content(maxsize=8)
    def event_table(ds, lang): ...

- **Once under load.** Each key has its own lock: callers arriving together on a cold key
  wait for the first one's answer instead of computing it again.
- **Bounded.** Each function keeps at most ``maxsize`` answers, and all of them together
  about :data:`MAX_BYTES` (``ANIS_VIZ_CACHE_MB``): the least recently used go first.
- **No longer than the data.** A dataset's answers leave the cache when the last dataset
  object of that content is garbage collected (an upload whose session has ended), so the
  cache never keeps anyone's upload alive. The cache keeps the content hash, never the data;
  the memory freed then goes back to the system (:func:`give_back`).
- **Read-only answers.** A DataFrame or Series comes back as a shallow copy (pandas copies
  on write: a caller's change never reaches the cache), a dict as a shallow copy, a NetworkX
  graph frozen. Other values (figures, charts, tuples) are shared between callers: never
  change them (copy a figure with ``go.Figure(fig)``).
- :func:`clear` empties it (tests, the benchmark's cold runs).

``@per_args`` is the same cache for small pure functions of hashable arguments.

>>> calls = []
>>> @per_args(maxsize=4)
... def square(x):
...     calls.append(x)
...     return x * x
>>> square(3), square(3), calls
(9, 9, [3])
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import itertools
import os
import sys
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable

import networkx as nx
import pandas as pd

__all__ = ["MAX_BYTES", "clear", "content_key", "give_back", "per_args", "per_content", "stats"]

MAX_BYTES = int(float(os.environ.get("ANIS_VIZ_CACHE_MB", "256")) * 2**20)
GIVE_BACK_AFTER = 1.0  # seconds after a dataset's last object is collected

_lock = threading.Lock()  # guards everything below; never held while computing
_entries: OrderedDict = OrderedDict()  # key -> (value, nbytes, content), oldest first
_per_function: dict[str, OrderedDict] = {}  # function -> its keys, oldest first
_computing: dict[Hashable, threading.Lock] = {}  # key -> the lock its first caller holds
_bytes = 0
_live: dict[int, Hashable] = {}  # id of a dataset object seen -> its content key
_owners: dict[Hashable, int] = {}  # content key -> dataset objects alive with it
_released: list[Hashable] = []  # content keys of datasets collected, not yet counted
_tokens = itertools.count()
_counts = {"hits": 0, "misses": 0}


def content_key(ds) -> Hashable | None:
    """A dataset's cache key: its content hash (a dataset built in memory, with no hash, is
    a key of its own for as long as it lives). Registers the object, so that the key's
    answers leave the cache with the last object of that content."""
    ident = id(ds)
    known = _live.get(ident)
    if known is not None:
        return known
    with _lock:
        if (known := _live.get(ident)) is not None:
            return known
        key = ("hash", ds.content_hash) if getattr(ds, "content_hash", "") else \
            ("object", next(_tokens))
        _live[ident] = key
        _owners[key] = _owners.get(key, 0) + 1
    weakref.finalize(ds, _release, ident, key)
    return key


def _release(ident: int, key: Hashable) -> None:
    # Runs when a dataset object is collected, possibly inside a locked section of this
    # module (a collection triggered by an allocation): record it, count it when free.
    _live.pop(ident, None)
    _released.append(key)
    _drain()


def _drain() -> None:
    if not _released or not _lock.acquire(blocking=False):
        return
    gone = False
    try:
        while _released:
            key = _released.pop()
            _owners[key] = _owners.get(key, 1) - 1
            if _owners[key] <= 0:
                del _owners[key]
                gone = True
                for entry in [k for k, e in _entries.items() if e[2] and e[2][:2] == key]:
                    _evict(entry)
    finally:
        _lock.release()
    if gone:  # once the dataset itself is freed too (just after its finalizer)
        timer = threading.Timer(GIVE_BACK_AFTER, give_back)
        timer.daemon = True
        timer.start()


def _libc():
    with contextlib.suppress(OSError, AttributeError):
        return ctypes.CDLL("libc.so.6") if sys.platform.startswith("linux") else None
    return None


_LIBC = _libc()


def give_back() -> None:
    """Hand freed memory back to the system. Freed memory otherwise stays in the process:
    pandas keeps its strings in Arrow's memory pool, the rest sits in the C allocator's
    arenas (a dataset of 13 MB of CSV held about 200 MB that way after it was freed).
    First, the answers of datasets collected meanwhile leave the cache: a dataset collected
    while the cache was busy (a collection started inside it) is otherwise let go of only
    at the next call to a cached function."""
    _drain()
    arrow = sys.modules.get("pyarrow")
    if arrow is not None:
        with contextlib.suppress(Exception):
            arrow.default_memory_pool().release_unused()
    if _LIBC is not None:
        with contextlib.suppress(Exception):
            _LIBC.malloc_trim(0)


def approx_bytes(value, _depth: int = 0) -> int:
    """About how many bytes ``value`` holds (DataFrames, graphs, figures, containers)."""
    if isinstance(value, pd.DataFrame | pd.Series):
        return int(value.memory_usage(deep=True, index=True).sum()
                   if isinstance(value, pd.DataFrame) else value.memory_usage(deep=True))
    if isinstance(value, bytes | str):
        return sys.getsizeof(value)
    if isinstance(value, nx.Graph):
        return 600 * (value.number_of_nodes() + value.number_of_edges()) + 1000
    if hasattr(value, "to_plotly_json") and hasattr(value, "to_json"):  # a plotly figure
        return 2 * len(value.to_json())
    if _depth > 3:
        return sys.getsizeof(value)
    if isinstance(value, dict):
        return sys.getsizeof(value) + sum(approx_bytes(k, _depth + 1) + approx_bytes(v, _depth + 1)
                                          for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return sys.getsizeof(value) + sum(approx_bytes(v, _depth + 1) for v in value)
    if hasattr(value, "__dataclass_fields__"):
        return sum(approx_bytes(getattr(value, name), _depth + 1)
                   for name in value.__dataclass_fields__)
    return sys.getsizeof(value)


def _evict(key: Hashable) -> None:
    global _bytes
    _value, nbytes, _content = _entries.pop(key)
    _bytes -= nbytes
    _per_function[key[0]].pop(key, None)


def _store(key: Hashable, value, content: Hashable, maxsize: int) -> None:
    global _bytes
    nbytes = approx_bytes(value)
    with _lock:
        if key in _entries:
            _evict(key)
        _entries[key] = (value, nbytes, content)
        keys = _per_function.setdefault(key[0], OrderedDict())
        keys[key] = None
        _bytes += nbytes
        while len(keys) > maxsize:
            _evict(next(iter(keys)))
        while _bytes > MAX_BYTES and len(_entries) > 1:
            _evict(next(iter(_entries)))


def _lookup(key: Hashable):
    with _lock:
        entry = _entries.get(key)
        if entry is None:
            return False, None
        _entries.move_to_end(key)
        _per_function[key[0]].move_to_end(key)
        _counts["hits"] += 1
        return True, entry[0]


def _read_only(value):
    if isinstance(value, pd.DataFrame | pd.Series):
        return value.copy(deep=False)
    if isinstance(value, dict):
        return dict(value)
    return value


def _frozen(value):
    if isinstance(value, nx.Graph) and not nx.is_frozen(value):
        nx.freeze(value)
    return value


def _cached(key: Hashable, content: Hashable, maxsize: int, compute: Callable[[], object]):
    found, value = _lookup(key)
    if found:
        return _read_only(value)
    with _lock:
        gate = _computing.setdefault(key, threading.Lock())
    try:
        with gate:  # one caller computes; the others wait here, then find its answer
            found, value = _lookup(key)
            if not found:
                with _lock:
                    _counts["misses"] += 1
                value = _frozen(compute())
                _store(key, value, content, maxsize)
    finally:
        with _lock:
            if _computing.get(key) is gate and not gate.locked():
                del _computing[key]
        _drain()
    return _read_only(value)


def _hashable(value):
    if isinstance(value, list):
        return ("__list__", tuple(_hashable(v) for v in value))
    if isinstance(value, dict):
        return ("__dict__", tuple(sorted((k, _hashable(v)) for k, v in value.items())))
    return value


def per_content(func: Callable | None = None, *, maxsize: int = 16,
                key: Callable[[object], Hashable | None] = content_key):
    """Cache ``func(data, *args, **kwargs)`` by ``key(data)`` and the other arguments
    (hashable, or lists and dicts of them). ``key`` gives a tuple that starts with the
    data's :func:`content_key` (what the answer is evicted with), or None not to cache the
    call (a graph built by hand, with no content hash)."""
    def wrap(func: Callable) -> Callable:
        name = f"{func.__module__}.{func.__qualname__}"

        @functools.wraps(func)
        def cached(data, *args, **kwargs):
            content = key(data)
            if content is None:
                return func(data, *args, **kwargs)
            call = (name, content, _hashable(args), _hashable(kwargs))
            return _cached(call, content, maxsize, lambda: func(data, *args, **kwargs))

        cached.uncached = func
        return cached
    return wrap(func) if func is not None else wrap


def per_args(func: Callable | None = None, *, maxsize: int = 1024):
    """Cache ``func(*args)`` by its (hashable) arguments: small pure functions."""
    def wrap(func: Callable) -> Callable:
        name = f"{func.__module__}.{func.__qualname__}"

        @functools.wraps(func)
        def cached(*args):
            return _cached((name, args), None, maxsize, lambda: func(*args))

        cached.uncached = func
        return cached
    return wrap(func) if func is not None else wrap


def clear() -> None:
    """Forget every answer (the datasets seen stay registered)."""
    global _bytes
    with _lock:
        _entries.clear()
        _per_function.clear()
        _bytes = 0
        _counts.update(hits=0, misses=0)


def stats() -> dict:
    """Entries, approximate bytes, hits and misses since the last :func:`clear`, and the
    entries per function."""
    with _lock:
        return {"entries": len(_entries), "bytes": _bytes, **_counts,
                "functions": {name: len(keys) for name, keys in _per_function.items() if keys}}
