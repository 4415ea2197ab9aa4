"""Measure one invalid upload of about 20 MB against a running server on 127.0.0.1: CPU
seconds and peak RSS of the server and of the check process, and how long another viewer
waits for the network page meanwhile.

    python scripts/serve.py --server.port 8532 &
    python scripts/upload_load.py http://127.0.0.1:8532 <server pid>

The upload is the small fixture package with events.csv grown to about 337,000 rows that
each break several rules (uploaded as CSV files, 19.9 MB in all).
"""
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
TICK = os.sysconf("SC_CLK_TCK")
CHART = "div.stPlotlyChart .js-plotly-plot .main-svg"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def make_upload(out: Path, total: float = 19.9e6) -> list[Path]:
    src = ROOT / "tests" / "fixtures" / "jardins"
    for f in src.glob("*.csv"):
        shutil.copy(f, out / f.name)
    header = (src / "events.csv").read_text(encoding="utf-8").splitlines()[0]
    limit = int(total) - sum(f.stat().st_size for f in out.glob("*.csv")
                             if f.name != "events.csv")
    rows, size, i = [header], len(header) + 1, 0
    while True:
        row = f"ev_{i},19x{i % 10},,year,nowhere,founding,T{i},,D,,Z,Q{i}"
        if size + len(row) + 1 > limit:
            break
        rows.append(row)
        size += len(row) + 1
        i += 1
    (out / "events.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"upload: {i} bad rows, {sum(f.stat().st_size for f in out.glob('*.csv')) / 1e6:.1f} MB")
    return sorted(out.glob("*.csv"))


def stat(pid):
    try:
        parts = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None

    def field(k):
        found = [line for line in status.splitlines() if line.startswith(k)]
        return int(found[0].split()[1]) * 1024 if found else 0
    return {"ppid": int(parts[1]), "cpu": (int(parts[11]) + int(parts[12])) / TICK,
            "rss": field("VmRSS"), "hwm": field("VmHWM")}


def children(pid):
    found = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            s = stat(int(d.name))
            if s and s["ppid"] == pid:
                found.append(int(d.name))
    return found


def main(base: str, server_pid: int) -> None:
    assert base.startswith("http://127.0.0.1:"), "loopback only"
    samples = {"server_rss_max": 0, "workers": {}}
    stop = threading.Event()

    def sampler():
        while not stop.is_set():
            s = stat(server_pid)
            samples["server_rss_max"] = max(samples["server_rss_max"], s["rss"])
            for c in children(server_pid):
                cs = stat(c)
                if cs and cs["hwm"]:
                    old = samples["workers"].get(c, {"cpu": 0, "hwm": 0})
                    samples["workers"][c] = {"cpu": max(old["cpu"], cs["cpu"]),
                                             "hwm": max(old["hwm"], cs["hwm"])}
            time.sleep(0.2)

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        files = make_upload(Path(tmp))
        start = stat(server_pid)
        print(f"server before: cpu {start['cpu']:.1f} s, rss {start['rss'] / 1e6:.0f} MB")
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        uploader = browser.new_page(viewport={"width": 1280, "height": 2000})
        uploader.goto(f"{base}/donnees?lang=en", wait_until="domcontentloaded")
        uploader.wait_for_selector("input[type=file]", state="attached", timeout=60_000)
        uploader.set_input_files("input[type=file]", [str(f) for f in files])
        uploader.wait_for_timeout(5000)  # every file sent
        viewer = browser.new_page(viewport={"width": 1280, "height": 900})
        waits = []

        def load():
            t1 = time.monotonic()
            viewer.goto(f"{base}/reseau", wait_until="domcontentloaded", timeout=120_000)
            viewer.wait_for_selector(CHART, timeout=120_000)
            return round(time.monotonic() - t1, 1)
        print("other viewer before the upload, /reseau loads (s):", [load() for _ in range(3)])
        threading.Thread(target=sampler, daemon=True).start()
        t0 = time.monotonic()
        uploader.get_by_role("button", name="Check and show").click()
        answered = None
        while time.monotonic() - t0 < 300 and answered is None:
            waits.append(load())
            if uploader.evaluate("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
                                 " && document.querySelectorAll('[data-testid=\"stAlert\"]')"
                                 ".length > 0"):
                answered = time.monotonic() - t0
        alerts = uploader.locator("[data-testid='stAlert']").all_inner_texts()
        browser.close()
    stop.set()
    time.sleep(0.3)
    end = stat(server_pid)
    print(f"upload answered after {answered and round(answered, 1)} s")
    print("messages:", [a[:200] for a in alerts])
    print("other viewer during the check, /reseau loads (s):", waits, "max", max(waits))
    print(f"server: cpu {end['cpu'] - start['cpu']:.1f} s during, peak rss "
          f"{samples['server_rss_max'] / 1e6:.0f} MB, rss after {end['rss'] / 1e6:.0f} MB")
    for pid, s in samples["workers"].items():
        print(f"check process {pid}: cpu {s['cpu']:.1f} s, peak rss {s['hwm'] / 1e6:.0f} MB")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
