"""Several replicas behind HAProxy (``make serve``) and the load test, for real: two
Streamlit processes and Debian's haproxy on free loopback ports."""

from __future__ import annotations

import concurrent.futures
import gzip
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from anis_viz import loadtest, replicas

ROOT = Path(__file__).resolve().parent.parent
STATIC = Path(__import__("streamlit").__file__).parent / "static"

pytestmark = pytest.mark.serve
needs_haproxy = pytest.mark.skipif(replicas.haproxy_binary() is None,
                                   reason="haproxy is not installed (make serve installs it)")


def test_the_committed_container_configuration_is_the_generated_one():
    assert (ROOT / "deploy" / "haproxy.cfg").read_text() == replicas.compose_config(2, 8501)


@needs_haproxy
def test_haproxy_accepts_the_configurations(tmp_path):
    local = tmp_path / "local.cfg"
    replicas.precompress(tmp_path / "gz")
    local.write_text(replicas.haproxy_config(
        "127.0.0.1:1", [replicas.Backend("r1", "127.0.0.1", 2),
                        replicas.Backend("r2", "127.0.0.1", 3)], static_gz=tmp_path / "gz"))
    for config in (local, ROOT / "deploy" / "haproxy.cfg"):
        check = subprocess.run([replicas.haproxy_binary(), "-c", "-q", "-f", str(config)],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stderr


def test_the_load_test_refuses_other_addresses():
    for url in ("http://10.0.0.1:8501/", "http://192.168.1.5/", "https://127.0.0.1/",
                "http://example.org/"):
        with pytest.raises(ValueError):
            loadtest.run(url, users=1)
    with pytest.raises(ValueError):
        loadtest.run("http://127.0.0.1:1/", users=loadtest.MAX_USERS + 1)


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    if replicas.haproxy_binary() is None:
        pytest.skip("haproxy is not installed (make serve installs it)")
    served = replicas.Replicas(port=replicas._free_port(), count=2, warm=False,
                               log_dir=tmp_path_factory.mktemp("serve"))
    served.start()
    yield served
    served.stop()


def _get(url: str, headers: dict | None = None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return answer.status, answer.headers, answer.read()


def _replica_cookie(headers) -> str | None:
    for value in headers.get_all("Set-Cookie") or []:
        if value.startswith(f"{replicas.COOKIE}="):
            return value.split(";", 1)[0].split("=", 1)[1]
    return None


def test_health_and_a_sticky_cookie(proxy):
    base = f"http://127.0.0.1:{proxy.port}"
    status, headers, body = _get(f"{base}/_stcore/health")
    assert status == 200 and body == b"ok"
    names = {b.name for b in proxy.backends}
    seen = set()
    for _ in range(6):
        _, headers, _ = _get(f"{base}/_stcore/health")
        replica = _replica_cookie(headers)
        assert replica in names
        assert "httponly" in headers.get_all("Set-Cookie")[-1].lower()
        seen.add(replica)
    assert seen == names  # new browsers are spread over both replicas
    # a browser that holds the cookie stays where it is: no new cookie is given
    for name in names:
        _, headers, _ = _get(f"{base}/_stcore/health",
                             {"Cookie": f"{replicas.COOKIE}={name}"})
        assert _replica_cookie(headers) is None
    _, headers, _ = _get(f"{base}/_stcore/health", {"Cookie": f"{replicas.COOKIE}=nobody"})
    assert _replica_cookie(headers) in names


def test_static_bundles_are_gzipped_and_cached_for_a_year(proxy):
    base = f"http://127.0.0.1:{proxy.port}"
    biggest = max((STATIC / "static" / "js").glob("*.js"), key=lambda p: p.stat().st_size)
    status, headers, body = _get(f"{base}/static/js/{biggest.name}",
                                 {"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == biggest.read_bytes()
    # precompressed at the highest level, not HAProxy's faster and larger gzip
    assert body == gzip.compress(biggest.read_bytes(), 9, mtime=0)
    assert headers.get_all("Cache-Control") == ["public, max-age=31536000, immutable"]
    assert _replica_cookie(headers) is None  # the same file on every replica
    # the page itself is compressed but never kept: a new version must reach everyone
    status, headers, body = _get(f"{base}/", {"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert b"<html" in gzip.decompress(body).lower()
    assert "max-age=31536000" not in (headers.get("Cache-Control") or "")
    # no compression for a client that does not ask for it
    _, headers, body = _get(f"{base}/static/js/{biggest.name}")
    assert headers.get("Content-Encoding") is None and body == biggest.read_bytes()


def test_warming_opens_every_page_in_both_languages(proxy):
    paths = replicas.warm_paths()
    assert "/" in paths and "/?lang=en" in paths and "/reseau?lang=en" in paths
    assert len(paths) == 2 * len(__import__("anis_viz.nav").nav.PAGES)
    backend = proxy.backends[0]
    assert replicas.warm([f"http://127.0.0.1:{backend.port}"]) == {
        f"http://127.0.0.1:{backend.port}": 0}


def test_precompressed_bundles_are_kept(tmp_path):
    static = tmp_path / "static"
    (static / "static" / "js").mkdir(parents=True)
    (static / "static" / "js" / "a.1234.js").write_text("var a = 1;" * 1000)
    (static / "static" / "media" ).mkdir()
    (static / "static" / "media" / "font.woff2").write_bytes(b"\0" * 100)
    assert replicas.precompress(tmp_path / "gz", static) == 1
    assert (tmp_path / "gz" / "index.tsv").read_text() == \
        "/static/js/a.1234.js\tapplication/javascript\tjs_a.1234.js.gz\n"
    made = (tmp_path / "gz" / "js_a.1234.js.gz").stat().st_mtime_ns
    assert replicas.precompress(tmp_path / "gz", static) == 1
    assert (tmp_path / "gz" / "js_a.1234.js.gz").stat().st_mtime_ns == made


def test_twenty_viewers_finish_through_the_proxy(proxy):
    # in a thread of its own: the browser tests' Playwright keeps an event loop running in
    # this one, and the load test runs its own
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        result = pool.submit(loadtest.run, f"http://127.0.0.1:{proxy.port}/reseau", users=20,
                             ramp=2, reruns=1, timeout=240).result()
    failures = [v["errors"] for v in result["viewers"] if v["errors"]]
    assert failures == []
    assert result["finished"] == 20
    assert all(v["deltas"] > 10 and len(v["reruns"]) == 1 for v in result["viewers"])
    # every replica is found (in a whole test run, other servers this process started are
    # HAProxy's siblings too, and are counted with them)
    assert {p.pid for name, p in proxy.processes.items() if name != "haproxy"} <= set(
        result["server_pids"])
    assert result["rss_mib"]["peak"] > 0
    assert result["server_cpu_s"] > 0
    assert "finished                     20/20" in loadtest.report(result)


def test_sigterm_stops_the_proxy_and_every_replica(tmp_path):
    if replicas.haproxy_binary() is None:
        pytest.skip("haproxy is not installed (make serve installs it)")
    port = replicas._free_port()
    supervisor = subprocess.Popen(
        [sys.executable, "-m", "anis_viz.replicas", "--port", str(port), "--address",
         "127.0.0.1", "--replicas", "1", "--log-dir", str(tmp_path), "--no-warm"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        banner = supervisor.stdout.readline()
        assert "behind HAProxy" in banner, banner
        children = [int(pid) for pid in re.findall(r"\b(?:r\d+|haproxy)=(\d+)", banner)]
        assert len(children) == 2
        assert _get(f"http://127.0.0.1:{port}/_stcore/health")[2] == b"ok"
        supervisor.send_signal(signal.SIGTERM)
        assert supervisor.wait(timeout=30) == 0
        assert "stopped" in supervisor.stdout.read()
        time.sleep(0.5)
        for pid in children:
            assert not Path(f"/proc/{pid}").exists() or "zombie" in \
                Path(f"/proc/{pid}/status").read_text().lower()
        with pytest.raises(OSError):
            _get(f"http://127.0.0.1:{port}/_stcore/health")
    finally:
        if supervisor.poll() is None:  # the replicas and haproxy end with it
            os.kill(supervisor.pid, signal.SIGKILL)
            supervisor.wait(timeout=10)


def test_the_replicas_end_with_a_killed_supervisor(tmp_path):
    if replicas.haproxy_binary() is None:
        pytest.skip("haproxy is not installed (make serve installs it)")
    supervisor = subprocess.Popen(
        [sys.executable, "-m", "anis_viz.replicas", "--port", str(replicas._free_port()),
         "--address", "127.0.0.1", "--replicas", "1", "--log-dir", str(tmp_path), "--no-warm"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        banner = supervisor.stdout.readline()
        children = [int(pid) for pid in re.findall(r"\b(?:r\d+|haproxy)=(\d+)", banner)]
        assert len(children) == 2, banner
    finally:
        os.kill(supervisor.pid, signal.SIGKILL)
        supervisor.wait(timeout=10)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(_alive(pid) for pid in children):
        time.sleep(0.2)
    assert not any(_alive(pid) for pid in children)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
