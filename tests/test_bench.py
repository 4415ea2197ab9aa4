"""The benchmark runs end to end on a tiny synthetic package (CI smoke test: no times are
asserted, only that every measure is there and makes sense)."""

import json

from anis_viz import bench, benchreport, nav, views
from tests.conftest import ROOT


def test_bench_reports_every_measure(tmp_path, capsys):
    out = tmp_path / "bench.json"
    # the assembly pack is left out: it re-renders every chart three times (tens of
    # seconds), and tests/test_present.py already builds it through the command line
    assert bench.main(["--sizes", "0.2", "--runs", "1", "--json", str(out), "--skip", "pack",
                       "--workdir", str(tmp_path / "work")]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert {"machine", "runs", "sizes", "growth", "checks", "targets"} <= set(report)
    (size,) = report["sizes"]
    assert not size["errors"], size["errors"]
    assert size["rows"]["actors"] > 0 and size["source"].startswith("synth")
    steps = size["steps"]
    pages = list(views.PAGES)
    scripts = [s for s, *_ in nav.PAGES if (ROOT / s).exists()]
    expected = {"load", *(f"build.{p}" for p in pages), *(f"png.{p}" for p in pages)}
    expected |= {f"page.{s.split('/')[-1][:-3]}.{k}" for s in scripts
                 for k in ("cold", "warm", "rerun")}
    assert expected <= set(steps)
    for stat in steps.values():
        assert stat["n"] >= 1 and 0 < stat["min"] <= stat["median"] <= stat["max"]
    for page in pages:
        assert size["json_bytes"][page]["builder_bytes"] > 0
        assert size["profile"][page]  # the transforms and builders inside
    assert "pack" not in steps
    assert {"time.playback.cold", "time.measures.cold", "time.gexf", "time.frames",
            "time.gif", "time.mp4"} <= set(steps)
    assert size["time_bytes"]["frames"] > 1 and size["time_bytes"]["gif"] > 0
    assert size["memory"]["python_peak_mb"] > 0 and size["memory"]["maxrss_mb"] > 0
    printed = capsys.readouterr().out
    assert "| load" in printed and "Inside the builders" in printed


def test_growth_and_targets_read_the_numbers():
    def size(label, rows, seconds):
        return {"label": label, "rows": {"actors": rows},
                "steps": {"page.network.cold": {"median": seconds, "min": seconds,
                                                "max": seconds, "n": 1}}}

    sizes = [size("10", 1000, 0.1), size("100", 10000, 1.0)]
    assert benchreport.growth(sizes)["page.network.cold"] == {"10→100": 1.0}
    quadratic = [size("10", 1000, 0.1), size("100", 10000, 10.0)]
    assert benchreport.growth(quadratic)["page.network.cold"] == {"10→100": 2.0}
    (check,) = [c for c in benchreport.check_targets(sizes) if c["step"] == "page.network.cold"]
    assert check["ok"] is True and check["limit"] == 3.0
