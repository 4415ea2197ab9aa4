"""The benchmark's report: targets, growth with size, and the printed tables. A
development tool, like :mod:`anis_viz.bench` and :mod:`anis_viz.devserver`: the app never
imports it.

Pure functions over the JSON that :mod:`anis_viz.bench` collects, so the numbers can be
re-read and re-printed: ``python -m anis_viz.benchreport bench.json``.
"""

from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path

__all__ = ["TARGETS", "check_targets", "growth", "render"]

# Medians on a 2-core machine. ``key`` is a regular expression over the step names (or
# ``json:<page>.<field>`` for byte counts); ``scale`` the size it applies to.
TARGETS = (
    {"scale": 1, "key": r"page\.[a-z_]+\.rerun", "limit": 0.150, "unit": "s",
     "what": "each page's rerun after a widget change (server side)"},
    {"scale": 1, "key": r"png\.[a-z_]+", "limit": 0.3, "unit": "s",
     "what": "a warm PNG export"},
    {"scale": 1, "key": r"pack", "limit": 15.0, "unit": "s", "what": "the assembly pack"},
    {"scale": 100, "key": r"page\.network\.cold", "limit": 3.0, "unit": "s",
     "what": "network page, first render"},
    {"scale": 100, "key": r"page\.network\.warm", "limit": 0.3, "unit": "s",
     "what": "network page with the layout cached"},
    {"scale": 100, "key": r"json:network\.page_bytes", "limit": 5e6, "unit": "B",
     "what": "network page's figure JSON"},
    {"scale": 100, "key": r"page\.timeline\.cold", "limit": 1.5, "unit": "s",
     "what": "timeline with 10k events, render"},
    {"scale": 100, "key": r"page\.themes\.cold", "limit": 1.0, "unit": "s",
     "what": "themes page, render"},
)
GROWTH_ROWS = ("actors", "events", "event_actors", "relations", "theme_mentions", "themes")


def _values(size: dict, cpu: bool = False) -> dict[str, float]:
    """Every number of a size by name: step medians (``cpu``: CPU seconds where measured,
    except exports, whose work is in Chromium), and ``json:<page>.<field>`` bytes."""
    values = {k: v["cpu"] if cpu and v.get("cpu") and not k.startswith(("png", "pack"))
              else v["median"] for k, v in size.get("steps", {}).items()}
    for page, fields in size.get("json_bytes", {}).items():
        values.update({f"json:{page}.{f}": float(v) for f, v in fields.items()})
    return values


def check_targets(sizes: list[dict]) -> list[dict]:
    """One row per target and measured step: value, limit, ok (None: not measured)."""
    rows = []
    for target in TARGETS:
        size = next((s for s in sizes if _scale(s) == target["scale"]), None)
        if size is None:
            continue
        found = {k: v for k, v in _values(size).items() if re.fullmatch(target["key"], k)}
        if not found:
            rows.append({**target, "step": target["key"], "value": None, "ok": None})
        for step, value in sorted(found.items()):
            rows.append({**target, "step": step, "value": value, "ok": value <= target["limit"]})
    return rows


def _scale(size: dict) -> float:
    try:
        return float(size["label"])
    except (KeyError, ValueError):
        return math.nan


def _rows(size: dict) -> int:
    return sum(size.get("rows", {}).get(name, 0) for name in GROWTH_ROWS)


def growth(sizes: list[dict]) -> dict[str, dict[str, float]]:
    """For each step, the exponent k of time ∝ rows^k between consecutive sizes (1: linear,
    about 1.1 over a decade: n log n, 2: quadratic), from CPU seconds where measured (a
    busy machine inflates wall time unevenly). Steps under 10 ms are left out: noise."""
    out: dict[str, dict[str, float]] = {}
    ordered = sorted((s for s in sizes if _rows(s)), key=_rows)
    for small, large in zip(ordered, ordered[1:]):
        ratio = _rows(large) / _rows(small)
        if ratio <= 1.5:
            continue
        a, b = _values(small, cpu=True), _values(large, cpu=True)
        failed = set(small.get("errors", {})) | set(large.get("errors", {}))
        for step in a.keys() & b.keys():
            if any(step == k or step.startswith(f"{k}.") or step.startswith(f"json:{k[5:]}.")
                   for k in failed):  # a failed step's time says nothing about growth
                continue
            if a[step] >= 0.01 and b[step] > 0 and not step.startswith("json:") or (
                    step.startswith("json:") and a[step] > 0 and b[step] > 0):
                out.setdefault(step, {})[f"{small['label']}→{large['label']}"] = round(
                    math.log(b[step] / a[step]) / math.log(ratio), 2)
    return out


