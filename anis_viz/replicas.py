"""Serve the dashboard from several Streamlit processes behind HAProxy (``make serve``).

    python -m anis_viz.replicas [--port 8501] [--address 0.0.0.0] [--replicas N]

One Streamlit process runs every session's script in threads, so it uses one core. This
starts ``--replicas`` servers (default: the number of cores) through ``scripts/serve.py`` on
free loopback ports, waits until each answers ``/_stcore/health``, writes an HAProxy
configuration (:func:`haproxy_config`) and runs Debian's ``haproxy`` in the foreground on
``--port``. The proxy:

- keeps a browser on one replica with a cookie (uploads, media and downloads are separate
  HTTP requests that must reach the replica holding the session's websocket);
- passes the websocket on ``/_stcore/stream`` through, with long timeouts;
- checks each replica on ``/_stcore/health`` and sends no one to a replica that fails;
- serves Streamlit's JavaScript and CSS bundles itself, gzipped once at the highest level
  (:func:`precompress`, ``deploy/static_gz.lua``), and gzips other text responses on the
  fly (Streamlit 1.67 sends ``/static/`` uncompressed: about 11 MB on a first visit);
- marks the content-hashed files under ``/static/`` as cacheable for a year.

Before HAProxy takes its first viewer, every page is opened once in each language on each
replica (:func:`warm`, through Streamlit's own protocol), so the first viewers find the
data loaded and the default charts built whatever cache the pages use.

Ctrl-C or SIGTERM stops HAProxy and every replica. A replica that exits on its own is
started again (at most ``MAX_RESTARTS`` times). ``deploy/haproxy.cfg`` is the same
configuration written for ``compose.yaml``.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path

__all__ = ["COOKIE", "Backend", "haproxy_config", "compose_config", "warm", "Replicas",
           "main"]

ROOT = Path(__file__).resolve().parent.parent
SERVE = ROOT / "scripts" / "serve.py"
COOKIE = "anis_viz_replica"
LUA = ROOT / "deploy" / "static_gz.lua"
STATIC = Path(find_spec("streamlit").origin).parent / "static"
MAX_RESTARTS = 5
COMPRESSED_TYPES = ("text/html", "text/css", "text/plain", "text/javascript",
                    "application/javascript", "application/json", "image/svg+xml",
                    "text/csv")


@dataclass(frozen=True)
class Backend:
    name: str
    host: str
    port: int


def haproxy_config(bind: str, backends: list[Backend], *, maxconn: int = 4096,
                   dns: bool = False, static_gz: Path | None = None) -> str:
    """HAProxy 2.6 configuration: ``bind`` (``"127.0.0.1:8501"``, ``"*:8501"``) in front of
    ``backends``, with stickiness, websockets, health checks, gzip and static caching.
    ``dns``: the backends are host names that may not resolve yet (containers).
    ``static_gz``: a folder from :func:`precompress`, whose bundles HAProxy then serves
    itself, gzipped at the highest level (``deploy/static_gz.lua``)."""
    lua = (f'    setenv ANIS_VIZ_STATIC_GZ "{static_gz}"\n'
           f'    lua-load "{LUA}"\n') if static_gz else ""
    serve_gz = ("    # the bundles precompressed at the highest level, from HAProxy's memory\n"
                "    http-request use-service lua.static_gz if { req.hdr(accept-encoding) "
                "-m sub gzip } { lua.static_gz -m bool }\n") if static_gz else ""
    resolve = ("    # container names, resolved by Docker's DNS (again when a container restarts)\n"
               "    default-server init-addr last,libc,none resolvers docker\n") if dns else ""
    resolvers = ("\nresolvers docker\n    nameserver dns 127.0.0.11:53\n"
                 "    hold valid 10s\n") if dns else ""
    servers = "\n".join(
        f"    server {b.name} {b.host}:{b.port} check cookie {b.name} "
        f"inter 3s fall 5 rise 1" for b in backends)
    assets = "\n".join(
        f"    server {b.name} {b.host}:{b.port} check inter 3s fall 5 rise 1" for b in backends)
    types = " ".join(COMPRESSED_TYPES)
    return f"""\
