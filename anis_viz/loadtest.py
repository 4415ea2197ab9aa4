"""Many viewers at once, speaking Streamlit's own protocol (``make loadtest``).

    python -m anis_viz.loadtest http://127.0.0.1:8501/reseau --users 200 --ramp 10
        [--reruns 1] [--timeout 180] [--pids 123,456] [--after 0] [--json out.json]

Each simulated viewer does what a browser does when it opens a page:

1. ``GET /_stcore/health``, which sets the ``_streamlit_xsrf`` cookie (and, behind
   ``make serve``, the replica's cookie);
2. opens the websocket ``/_stcore/stream`` with the subprotocols ``["streamlit", token]``
   and its cookies;
3. sends a ``BackMsg`` ``rerun_script`` with the page's name and query string;
4. reads ``ForwardMsg`` until ``script_finished``; then asks for ``--reruns`` reruns (with
   the hashes of the messages it already holds, as a browser does) and closes.

Viewers arrive evenly over ``--ramp`` seconds. The report gives p50 / p95 / max of the
health check, the websocket handshake, the first finished run (from arrival) and the
reruns; the failures and their reasons; the bytes received; and the resident memory (RSS)
of the server's processes before, at the peak and after the run (``--pids``, or found from
the process listening on the URL's port: behind ``make serve``, every replica).

Only loopback addresses are accepted. Every loop is bounded in count and in time: at most
``MAX_USERS`` viewers, ``MAX_RERUNS`` reruns, ``MAX_MESSAGES`` messages per run, and
``--timeout`` seconds per viewer.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import math
import os
import socket
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

__all__ = ["Viewer", "run", "report", "server_pids", "main"]

MAX_USERS = 1000
MAX_RERUNS = 20
MAX_MESSAGES = 5000
MAX_TIMEOUT = 1800.0
MAX_AFTER = 600.0
BROWSER_GIVES_UP = 15.0  # the frontend's health-check and handshake limit


@dataclass
class Viewer:
    index: int
    arrived: float = 0.0
    health: float | None = None
    handshake: float | None = None
    first_run: float | None = None      # arrival to the first script_finished
    script: float | None = None         # rerun_script sent to script_finished
    reruns: list[float] = field(default_factory=list)
    bytes: int = 0
    messages: int = 0
    deltas: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def finished(self) -> bool:
        return self.first_run is not None and not self.errors


def _loopback(host: str) -> bool:
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return bool(infos) and all(
        ipaddress.ip_address(info[4][0].split("%")[0]).is_loopback for info in infos)


def _target(url: str) -> tuple[str, int, str, str]:
    """(host, port, page name, query string) of ``url``; loopback only."""
    parts = urlsplit(url)
    if parts.scheme != "http" or not parts.hostname:
        raise ValueError(f"{url}: give an http:// address")
    if not _loopback(parts.hostname):
        raise ValueError(f"{url}: only loopback addresses (127.0.0.1, ::1, localhost) "
                         f"are load-tested")
    return parts.hostname, parts.port or 80, parts.path.strip("/"), parts.query


async def _get(host: str, port: int, path: str, timeout: float) -> tuple[int, dict[str, str]]:
    """A minimal ``GET``: the status and the cookies set."""
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    try:
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n"
                     f"User-Agent: anis-viz-loadtest\r\n\r\n".encode())
        await writer.drain()
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        cookies = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name.strip().lower() == "set-cookie":
                pair = value.strip().split(";", 1)[0]
                key, _, val = pair.partition("=")
                cookies[key.strip()] = val.strip()
        return status, cookies
    finally:
        writer.close()


def _rerun_msg(page: str, query: str, hashes: list[str]) -> bytes:
    from streamlit.proto.BackMsg_pb2 import BackMsg

    msg = BackMsg()
    state = msg.rerun_script
    state.query_string = query
    state.page_name = page
    state.cached_message_hashes.extend(hashes)
    state.context_info.timezone = "Europe/Paris"
    state.context_info.locale = "fr-FR"
    return msg.SerializeToString()


async def _read_run(ws, viewer: Viewer, hashes: set[str], deadline: float) -> bool:
    """Read ForwardMsgs until ``script_finished``; False when the run failed."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    for _ in range(MAX_MESSAGES):
        left = deadline - time.monotonic()
        if left <= 0:
            viewer.errors.append("timeout")
            return False
        data = await asyncio.wait_for(ws.recv(), left)
        if isinstance(data, str):
            continue
        viewer.bytes += len(data)
        viewer.messages += 1
        msg = ForwardMsg()
        msg.ParseFromString(data)
        kind = msg.WhichOneof("type")
        if msg.hash and msg.metadata.cacheable:
            hashes.add(msg.hash)
        if kind == "delta":
            viewer.deltas += 1
            element = msg.delta.new_element
            which = element.WhichOneof("type") if msg.delta.HasField("new_element") else None
            if which == "exception":
                viewer.errors.append(f"exception: {element.exception.type}")
            elif which == "alert" and element.alert.format == element.alert.ERROR:
                viewer.errors.append("error message on the page")
        elif kind == "page_not_found":
            viewer.errors.append("page not found")
        elif kind == "script_finished":
            status = msg.script_finished
            if status in (ForwardMsg.FINISHED_SUCCESSFULLY,
                          ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY):
                return not viewer.errors
            if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                viewer.errors.append("script did not compile")
                return False
            # FINISHED_EARLY_FOR_RERUN: another run follows; keep reading
    viewer.errors.append("too many messages")
    return False


