"""The benchmark: where the time goes, at the embedded size and at 10× and 100× it. A
development tool (``anis-viz bench``): the app never imports it.

    python -m anis_viz.bench [--sizes 1,10,100] [--runs 3] [--json out.json]
                             [--skip apptest,png,pack] [--timeout 1800]

Each size runs in its own Python process (clean caches, honest peak memory). Size 1 is
the embedded package (``data/anis``) when it exists, else the synthetic 1×; other sizes
are synthetic packages (:mod:`anis_viz.synth`, seeded). For each size it reports the
median, min and max over ``--runs`` runs of:

- ``load``: reading + validating the package;
- ``build.<page>``: every page's charts through their views (``anis_viz.views.PAGES``,
  default view), with the transforms and figure builders inside it (one profiled run);
- ``network.<step>.cold`` / ``.cached``: the layout, communities and metrics, when
  ``anis_viz.network`` offers them (cold: the cache, :mod:`anis_viz.cache`, cleared first);
- ``page.<page>.cold`` (first render: data loaded, nothing else cached), ``.warm`` (a new
  session, caches warm) and ``.rerun`` (the same session after one widget change: the
  shared era filter), full AppTest runs of every page of ``anis_viz.nav.PAGES``, in their
  own process (``scripts/bench_pages.py``: the package never imports Streamlit);
- the bytes of each page's figure JSON (builder and what the page sends the browser);
- ``time.<step>``: the network over the years: playback figure, measures, actor chart
  (cold: caches cleared), dynamic GEXF, and (unless ``png`` is skipped) the animation
  frames, GIF, MP4 and HTML; their sizes in bytes under ``time_bytes``;
- ``png.<page>``: a warm PNG export of the page's first chart; ``pack``: the assembly pack
  with the network's animation and dynamic GEXF, as ``anis-viz export`` writes it;
- peak memory: Python allocations (tracemalloc, load + builders) and the process's maxrss.

Wall-clock medians are what the targets speak of; the CPU seconds beside them show how
much a busy machine inflated them. Nothing here asserts times: ``docs/PERFORMANCE.md``
compares them with the targets.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import gc
import json
import os
import platform
import pstats
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from anis_viz import cache, export, synth, views
from anis_viz.benchreport import TARGETS, check_targets, growth, render
from anis_viz.data import DEFAULT_DATA, load_dataset

__all__ = ["measure", "run_size", "main"]

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
PARTS = ("build", "network", "time", "apptest", "png", "pack", "memory")


def stats(samples: list[float], cpu: list[float] | None = None) -> dict:
    """median, min, max and n of a list of seconds (wall clock); ``cpu``: the median CPU
    seconds of this process, steadier than the wall clock on a shared machine."""
    out = {"median": statistics.median(samples), "min": min(samples), "max": max(samples),
           "n": len(samples)}
    if cpu:
        out["cpu"] = statistics.median(cpu)
    return out


def measure(func, runs: int) -> tuple[dict, object]:
    """Call ``func`` ``runs`` times; its timing stats and its last result."""
    samples, cpu, result = [], [], None
    for _ in range(max(1, runs)):
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        result = func()
        samples.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return stats(samples, cpu), result


def _profile(func, top: int = 8) -> list[dict]:
    """The package functions ``func`` spends its time in (cumulative, one profiled run)."""
    profiler = cProfile.Profile()
    profiler.runcall(func)
    package = str(ROOT / "anis_viz")
    rows = []
    for (file, _, name), (_, _, _, cumulative, _) in pstats.Stats(profiler).stats.items():
        if file.startswith(package) and not file.endswith(("charts.py", "bench.py")):
            rows.append({"function": f"{Path(file).relative_to(ROOT)}:{name}",
                         "seconds": cumulative})
    return sorted(rows, key=lambda r: -r["seconds"])[:top]


NETWORK_STEPS = ("layout", "whole_communities", "metrics")  # probed by name, if present


def _network_probe(ds, runs: int) -> dict:
    """The network's layout (and communities, metrics), cold then cached, when
    ``anis_viz.network`` offers them. Cold: the cache (:mod:`anis_viz.cache`) is cleared
    first."""
    try:
        import anis_viz.network as network
    except ImportError:
        return {}
    import inspect

    if not callable(getattr(network, "build_graph", None)):
        return {}
    start = time.perf_counter()
    graph = network.build_graph(ds)
    out = {"network.build_graph": stats([time.perf_counter() - start])}
    for name in NETWORK_STEPS:
        func = getattr(network, name, None)
        if not callable(func):
            continue
        first = next(iter(inspect.signature(func).parameters), "")
        arg = ds if first in ("ds", "dataset") else graph
        cold, cpu = [], []
        for _ in range(max(1, runs)):
            cache.clear()
            begin, begin_cpu = time.perf_counter(), time.process_time()
            func(arg)
            cold.append(time.perf_counter() - begin)
            cpu.append(time.process_time() - begin_cpu)
        out[f"network.{name}.cold"] = stats(cold, cpu)
        out[f"network.{name}.cached"], _ = measure(lambda f=func, a=arg: f(a), runs)
    return out


def _time_probe(ds, runs: int, sizes: dict, frames: bool = True) -> dict:
    """The network over the years: each chart cold (its caches cleared) then cached, the
    dynamic GEXF, and the animation files; ``sizes`` gets their bytes."""
    from anis_viz import animation, gexf, network, network_time_view

    def cold(func):
        cache.clear()
        return func()

    out = {}
    for name, func in (("playback", lambda: network_time_view.play_chart(ds, "fr")),
                       ("measures", lambda: network_time_view.measures_chart(ds, "fr")),
                       ("actor", lambda: network_time_view.actor_chart(
                           ds, network_time_view.central_actor(ds), "fr"))):
        out[f"time.{name}.cold"], chart = measure(lambda f=func: cold(f), runs)
        out[f"time.{name}.cached"], _ = measure(func, runs)
        sizes[f"{name}_json"] = len(chart.figure.to_json())
    play = network_time_view.play_chart(ds, "fr")
    sizes["frames"] = len(play.figure.frames)
    out["time.gexf"], data = measure(lambda: gexf.dynamic_gexf(
        network.build_graph(ds, include_events=True)), runs)
    sizes["gexf"] = len(data)
    stamp = export.stamp(ds, "fr")
    out["time.html"], data = measure(lambda: animation.html(play, stamp), 1)
    sizes["html"] = len(data)
    if frames:
        out["time.frames"], pngs = measure(lambda: animation.png_frames(
            animation.frame_figures(play, stamp)), 1)
        out["time.gif"], data = measure(lambda: animation.gif(pngs), 1)
        sizes["gif"] = len(data)
        out["time.mp4"], data = measure(lambda: animation.mp4(pngs), 1)
        sizes["mp4"] = len(data)
    return out


def _pages(path: Path, runs: int, timeout: float) -> dict:
    """AppTest runs of every page, in their own process (``scripts/bench_pages.py``): the
    package never imports Streamlit, and the page runs get a clean cache and memory."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "pages.json"
        done = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench_pages.py"),
                               "--path", str(path), "--runs", str(runs), "--timeout",
                               str(timeout), "--out", str(out)], cwd=ROOT, capture_output=True,
                              text=True)
        if done.returncode != 0 or not out.is_file():
            return {"errors": {"pages": done.stderr.strip()[-1500:]}}
        return json.loads(out.read_text(encoding="utf-8"))