# HAProxy 2.6 in front of Streamlit replicas (written by anis_viz/replicas.py).
global
    maxconn {maxconn}
    log stderr format short local0 warning
{lua}
defaults
    mode http
    log global
    option httplog
    option dontlognull
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    # the websocket on /_stcore/stream: a session stays open as long as its page
    timeout tunnel 2h
    timeout client-fin 30s
    timeout http-request 15s
    timeout http-keep-alive 15s
    timeout queue 30s
    # a replica busy running scripts answers its health check late, but it is alive:
    # marking every busy replica down would turn a slow minute into errors (503)
    timeout check 10s
{resolvers}
frontend web
    bind {bind}
    option forwardfor
    # gzip what Streamlit sends uncompressed (its JavaScript bundles above all)
    compression algo gzip
    compression type {types}
{serve_gz}    # content-hashed bundles: the same bytes on every replica, cached for a year
    use_backend assets if {{ path_reg /static/(js|css|media)/ }}
    default_backend streamlit

backend streamlit
    balance leastconn
    # one browser, one replica: uploads, media and downloads reach the session's process
    cookie {COOKIE} insert indirect nocache httponly attr "SameSite=Lax"
    option httpchk GET /_stcore/health
    http-check expect status 200
    option redispatch
    retries 2
{resolve}{servers}

backend assets
    balance roundrobin
    option httpchk GET /_stcore/health
    http-check expect status 200
    option redispatch
    retries 2
    http-response set-header Cache-Control "public, max-age=31536000, immutable" if {{ status 200 }}
{resolve}{assets}
"""


def compose_config(replicas: int = 2, port: int = 8501) -> str:
    """``deploy/haproxy.cfg``: the configuration ``compose.yaml`` mounts, in front of the
    services ``app1`` … ``appN``."""
    return haproxy_config(f"*:{port}", [Backend(f"app{i + 1}", f"app{i + 1}", port)
                                        for i in range(replicas)], dns=True)


def static_gz_folder() -> Path:
    """Where the precompressed bundles of the installed Streamlit are kept."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "anis-viz" / f"static-gz-streamlit-{version('streamlit')}"


def precompress(folder: Path, static: Path = STATIC, level: int = 9) -> int:
    """Gzip Streamlit's JavaScript and CSS bundles into ``folder`` with an ``index.tsv`` for
    ``deploy/static_gz.lua``; return the number of files. Kept between runs: a bundle already
    there (same name, so the same content) is not compressed again."""
    import gzip

    types = {".js": "application/javascript", ".css": "text/css"}
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for source in sorted(static.glob("static/*/*")):
        if source.suffix not in types or not source.is_file():
            continue
        name = f"{source.parent.name}_{source.name}.gz"
        target = folder / name
        if not target.exists():
            partial = target.with_suffix(".part")
            partial.write_bytes(gzip.compress(source.read_bytes(), level, mtime=0))
            partial.replace(target)
        lines.append(f"/static/{source.parent.name}/{source.name}\t{types[source.suffix]}\t"
                     f"{name}")
    (folder / "index.tsv").write_text("\n".join(lines) + "\n")
    return len(lines)


def warm_paths() -> list[str]:
    """Every page of the menu in each language: ``/``, ``/?lang=en``, ``/chronologie``…"""
    from anis_viz.i18n import LANGS
    from anis_viz.nav import PAGES

    return [f"/{slug}" + ("" if lang == "fr" else f"?lang={lang}")
            for _script, _key, slug, _icon in PAGES for lang in LANGS]


def warm(bases: list[str], timeout: float = 120.0) -> dict[str, int]:
    """Open every page once on each server in ``bases`` (one session per page, the servers
    in parallel); return the number of pages that did not finish, per server."""
    from anis_viz import loadtest

    def one(base: str) -> int:
        failed = 0
        end = time.monotonic() + timeout
        for path in warm_paths():
            left = end - time.monotonic()
            if left <= 1:
                return failed + 1
            result = loadtest.run(base + path, users=1, ramp=0, reruns=0, timeout=left, pids=[])
            failed += result["failed"]
        return failed

    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=max(1, len(bases))) as pool:
        return dict(zip(bases, pool.map(one, bases)))