def _seconds(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def _bytes(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value / 1e6:.2f} MB" if value >= 1e5 else f"{value / 1e3:.1f} kB"


def _cell(stat: dict | None) -> str:
    """``median [min–max] (cpu)``: the CPU seconds of the Python process, steadier than
    the wall clock when the machine is busy (a PNG's work is in Chromium: not counted)."""
    if not stat:
        return "—"
    spread = f" [{_seconds(stat['min'])}–{_seconds(stat['max'])}]" if stat["n"] > 1 else ""
    cpu = f" ({_seconds(stat['cpu'])})" if stat.get("cpu") is not None else ""
    return _seconds(stat["median"]) + spread + cpu


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = lambda r: "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |"  # noqa: E731
    return "\n".join([line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|",
                      *map(line, rows)])


def render(report: dict) -> str:
    """The report as Markdown tables: sizes, steps (median [min–max]), growth, bytes,
    memory, the functions inside each builder, the targets and any error."""
    sizes = report["sizes"]
    machine = report.get("machine", {})
    out = [f"anis-viz benchmark: {machine.get('cpus')} CPUs, Python {machine.get('python')}, "
           f"{machine.get('date')}, load average {machine.get('load_average', 0):.1f}, "
           f"{report.get('runs')} runs: median [min–max] (CPU median)", ""]
    out.append(_table(["size", "package", "actors", "relations", "events", "themes",
                       "mentions", "eras", "load avg"],
                      [[s["label"], s.get("source", ""), *(s.get("rows", {}).get(n, "—") for n in
                        ("actors", "relations", "events", "themes", "theme_mentions", "eras")),
                        f"{s.get('load_average', 0):.1f}"] for s in sizes]))
    steps = list(dict.fromkeys(k for s in sizes for k in s.get("steps", {})))
    grow = report.get("growth") or growth(sizes)
    out += ["", _table(["step", *(f"×{s['label']}" for s in sizes), "growth k"],
                       [[step, *(_cell(s.get("steps", {}).get(step)) for s in sizes),
                         " ".join(f"{v:g}" for v in grow.get(step, {}).values())]
                        for step in steps])]
    pages = list(dict.fromkeys(p for s in sizes for p in s.get("json_bytes", {})))
    if pages:
        out += ["", _table(["figure JSON", *(f"×{s['label']}" for s in sizes)], [
            [f"{page} ({field})", *(_bytes(s.get("json_bytes", {}).get(page, {}).get(field))
                                    for s in sizes)]
            for page in pages for field in ("builder_bytes", "page_bytes")])]
    made = list(dict.fromkeys(k for s in sizes for k in s.get("time_bytes", {})))
    if made:  # the network over the years: figure JSON and files (frames: a count)
        out += ["", _table(["network over the years", *(f"×{s['label']}" for s in sizes)], [
            [name, *(str(s.get("time_bytes", {}).get(name, "—")) if name == "frames" else
                     _bytes(s.get("time_bytes", {}).get(name)) for s in sizes)]
            for name in made])]
    out += ["", _table(["memory", *(f"×{s['label']}" for s in sizes)], [
        [name, *(f"{s.get('memory', {}).get(key, 0):.1f} MB" for s in sizes)]
        for name, key in (("Python peak, load + builders (tracemalloc)", "python_peak_mb"),
                          ("process peak RSS (load, builders, PNG, pack)", "maxrss_mb"),
                          ("process peak RSS (AppTest page runs)", "pages_maxrss_mb"))])]
    largest = max(sizes, key=_rows, default=None)
    if largest and largest.get("profile"):
        out += ["", f"Inside the builders at ×{largest['label']} (one profiled run, "
                    "cumulative seconds):"]
        for page, functions in largest["profile"].items():
            detail = ", ".join(f"{f['function']} {f['seconds']:.3f}" for f in functions[:5])
            out.append(f"- {page}: {detail}")
    checks = report.get("checks") or check_targets(sizes)
    if checks:
        fmt = lambda c, v: _bytes(v) if c["unit"] == "B" else _seconds(v)  # noqa: E731
        out += ["", _table(["target", "size", "step", "limit", "measured", ""], [
            [c["what"], f"×{c['scale']:g}", c["step"], fmt(c, c["limit"]), fmt(c, c["value"]),
             {True: "ok", False: "MISS", None: "not measured"}[c["ok"]]] for c in checks])]
    errors = [(s["label"], k, v) for s in sizes for k, v in s.get("errors", {}).items()]
    if errors:
        out += ["", "Errors:"] + [f"- ×{label} {k}: {v}" for label, k, v in errors]
    return "\n".join(out)


if __name__ == "__main__":
    print(render(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))))
