"""The one way to serve the app: ``anis_viz.serve`` (``make run``, ``anis-viz run``,
``scripts/serve.py``, the browser tests), with its fix for deep links on a fresh server."""

import gc
import os
import subprocess
import sys
import time
import weakref
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager

from anis_viz import serve

ROOT = Path(__file__).resolve().parent.parent


def test_navigation_only_turns_the_pages_folder_mode_off(monkeypatch):
    monkeypatch.setattr(PagesManager, "uses_pages_directory", True)
    serve.navigation_only()
    assert PagesManager.uses_pages_directory is False


def test_main_runs_the_app_with_the_fix(monkeypatch):
    seen = {}
    monkeypatch.setattr(PagesManager, "uses_pages_directory", None)
    monkeypatch.setattr(serve, "collect_garbage", lambda: None)
    monkeypatch.setattr(serve, "c_allocator", lambda: None)
    monkeypatch.setattr(serve.cli, "main", lambda: seen.update(
        argv=list(sys.argv), flag=PagesManager.uses_pages_directory) or 0)
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    assert serve.main(["--server.port", "8599"]) == 0
    assert seen["argv"] == ["streamlit", "run", str(ROOT / "app.py"), "--server.port", "8599"]
    assert seen["flag"] is False
    assert serve.APP.exists()


def test_garbage_is_collected_in_the_background():
    class Node:
        pass

    was_enabled = gc.isenabled()
    gc.disable()  # as on an idle server: no automatic collection
    try:
        node = Node()
        node.self = node  # a cycle: only a full collection frees it
        alive = weakref.ref(node)
        del node
        serve.collect_garbage(every=0.05)
        deadline = time.monotonic() + 5
        while alive() is not None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert alive() is None
    finally:
        if was_enabled:
            gc.enable()



def test_ended_sessions_files_are_dropped_in_the_background(monkeypatch):
    """The background loop lets Streamlit drop the files no session refers to, then hands
    memory back, on a quiet server too."""
    calls = []
    monkeypatch.setattr(serve, "drop_orphaned_files", lambda: calls.append("files"))
    monkeypatch.setattr(serve, "give_back", lambda: calls.append("memory"))
    serve.collect_garbage(every=0.05)
    deadline = time.monotonic() + 5
    while min(calls.count("files"), calls.count("memory")) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert calls.count("files") >= 2 and calls.count("memory") >= 2


def test_every_way_to_serve_goes_through_it():
    makefile = (ROOT / "Makefile").read_text()
    run = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "scripts/serve.py" in run and "streamlit run" not in makefile
    assert "scripts\" / \"serve.py" in (ROOT / "anis_viz" / "devserver.py").read_text()
    assert "from anis_viz.serve import main" in (ROOT / "scripts" / "serve.py").read_text()


def test_the_allocator_is_told_to_keep_few_arenas():
    assert serve.fewer_arenas() is sys.platform.startswith("linux")


def test_a_served_process_allocates_arrow_memory_from_the_system(tmp_path):
    # Arrow's own pool (mimalloc) keeps what it frees; the system's gives it back.
    import os
    import subprocess

    env = {k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"}
    code = ("import anis_viz.serve, pandas as pd, pyarrow as pa; "
            "s = pd.Series(['a', 'b'] * 1000, dtype='str'); "
            "print(pa.default_memory_pool().backend_name, pa.total_allocated_bytes() > 0)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, text=True,
                         capture_output=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["system", "True"]


def test_the_pool_is_switched_when_pyarrow_came_first(monkeypatch):
    import pyarrow as pa

    before = pa.default_memory_pool()
    monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL", raising=False)
    try:
        pa.set_memory_pool(pa.mimalloc_memory_pool())
        assert serve.system_memory_pool() == "system"
        assert pa.default_memory_pool().backend_name == "system"
    finally:
        pa.set_memory_pool(before)


def _session(name: str, data: object, shutdown=lambda: None):
    """A session shaped as Streamlit's: its state holds ``data``, and so do one of its
    widget callbacks and one of its fragments, as a page script's globals do."""
    from types import SimpleNamespace

    from streamlit.runtime.fragment import MemoryFragmentStorage
    from streamlit.runtime.state.common import WidgetMetadata
    from streamlit.runtime.state.session_state import SessionState

    state = SessionState()
    state["upload"] = data
    state._set_widget_metadata(WidgetMetadata(
        id="w", deserializer=lambda v: v, serializer=lambda v: v, value_type="string_value",
        callback=lambda d=data: d))
    fragments = MemoryFragmentStorage()
    fragments.register("f", lambda d=data: d)
    return SimpleNamespace(id=name, session_state=state, _fragment_storage=fragments,
                           shutdown=shutdown)


def test_a_shut_down_session_lets_go_of_its_data_while_it_is_still_held():
    class Upload:
        pass

    upload = Upload()
    held = weakref.ref(upload)
    session = _session("a", upload)  # Streamlit's message loop may hold it a long time
    del upload
    gc.collect()
    assert held() is not None
    serve.empty_session(session)
    gc.collect()
    assert held() is None
    serve.empty_session(object())  # anything else: nothing to let go of, no error


def test_sessions_that_left_are_let_go_after_their_ttl(monkeypatch):
    import threading
    from types import SimpleNamespace

    from streamlit.runtime import Runtime
    from streamlit.runtime.memory_session_storage import MemorySessionStorage
    from streamlit.runtime.session_manager import SessionInfo

    class Upload:
        pass

    assert serve.forget_disconnected() == 0  # no server in this process
    kept = MemorySessionStorage(ttl_seconds=600)
    gone = MemorySessionStorage(ttl_seconds=1)
    shut, uploads, sessions = [], {}, []
    for storage in (kept, gone):
        for name in ("a", "b"):
            upload = Upload()
            uploads[storage, name] = weakref.ref(upload)
            session = _session(name, upload, lambda s=storage, n=name: shut.append((s, n)))
            del upload
            sessions.append(session)  # as Streamlit's message loop may still hold one
            storage.save(SessionInfo(client=None, session=session))
    time.sleep(1.2)  # the second one's sessions left more than its TTL ago
    for storage in (kept, gone):
        manager = SimpleNamespace(_session_storage=storage, _storage_lock=threading.Lock())
        monkeypatch.setattr(Runtime, "_instance", SimpleNamespace(_session_mgr=manager))
        left = serve.forget_disconnected()
        assert (left, len(storage._cache)) == ((0, 2) if storage is kept else (2, 0))
    assert shut == [(gone, "a"), (gone, "b")]  # its upload leaves Streamlit's store
    gc.collect()
    # The session's data goes with it, even while its session object is still held.
    assert {key: ref() is None for key, ref in uploads.items()} == {
        (kept, "a"): False, (kept, "b"): False, (gone, "a"): True, (gone, "b"): True}


def test_the_server_runs_on_the_c_allocator(tmp_path):
    """``serve.main`` starts itself again with ``PYTHONMALLOC=malloc`` (same process)."""
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import os, sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from anis_viz import serve\n"
        "print(os.getpid(), os.environ.get('PYTHONMALLOC'), flush=True)\n"
        "serve.c_allocator()\n")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONMALLOC"}
    out = subprocess.run([sys.executable, str(probe)], env=env, capture_output=True,
                         text=True, timeout=60, check=True).stdout.split()
    assert out[1] == "None" and out[3] == "malloc" and out[0] == out[2]