def _die_with_parent() -> None:
    """In the child, before it runs: end with the supervisor, even if it is killed."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _port_free(address: str, port: int) -> bool:
    import socket

    with socket.socket() as sock:
        # a listener still refuses the bind; connections closing (TIME_WAIT) do not
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("" if address in ("0.0.0.0", "*") else address, port))
        except OSError:
            return False
    return True


def _healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health",
                                    timeout=2) as answer:
            return answer.status == 200
    except OSError:
        return False


def haproxy_binary() -> str | None:
    return shutil.which("haproxy") or next(
        (p for p in ("/usr/sbin/haproxy", "/usr/local/sbin/haproxy") if Path(p).exists()), None)


@dataclass
class Replicas:
    """N replicas and HAProxy. ``start()`` returns once the proxy answers; ``stop()`` ends
    every process it started (by process id)."""

    port: int
    count: int
    address: str = "127.0.0.1"
    log_dir: Path | None = None
    streamlit_args: list[str] = field(default_factory=list)
    warm: bool = True
    static_gz: bool = True
    env: dict | None = None
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    backends: list[Backend] = field(default_factory=list)
    restarts: int = 0

    def __post_init__(self) -> None:
        self.secret = secrets.token_hex(32)
        self.log_dir = Path(self.log_dir or tempfile.mkdtemp(prefix="anis_viz_serve_"))
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self._logs: list = []

    def _log(self, name: str):
        handle = open(self.log_dir / f"{name}.log", "a")  # noqa: SIM115 -- closed by stop()
        self._logs.append(handle)
        return handle

    def _start_replica(self, backend: Backend) -> None:
        command = [sys.executable, str(SERVE), "--server.port", str(backend.port),
                   "--server.address", "127.0.0.1", "--server.headless", "true",
                   "--browser.gatherUsageStats", "false",
                   "--server.fileWatcherType", "none", "--server.runOnSave", "false",
                   *self.streamlit_args]
        # one secret for all: the XSRF cookie signed by one replica is valid on all
        env = {**os.environ, **(self.env or {}), "STREAMLIT_SERVER_COOKIE_SECRET": self.secret}
        self.processes[backend.name] = subprocess.Popen(
            command, cwd=ROOT, env=env,
            stdout=self._log(backend.name), stderr=subprocess.STDOUT, process_group=0,
            preexec_fn=_die_with_parent)

    def start(self, timeout: float = 120) -> None:
        binary = haproxy_binary()
        if binary is None:
            raise RuntimeError("haproxy is not installed (Debian: apt-get install haproxy)")
        if not _port_free(self.address, self.port):
            # HAProxy would share the port with whatever holds it (SO_REUSEPORT)
            raise RuntimeError(f"port {self.port} is already in use")
        self.backends = [Backend(f"r{i + 1}", "127.0.0.1", _free_port())
                         for i in range(self.count)]
        for backend in self.backends:
            self._start_replica(backend)
        gz_folder = None
        if self.static_gz:  # while the replicas start
            gz_folder = static_gz_folder()
            precompress(gz_folder)
        deadline = time.monotonic() + timeout
        waiting = list(self.backends)
        while waiting and time.monotonic() < deadline:
            for backend in list(waiting):
                process = self.processes[backend.name]
                if process.poll() is not None:
                    self.stop()
                    raise RuntimeError(f"replica {backend.name} exited; see "
                                       f"{self.log_dir / backend.name}.log")
                if _healthy(backend.port):
                    waiting.remove(backend)
            if waiting:
                time.sleep(0.3)
        if waiting:
            self.stop()
            raise RuntimeError(f"replicas did not start in {timeout:.0f} s; see {self.log_dir}")
        if self.warm:
            warm([f"http://127.0.0.1:{b.port}" for b in self.backends],
                 timeout=max(10.0, deadline - time.monotonic()))
        config = self.log_dir / "haproxy.cfg"
        config.write_text(haproxy_config(f"{self.address}:{self.port}", self.backends,
                                         static_gz=gz_folder))
        check = subprocess.run([binary, "-c", "-q", "-f", str(config)],
                               capture_output=True, text=True)
        if check.returncode != 0:
            self.stop()
            raise RuntimeError(f"haproxy refused {config}: {check.stderr or check.stdout}")
        self.processes["haproxy"] = subprocess.Popen(
            [binary, "-db", "-f", str(config)], stdout=self._log("haproxy"), process_group=0,
            preexec_fn=_die_with_parent,
            stderr=subprocess.STDOUT)
        host = "127.0.0.1" if self.address in ("0.0.0.0", "*", "") else self.address
        while time.monotonic() < deadline:
            if self.processes["haproxy"].poll() is not None:
                self.stop()
                raise RuntimeError(f"haproxy exited; see {self.log_dir / 'haproxy.log'}")
            try:
                with urllib.request.urlopen(f"http://{host}:{self.port}/_stcore/health",
                                            timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"haproxy did not answer on port {self.port}")

    def pids(self) -> dict[str, int]:
        return {name: process.pid for name, process in self.processes.items()}

    def watch_once(self) -> str | None:
        """Start again a replica that exited; return a reason to stop, or None."""
        haproxy = self.processes.get("haproxy")
        if haproxy is not None and haproxy.poll() is not None:
            return f"haproxy exited ({haproxy.returncode})"
        for backend in self.backends:
            process = self.processes[backend.name]
            if process.poll() is not None:
                if self.restarts >= MAX_RESTARTS:
                    return f"replica {backend.name} keeps exiting; see {self.log_dir}"
                self.restarts += 1
                print(f"replica {backend.name} exited ({process.returncode}); starting it "
                      f"again", flush=True)
                self._start_replica(backend)
        return None

    def stop(self) -> None:
        order = ["haproxy", *[b.name for b in self.backends]]
        for name in order:
            process = self.processes.get(name)
            if process is not None and process.poll() is None:
                process.terminate()
        for name in order:
            process = self.processes.get(name)
            if process is None:
                continue
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        for handle in self._logs:
            handle.close()
        self._logs.clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m anis_viz.replicas",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8501)))
    parser.add_argument("--address", default="0.0.0.0",
                        help="where HAProxy listens (replicas always listen on 127.0.0.1)")
    parser.add_argument("--replicas", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--log-dir", help="logs and the generated haproxy.cfg "
                                          "(default: a temporary folder)")
    parser.add_argument("--print-config", action="store_true",
                        help="print deploy/haproxy.cfg (the containers' configuration, "
                             "--replicas services app1…appN) and exit")
    parser.add_argument("--no-warm", action="store_true",
                        help="take viewers at once, without opening every page first")
    args = parser.parse_args(argv)
    if args.print_config:
        print(compose_config(args.replicas, args.port), end="")
        return 0
    if args.replicas < 1:
        parser.error("--replicas must be at least 1")
    replicas = Replicas(port=args.port, count=args.replicas, address=args.address,
                        log_dir=Path(args.log_dir) if args.log_dir else None,
                        warm=not args.no_warm)
    stopping: list[int] = []

    def on_signal(signum, _frame):
        stopping.append(signum)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        replicas.start()
    except RuntimeError as err:
        print(err, file=sys.stderr)
        return 1
    pids = " ".join(f"{name}={pid}" for name, pid in replicas.pids().items())
    print(f"anis-viz: {args.replicas} replica(s) behind HAProxy on "
          f"http://{args.address}:{args.port}  ({pids}; logs in {replicas.log_dir})",
          flush=True)
    reason = None
    try:
        while not stopping and reason is None:
            time.sleep(0.5)
            reason = replicas.watch_once()
    finally:
        replicas.stop()
    if reason:
        print(reason, file=sys.stderr)
        return 1
    print("anis-viz: stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