async def _viewer(viewer: Viewer, host: str, port: int, page: str, query: str,
                  delay: float, reruns: int, timeout: float) -> None:
    from websockets.asyncio.client import connect

    await asyncio.sleep(delay)
    start = time.monotonic()
    viewer.arrived = start
    deadline = start + timeout
    try:
        status, cookies = await _get(host, port, "/_stcore/health", timeout)
        viewer.health = time.monotonic() - start
        if status != 200:
            viewer.errors.append(f"health {status}")
            return
        token = cookies.get("_streamlit_xsrf", "")
        cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
        base = f"{host}:{port}" if ":" not in host else f"[{host}]:{port}"
        opened = time.monotonic()
        async with connect(
                f"ws://{base}/_stcore/stream", subprotocols=["streamlit", token],
                additional_headers={"Cookie": cookie, "Origin": f"http://{base}"},
                open_timeout=max(1.0, deadline - opened), max_size=None,
                compression=None, ping_interval=None, close_timeout=2) as ws:
            viewer.handshake = time.monotonic() - opened
            hashes: set[str] = set()
            sent = time.monotonic()
            await ws.send(_rerun_msg(page, query, []))
            if not await _read_run(ws, viewer, hashes, deadline):
                return
            now = time.monotonic()
            viewer.script, viewer.first_run = now - sent, now - start
            for _ in range(reruns):
                sent = time.monotonic()
                await ws.send(_rerun_msg(page, query, sorted(hashes)))
                if not await _read_run(ws, viewer, hashes, deadline):
                    return
                viewer.reruns.append(time.monotonic() - sent)
    except TimeoutError:
        viewer.errors.append("timeout")
    except Exception as err:  # a viewer's failure is a result, not a crash
        viewer.errors.append(f"{type(err).__name__}: {err}"[:200])


# --- server memory -------------------------------------------------------------------