def run_size(label: str, path: Path, runs: int, skip: set[str], timeout: float,
             save=None) -> dict:
    """Every measure for one package (in this process). ``save(result)`` is called after
    each part, so a size stopped by its time limit still reports what it measured."""
    result: dict = {"label": label, "path": str(path), "steps": {}, "profile": {},
                    "json_bytes": {}, "memory": {}, "errors": {}}
    save = save or (lambda _: None)
    steps, errors = result["steps"], result["errors"]
    steps["load"], ds = measure(lambda: load_dataset(path), runs)
    result["rows"] = {name: len(frame) for name, frame in ds.tables.items()}
    built: dict[str, list] = {}
    for page, view in views.PAGES.items():
        if "build" in skip:
            break
        try:
            steps[f"build.{page}"], built[page] = measure(
                lambda view=view: views.build(view.everything(), ds, "fr"), runs)
            result["profile"][page] = _profile(lambda view=view: views.build(view.everything(), ds, "fr"))
            result["json_bytes"][page] = {"builder_bytes": sum(
                len(c.figure.to_json()) for c in built[page]), "charts": len(built[page])}
        except Exception as exc:
            errors[f"build.{page}"] = f"{type(exc).__name__}: {exc}"[:300]
        save(result)
    if "network" not in skip:
        try:
            steps.update(_network_probe(ds, runs))
        except Exception as exc:
            errors["network"] = f"{type(exc).__name__}: {exc}"[:300]
        save(result)
    if "time" not in skip:
        try:
            steps.update(_time_probe(ds, runs, result.setdefault("time_bytes", {}),
                                     frames="png" not in skip))
        except Exception as exc:
            errors["time"] = f"{type(exc).__name__}: {exc}"[:300]
        save(result)
    if "apptest" not in skip:
        pages = _pages(path, runs, timeout)
        steps.update(pages.get("steps", {}))
        errors.update(pages.get("errors", {}))
        for page, sizes in pages.get("json_bytes", {}).items():
            result["json_bytes"].setdefault(page, {}).update(sizes)
        result["memory"]["pages_maxrss_mb"] = pages.get("maxrss_mb", 0)
        save(result)
    stamp = export.stamp(ds, "fr")
    if "png" not in skip:
        for page, shown in built.items():
            if not shown:
                continue
            try:
                start = time.perf_counter()
                export.png(shown[0], stamp)  # the first export starts the browser
                steps[f"png.{page}.first"] = stats([time.perf_counter() - start])
                steps[f"png.{page}"], _ = measure(lambda s=shown: export.png(s[0], stamp), runs)
            except Exception as exc:
                errors[f"png.{page}"] = f"{type(exc).__name__}: {exc}"[:300]
            save(result)
    if "pack" not in skip:
        try:
            from anis_viz import animation

            steps["pack"], pack = measure(lambda: export.assembly_pack(  # as the CLI writes it
                ds, views.standard(ds, "fr"), stamp,
                extras=lambda: animation.pack_files(ds, stamp)), min(runs, 3))
            result["pack_bytes"] = len(pack)
        except Exception as exc:
            errors["pack"] = f"{type(exc).__name__}: {exc}"[:300]
        save(result)
    if "memory" not in skip:
        gc.collect()
        tracemalloc.start()
        fresh = load_dataset(path)
        for page in built:
            views.build(views.PAGES[page].everything(), fresh, "fr")
        result["memory"]["python_peak_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    result["memory"]["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["load_average"] = os.getloadavg()[0]  # other work on the machine skews times
    return result


# -- orchestration ----------------------------------------------------------------------

def _package(label: str, seed: int, workdir: Path) -> tuple[Path, str, float]:
    """The package for a size: (path, what it is, seconds to generate)."""
    scale = float(label)
    if scale == 1 and (DEFAULT_DATA / "datapackage.json").is_file():
        return DEFAULT_DATA, "embedded data/anis", 0.0
    start = time.perf_counter()
    path = synth.generate(workdir / f"scale_{label}_seed_{seed}", scale=scale, seed=seed)
    return path, f"synth ×{label} seed {seed}", time.perf_counter() - start


def _child(args) -> int:
    out = Path(args.out)

    def save(result: dict) -> None:
        out.write_text(json.dumps(result), encoding="utf-8")

    save(run_size(args.label, Path(args.path), args.runs, set(args.skip), args.timeout, save))
    return 0


def _run_child(label: str, path: Path, args, out: Path) -> dict:
    """One size in its own process (and process group: a time limit stops its page runs
    and its browser too); what it measured before a stop is kept."""
    command = [sys.executable, "-m", "anis_viz.bench", "--_child", "--label", label,
               "--path", str(path), "--out", str(out), "--runs", str(args.runs),
               "--timeout", str(args.page_timeout), "--skip", *args.skip]
    out.unlink(missing_ok=True)
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        _, stderr = child.communicate(timeout=args.timeout)
        problem = "" if child.returncode == 0 else stderr.strip()[-1500:]
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.communicate()
        problem = f"stopped after {args.timeout:.0f} s: the steps missing were not measured"
    result = json.loads(out.read_text(encoding="utf-8")) if out.is_file() else {"label": label}
    if problem:
        result.setdefault("errors", {})["size"] = problem
    return result


def _machine() -> dict:
    return {"python": platform.python_version(), "platform": platform.platform(),
            "cpus": os.cpu_count(), "date": time.strftime("%Y-%m-%d %H:%M"),
            "load_average": os.getloadavg()[0]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m anis_viz.bench",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,10,100", help="scales, e.g. 1,10,100 or 0.3")
    parser.add_argument("--runs", type=int, default=3, help="runs per measure (median)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="write every number to this file")
    parser.add_argument("--skip", nargs="*", default=[], choices=PARTS,
                        help="parts to leave out")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per size")
    parser.add_argument("--page-timeout", type=float, default=600,
                        help="seconds per AppTest run")
    parser.add_argument("--workdir", type=Path,
                        default=Path(tempfile.gettempdir()) / "anis_viz_bench")
    parser.add_argument("--_child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--label", help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args._child:
        return _child(args)
    args.skip = [part for chunk in args.skip for part in chunk.split(",") if part]
    report = {"machine": _machine(), "runs": args.runs, "sizes": [],
              "targets": [dict(t) for t in TARGETS]}
    args.workdir.mkdir(parents=True, exist_ok=True)
    for label in [s.strip() for s in args.sizes.split(",") if s.strip()]:
        print(f"… size {label}", file=sys.stderr, flush=True)
        path, source, seconds = _package(label, args.seed, args.workdir)
        result = _run_child(label, path, args, args.workdir / f"result_{label}.json")
        result.update(source=source, synth_seconds=seconds, path=str(path))
        report["sizes"].append(result)
    report["growth"] = growth(report["sizes"])
    report["checks"] = check_targets(report["sizes"])
    print(render(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, default=float), encoding="utf-8")
    return 0


if __name__ == "__main__":
    with contextlib.suppress(BrokenPipeError):
        raise SystemExit(main())
