"""Full AppTest runs of every page, for the benchmark (``python -m anis_viz.bench`` runs
this script in its own process: the package itself never imports Streamlit).

    python scripts/bench_pages.py --path PACKAGE --runs 3 --out pages.json

For each page of ``anis_viz.nav.PAGES`` whose script exists: ``cold`` (caches cleared,
only the data loaded), ``warm`` (a new session, caches warm) and ``rerun`` (the same
session after one widget change: the shared era filter), plus the bytes of the page's
figure JSON as sent to the browser.
"""

import argparse
import json
import logging
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from anis_viz import cache, nav, ui  # noqa: E402
from anis_viz.bench import stats  # noqa: E402
from anis_viz.data import load_dataset  # noqa: E402

APP = str(ROOT / "app.py")


def _change(at: AppTest, era: str, turn: int) -> AppTest:
    """One widget change: the shared era filter on, then off (alternately)."""
    value = [era] if turn % 2 == 0 else []
    try:
        at.sidebar.multiselect(key="f_eras").set_value(value)
    except KeyError:  # the element tree may not expose the sidebar: same change, by state
        at.session_state["f_eras"] = value
    return at


def measure_pages(path: Path, runs: int, timeout: float) -> dict:
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    os.environ["ANIS_VIZ_DATA"] = str(path)
    ds = load_dataset(path)
    era = str(ds.eras.sort_values("start_date")["era_id"].iloc[0])
    steps, sizes, errors, cpu = {}, {}, {}, {}

    def session(script: str, default: bool) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=timeout)
        if default:  # the default page opens without switching
            return at
        at.run()  # AppTest switches pages only after a first run (the default page)
        return at.switch_page(script)

    def timed(at: AppTest, name: str) -> float:
        start, start_cpu = time.perf_counter(), time.process_time()
        at.run()
        cpu.setdefault(name, []).append(time.process_time() - start_cpu)
        problems = [e.value for e in at.exception] + [e.value for e in at.error]
        if problems:
            errors.setdefault(f"page.{name}", str(problems[0])[:300])
        return time.perf_counter() - start

    for script, _, slug, _ in nav.PAGES:
        if not (ROOT / script).exists():
            continue
        page = Path(script).stem
        samples: dict[str, list[float]] = {"cold": [], "warm": [], "rerun": []}
        try:
            for turn in range(max(1, runs)):
                st.cache_data.clear()
                st.cache_resource.clear()
                cache.clear()
                ui._load(str(path), ui._fingerprint(path))  # cold: only the data is loaded
                samples["cold"].append(timed(session(script, not slug), f"{page}.cold"))
                at = session(script, not slug)
                samples["warm"].append(timed(at, f"{page}.warm"))
                if turn == 0:  # the default view, as a first visit sends it
                    specs = [len(el.proto.spec) for el in at.get("plotly_chart")]
                    sizes[page] = {"page_bytes": sum(specs), "page_charts": len(specs)}
                samples["rerun"].append(timed(_change(at, era, turn), f"{page}.rerun"))
        except Exception as exc:  # a page that fails is reported, the bench goes on
            errors[f"page.{page}"] = f"{type(exc).__name__}: {exc}"[:300]
        for name, values in samples.items():
            if values:
                steps[f"page.{page}.{name}"] = stats(values, cpu.get(f"{page}.{name}"))
    return {"steps": steps, "json_bytes": sizes, "errors": errors,
            "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--path", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=600, help="seconds per AppTest run")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    result = measure_pages(args.path, args.runs, args.timeout)
    args.out.write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
