"""The ``anis-viz`` command (``python -m anis_viz``): its subcommands reach their tools."""

import sys
import tomllib
from pathlib import Path

import pytest

from anis_viz import __main__ as cli
from anis_viz import serve
from tests.conftest import JARDINS

ROOT = Path(__file__).resolve().parent.parent


def test_console_script_is_declared_and_built():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert project["build-system"]["build-backend"] == "setuptools.build_meta"
    module, function = project["project"]["scripts"]["anis-viz"].split(":")
    assert module == "anis_viz.__main__" and callable(getattr(cli, function))


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit):  # argparse's help exits
        cli.cli(["--help"])
    out = capsys.readouterr().out
    for command in ("run", "validate", "export", "bench", "synth"):
        assert f"  {command} " in out or f"{{{command}," in out or f",{command}" in out, command


def test_validate(capsys):
    assert cli.cli(["validate", str(JARDINS)]) == 0
    assert "OK" in capsys.readouterr().out


def test_synth_writes_a_valid_package(tmp_path, capsys):
    assert cli.cli(["synth", str(tmp_path / "pkg"), "--scale", "1", "--seed", "3"]) == 0
    assert cli.cli(["validate", str(tmp_path / "pkg")]) == 0


def test_run_serves_through_the_one_fix(monkeypatch):
    seen = []
    monkeypatch.setattr(serve.cli, "main", lambda: seen.append(list(sys.argv)) or 0)
    monkeypatch.setattr(serve, "collect_garbage", lambda: None)
    monkeypatch.setattr(serve, "c_allocator", lambda: None)
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    assert cli.cli(["run", "--server.port", "8599"]) == 0
    assert seen == [["streamlit", "run", str(serve.APP), "--server.port", "8599"]]


def test_bench_takes_its_own_options(monkeypatch):
    from anis_viz import bench

    monkeypatch.setattr(bench, "main", lambda argv: len(argv))
    assert cli.cli(["bench", "--sizes", "1"]) == 2
