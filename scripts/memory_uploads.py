"""Does the server give memory back after sessions that uploaded large packages close?

    python scripts/memory_uploads.py [--sessions 4] [--scale 100] [--after 180] [--json out.json]

Starts the app on a free loopback port, opens one session on the home page, then measures
the server's resident memory (RSS):

- ``home``: after that first visit;
- ``start``: then after every page has been opened once in each language, as ``make serve``
  does to each server before it takes viewers (``anis_viz.replicas.warm``): the code and the
  embedded data's charts that any viewer brings in are loaded (``--cold`` skips this, and
  ``start`` is ``home``);
- ``peak``: while ``--sessions`` browsers (headless Chromium) each upload their own
  synthetic package (a stored zip of ``--scale``, about 13 MB at 100) on the Données page,
  then open the Réseau and Thèmes pages of their upload;
- ``end``: ``--after`` seconds after every one of those browsers has closed;
- ``after_a_visit``: 45 s after another viewer has then opened the home page and left.
  Streamlit keeps a closed session for ``server.disconnectedSessionTTL`` (120 s) in case
  its browser reconnects; the server shuts it down within 30 s after that.

The target: ``end`` within 1.5 times ``start``. Loopback only; every wait is bounded.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from anis_viz import devserver, replicas, synth  # noqa: E402

TARGET = 1.5


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def package_zip(folder: Path, scale: float, seed: int) -> Path:
    out = folder / f"pkg{seed}"
    synth.generate(out, scale=scale, seed=seed)
    target = folder / f"paquet_{seed}.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as archive:
        for file in sorted(out.iterdir()):
            archive.write(file, file.name)
    return target


def _wait_charts(page, timeout: float) -> None:
    page.wait_for_selector("div.stPlotlyChart .js-plotly-plot .main-svg", timeout=timeout)


def _browser(play):
    return play.chromium.launch(executable_path=str(devserver.CHROMIUM),
                                args=devserver.CHROMIUM_ARGS)


def session(base: str, zip_path: Path, timeout_ms: float, errors: list) -> None:
    """One viewer: upload, look at two pages of the upload, close (its own browser)."""
    with sync_playwright() as play:
        browser = _browser(play)
        try:
            _visit(browser.new_page(viewport={"width": 1280, "height": 900}), base, zip_path,
                   timeout_ms)
        except Exception as err:  # noqa: BLE001 -- reported, the measure goes on
            errors.append(f"{zip_path.name}: {type(err).__name__}: {err}")
        finally:
            browser.close()


def _visit(page, base: str, zip_path: Path, timeout_ms: float) -> None:
    page.goto(f"{base}/donnees", timeout=timeout_ms)
    page.locator("input[type=file]").set_input_files(str(zip_path), timeout=timeout_ms)
    button = page.get_by_role("button", name="Vérifier et afficher")
    button.wait_for(timeout=timeout_ms)
    page.wait_for_function(
        "() => [...document.querySelectorAll('button')].some("
        "b => b.innerText.includes('Vérifier et afficher') && !b.disabled)",
        timeout=timeout_ms)
    deadline = time.monotonic() + timeout_ms / 1000
    button.click()
    busy_since = None
    while not page.locator("div.stAlert:has-text('valides')").count():
        # The server checks at most two uploads at once; "busy" (réessayez) means try again.
        if time.monotonic() > deadline:
            raise TimeoutError("no valid upload in time")
        checking = page.get_by_text("Vérification de").count()
        busy = page.locator("div.stAlert:has-text('réessayez')").count()
        busy_since = (busy_since or time.monotonic()) if busy and not checking else None
        if busy_since is not None and time.monotonic() - busy_since > 3:
            button.click()
            busy_since = None
        page.wait_for_timeout(1000)
    for name in ("Réseau", "Thèmes"):  # in-app navigation: the same session
        page.locator("[data-testid=stSidebarNav] a", has_text=name).first.click()
        _wait_charts(page, timeout_ms)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=4)
    parser.add_argument("--scale", type=float, default=100)
    parser.add_argument("--after", type=float, default=180, help="seconds to wait at the end")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per browser step")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--cold", action="store_true",
                        help="measure from the first visit, without opening every page first")
    args = parser.parse_args(argv)
    sessions = max(1, min(args.sessions, 8))
    with tempfile.TemporaryDirectory(prefix="anis-viz-memory-") as tmp:
        folder = Path(tmp)
        zips = [package_zip(folder, args.scale, seed) for seed in range(1, sessions + 1)]
        sizes = [round(z.stat().st_size / 1e6, 1) for z in zips]
        process, base = devserver.start(folder / "logs", env={"ANIS_VIZ_LOG": "warning"})
        samples: list[tuple[float, float]] = []
        stop = threading.Event()

        def sample() -> None:
            while not stop.wait(1.0):
                samples.append((time.monotonic(), rss_mb(process.pid)))

        errors: list[str] = []
        try:
            with sync_playwright() as play:
                browser = _browser(play)
                page = browser.new_page()
                page.goto(base, timeout=args.timeout * 1000)
                _wait_charts(page, args.timeout * 1000)
                browser.close()
            time.sleep(5)
            home = rss_mb(process.pid)
            if not args.cold:
                replicas.warm([base], timeout=args.timeout)
                time.sleep(5)
            start = rss_mb(process.pid)
            watcher = threading.Thread(target=sample, daemon=True)
            watcher.start()
            began = time.monotonic()
            workers = [threading.Thread(target=session, args=(base, z, args.timeout * 1000,
                                                              errors)) for z in zips]
            for worker in workers:  # the sessions overlap on the server
                worker.start()
            for worker in workers:
                worker.join()
            closed = time.monotonic()
            time.sleep(args.after)
            end = rss_mb(process.pid)
            with sync_playwright() as play:  # someone else comes by, then leaves
                browser = _browser(play)
                page = browser.new_page()
                page.goto(base, timeout=args.timeout * 1000)
                _wait_charts(page, args.timeout * 1000)
                browser.close()
            time.sleep(45)  # the server collects garbage every 30 s
            visited = rss_mb(process.pid)
        finally:
            stop.set()
            devserver.stop(process)
    peak = max((mb for _, mb in samples), default=start)
    report = {"sessions": sessions, "zip_mb": sizes, "home_mb": round(home, 1),
              "start_mb": round(start, 1),
              "peak_mb": round(peak, 1), "end_mb": round(end, 1),
              "after_a_visit_mb": round(visited, 1),
              "end_over_start": round(end / start, 2),
              "end_over_home": round(end / home, 2), "target": TARGET,
              "busy_s": round(closed - began, 1), "after_s": args.after, "errors": errors}
    print(json.dumps(report, indent=2, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    return 0 if not errors and end <= TARGET * start else 1


if __name__ == "__main__":
    raise SystemExit(main())