def _listening_inodes(port: int) -> set[str]:
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            cols = line.split()
            if len(cols) > 9 and cols[3] == "0A" and int(cols[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(cols[9])
    return inodes


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _parent(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def _all_pids() -> list[int]:
    return [int(p) for p in os.listdir("/proc") if p.isdigit()]


def server_pids(port: int) -> list[int]:
    """The processes serving ``port``: its listener; when that is HAProxy started by
    :mod:`anis_viz.replicas`, the replicas beside it instead (HAProxy's memory is small)."""
    inodes = {f"socket:[{inode}]" for inode in _listening_inodes(port)}
    if not inodes:
        return []
    owners = []
    for pid in _all_pids():
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
        except OSError:
            continue
        for fd in fds:
            try:
                if os.readlink(f"/proc/{pid}/fd/{fd}") in inodes:
                    owners.append(pid)
                    break
            except OSError:
                continue
    found: list[int] = []
    for pid in owners:
        parent = _parent(pid)
        if "haproxy" in _cmdline(pid) and parent:
            found += [p for p in _all_pids() if _parent(p) == parent and p != pid
                      and "serve.py" in _cmdline(p)]
        else:
            found.append(pid)
    return sorted(set(found))


def cpu_seconds(pids: list[int]) -> float | None:
    """User + system CPU time the processes have used so far."""
    tick = os.sysconf("SC_CLK_TCK")
    total, seen = 0, False
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
        seen = True
    return round(total / tick, 2) if seen else None


def rss_mib(pids: list[int]) -> float | None:
    total = 0
    seen = False
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
                    seen = True
        except OSError:
            continue
    return round(total / 1024, 1) if seen else None


async def _sample_memory(pids: list[int], peak: list[float], stop: asyncio.Event) -> None:
    for _ in range(int(MAX_TIMEOUT * 4) + 1000):
        value = rss_mib(pids)
        if value is not None:
            peak.append(value)
        try:
            await asyncio.wait_for(stop.wait(), 0.25)
            return
        except TimeoutError:
            continue


# --- the run -------------------------------------------------------------------------

def _stats(values: list[float]) -> dict | None:
    values = sorted(v for v in values if v is not None)
    if not values:
        return None

    def pick(q: float) -> float:
        return values[min(len(values) - 1, max(0, math.ceil(q * len(values)) - 1))]

    return {"n": len(values), "p50": round(pick(0.5), 3), "p95": round(pick(0.95), 3),
            "max": round(values[-1], 3)}


async def _run(url: str, users: int, ramp: float, reruns: int, timeout: float,
               pids: list[int], after: float) -> dict:
    host, port, page, query = _target(url)
    viewers = [Viewer(i) for i in range(users)]
    before = rss_mib(pids)
    cpu_before = cpu_seconds(pids)
    samples: list[float] = []
    stop = asyncio.Event()
    sampler = asyncio.create_task(_sample_memory(pids, samples, stop))
    started = time.monotonic()
    step = ramp / users if users > 1 else 0.0
    await asyncio.wait_for(asyncio.gather(*[
        _viewer(v, host, port, page, query, i * step, reruns, timeout)
        for i, v in enumerate(viewers)]), ramp + timeout + 30)
    wall = time.monotonic() - started
    stop.set()
    await sampler
    end = rss_mib(pids)
    cpu_after = cpu_seconds(pids)
    cpu = None if cpu_before is None or cpu_after is None else round(cpu_after - cpu_before, 2)
    later = None
    if after > 0:
        await asyncio.sleep(after)
        later = rss_mib(pids)
    reasons: dict[str, int] = {}
    for v in viewers:
        for reason in v.errors[:1]:
            reasons[reason] = reasons.get(reason, 0) + 1
    handshakes = [(v.health or 0) + (v.handshake or 0) for v in viewers
                  if v.handshake is not None]
    return {
        "url": url, "users": users, "ramp_s": ramp, "reruns": reruns, "wall_s": round(wall, 1),
        "finished": sum(v.finished for v in viewers),
        "failed": sum(not v.finished for v in viewers), "failures": reasons,
        "health_s": _stats([v.health for v in viewers]),
        "handshake_s": _stats([v.handshake for v in viewers]),
        "over_15s_to_connect": sum(h > BROWSER_GIVES_UP for h in handshakes)
        + sum(v.handshake is None and v.health is not None and v.health > BROWSER_GIVES_UP
              for v in viewers),
        "first_run_s": _stats([v.first_run for v in viewers]),
        "script_s": _stats([v.script for v in viewers]),
        "rerun_s": _stats([r for v in viewers for r in v.reruns]),
        "deltas_per_first_run": _stats([v.deltas for v in viewers if v.finished]),
        "bytes_total": sum(v.bytes for v in viewers),
        "bytes_per_viewer": _stats([v.bytes for v in viewers if v.finished]),
        "server_pids": pids,
        "server_cpu_s": cpu,
        "server_cpu_per_viewer_s": None if cpu is None else round(cpu / users, 3),
        "rss_mib": {"before": before, "peak": max(samples, default=None), "end": end,
                    f"after_{after:.0f}s": later},
        "load_average": os.getloadavg(),
        "viewers": [asdict(v) for v in viewers],
    }


def run(url: str, users: int = 20, ramp: float = 5.0, *, reruns: int = 1,
        timeout: float = 180.0, pids: list[int] | None = None, after: float = 0.0) -> dict:
    """Run the scenario and return the figures (see :func:`report`)."""
    if not 1 <= users <= MAX_USERS:
        raise ValueError(f"--users must be between 1 and {MAX_USERS}")
    if not 0 <= reruns <= MAX_RERUNS:
        raise ValueError(f"--reruns must be between 0 and {MAX_RERUNS}")
    timeout = min(max(timeout, 1.0), MAX_TIMEOUT)
    ramp = min(max(ramp, 0.0), MAX_TIMEOUT)
    after = min(max(after, 0.0), MAX_AFTER)
    _, port, _, _ = _target(url)
    pids = list(pids) if pids is not None else server_pids(port)
    return asyncio.run(_run(url, users, ramp, reruns, timeout, pids, after))


def report(result: dict) -> str:
    def line(label: str, key: str, unit: str = "s") -> str:
        s = result.get(key)
        if not s:
            return f"  {label:28} —"
        return (f"  {label:28} p50 {s['p50']:.2f}{unit}  p95 {s['p95']:.2f}{unit}  "
                f"max {s['max']:.2f}{unit}  (n={s['n']})")

    rss = result["rss_mib"]
    load = " ".join(f"{x:.2f}" for x in result["load_average"])
    lines = [
        f"{result['url']}: {result['users']} viewers over {result['ramp_s']:g} s, "
        f"{result['reruns']} rerun(s) each, {result['wall_s']} s in all (load average {load})",
        f"  finished                     {result['finished']}/{result['users']}"
        + (f"  failures: {result['failures']}" if result["failures"] else ""),
        line("health check", "health_s"),
        line("websocket handshake", "handshake_s"),
        f"  over 15 s to connect         {result['over_15s_to_connect']}",
        line("first run (from arrival)", "first_run_s"),
        line("first run (script only)", "script_s"),
        line("rerun", "rerun_s"),
        f"  bytes received               {result['bytes_total'] / 1e6:.1f} MB "
        f"(per viewer p50 {((result['bytes_per_viewer'] or {}).get('p50') or 0) / 1e3:.0f} kB)",
        "  server RSS (MiB)             " + ", ".join(
            f"{k} {v}" for k, v in rss.items() if v is not None)
        + f"  pids {result['server_pids']}",
    ]
    if result.get("server_cpu_s") is not None:
        lines.append(f"  server CPU                   {result['server_cpu_s']:.1f} s "
                     f"({result['server_cpu_per_viewer_s'] * 1000:.0f} ms per viewer, "
                     f"first run and {result['reruns']} rerun(s))")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m anis_viz.loadtest",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="http://127.0.0.1:PORT/PAGE?query (loopback only)")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--ramp", type=float, default=10.0, help="seconds over which "
                                                                 "viewers arrive")
    parser.add_argument("--reruns", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds per viewer")
    parser.add_argument("--pids", help="server process ids, comma-separated (default: found "
                                       "from the port)")
    parser.add_argument("--after", type=float, default=0.0,
                        help="measure RSS again this many seconds after the run (≤ 600)")
    parser.add_argument("--json", help="write every figure and viewer here")
    args = parser.parse_args(argv)
    pids = [int(p) for p in args.pids.split(",")] if args.pids else None
    try:
        result = run(args.url, args.users, args.ramp, reruns=args.reruns,
                     timeout=args.timeout, pids=pids, after=args.after)
    except ValueError as err:
        print(err, file=sys.stderr)
        return 2
    print(report(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1))
    return 0 if result["failed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
