"""Data flows one way: every module of the package sits in a layer and imports only from
its own layer or the layers below; no import cycle; no import inside a function to get
around either (only the command-line tools import late, to start fast)."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "anis_viz"

# lowest first
LAYERS = [
    ("base", ["anis_viz", "anis_viz.text", "anis_viz.i18n", "anis_viz.style", "anis_viz.dates", "anis_viz.cache",
              "anis_viz.chart", "anis_viz.params", "anis_viz.contract", "anis_viz.nav", "anis_viz.timeline_layout",
              "anis_viz.figures"]),
    ("data", ["anis_viz.problems", "anis_viz.descriptor", "anis_viz.validate", "anis_viz.data",
              "anis_viz.synth", "anis_viz.upload", "anis_viz.background"]),
    ("transforms", ["anis_viz.filters", "anis_viz.provenance", "anis_viz.overview",
                    "anis_viz.network", "anis_viz.network_labels", "anis_viz.network_frames",
                    "anis_viz.network_time", "anis_viz.themes", "anis_viz.health",
                    "anis_viz.slides"]),
    ("figures", ["anis_viz.figures.network", "anis_viz.figures.overview",
                 "anis_viz.figures.themes", "anis_viz.figures.timeline",
                 "anis_viz.figures.network_measures", "anis_viz.figures.network_play"]),
    ("charts", ["anis_viz.timeline", "anis_viz.network_view", "anis_viz.network_card", "anis_viz.network_time_view",
                "anis_viz.themes_charts", "anis_viz.charts"]),
    ("views", ["anis_viz.views", "anis_viz.views.overview", "anis_viz.views.timeline",
               "anis_viz.views.network", "anis_viz.views.themes"]),
    ("export", ["anis_viz.export", "anis_viz.gexf", "anis_viz.animation", "anis_viz.publish"]),
    ("ui", ["anis_viz.ui", "anis_viz.serve"]),
    ("tools", ["anis_viz.__main__", "anis_viz.bench", "anis_viz.benchreport",
               "anis_viz.devserver", "anis_viz.loadtest", "anis_viz.replicas"]),
]
LAYER = {module: rank for rank, (_, modules) in enumerate(LAYERS) for module in modules}
LATE_IMPORTS_ALLOWED = {"tools"}


def _name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(module: str) -> list[tuple[str, int, bool]]:
    """(imported package module, line, inside a function?) for every import of ``module``."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    late: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            late |= {id(inner) for inner in ast.walk(node) if inner is not node}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        targets = {n for n in names if n in MODULES and n not in (module, "anis_viz")}
        if not targets and any(n == "anis_viz" for n in names):
            targets = {"anis_viz"}
        found += [(target, node.lineno, id(node) in late) for target in sorted(targets)]
    return found


def test_every_module_has_a_layer():
    missing = sorted(set(MODULES) - set(LAYER))
    assert not missing, f"place these modules in a layer of tests/test_layers.py: {missing}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down(module):
    rank = LAYER.get(module)
    if rank is None:
        pytest.skip("not placed yet (see test_every_module_has_a_layer)")
    upward = [f"{module}:{line} imports {target} ({LAYERS[LAYER[target]][0]})"
              for target, line, _ in _imports(module) if LAYER.get(target, -1) > rank]
    assert not upward, f"{LAYERS[rank][0]} layer importing upward: {upward}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_late_import_outside_the_tools(module):
    if LAYERS[LAYER.get(module, 0)][0] in LATE_IMPORTS_ALLOWED:
        return
    late = [f"{module}:{line} imports {target}" for target, line, inside in _imports(module)
            if inside]
    assert not late, f"import at the top of the module: {late}"


def _streamlit_imports(path: Path) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
            [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else []
        found += [(name, node.lineno) for name in names
                  if name == "streamlit" or name.startswith("streamlit.")]
    return found


@pytest.mark.parametrize("module", sorted(MODULES))
def test_only_the_ui_layer_imports_streamlit(module):
    """The tools may read Streamlit's wire messages (``streamlit.proto``), as a browser
    does; nothing else outside the UI layer imports Streamlit."""
    layer = LAYERS[LAYER.get(module, 0)][0]
    if layer == "ui":
        return
    found = [f"{module}:{line} imports {name}" for name, line in
             _streamlit_imports(MODULES[module])
             if not (layer == "tools" and name.startswith("streamlit.proto."))]
    assert not found, f"only the UI layer imports streamlit: {found}"


def test_the_check_sees_streamlit_outside_the_ui(tmp_path, monkeypatch):
    fake = tmp_path / "loadtest.py"
    fake.write_text("def f():\n    import streamlit as st\n    return st\n")
    monkeypatch.setitem(MODULES, "anis_viz.loadtest", fake)
    with pytest.raises(AssertionError, match="only the UI layer"):
        test_only_the_ui_layer_imports_streamlit("anis_viz.loadtest")


def test_no_import_cycle():
    edges = {m: {t for t, _, _ in _imports(m)} for m in MODULES}
    cycles = []

    def walk(node, path):
        for target in edges.get(node, ()):
            if target in path:
                cycles.append(path[path.index(target):] + [target])
            elif target not in seen:
                seen.add(target)
                walk(target, path + [target])

    for start in sorted(edges):
        seen = {start}
        walk(start, [start])
    assert not cycles, cycles[:5]


def test_the_check_sees_an_upward_import(tmp_path, monkeypatch):
    # the check itself: a transform importing the export layer, late, is caught twice
    source = "def f():\n    from anis_viz.export import png\n    return png\n"
    fake = tmp_path / "network.py"
    fake.write_text(source)
    monkeypatch.setitem(MODULES, "anis_viz.network", fake)
    with pytest.raises(AssertionError, match="importing upward"):
        test_imports_point_down("anis_viz.network")
    with pytest.raises(AssertionError, match="import at the top"):
        test_no_late_import_outside_the_tools("anis_viz.network")


def test_no_private_module_of_a_library():
    # plotly.io._utils and the like change without notice: use the public API
    private = []
    for path in [*MODULES.values(), *PACKAGE.parent.glob("scripts/*.py"),
                 *PACKAGE.parent.glob("pages/*.py"), PACKAGE.parent / "app.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] + [a.name for a in node.names] \
                if isinstance(node, ast.ImportFrom) and not node.level else []
            if names and not names[0].startswith("anis_viz") and any(
                    part.startswith("_") and not part.startswith("__")
                    for name in names for part in name.split(".")):
                private.append(f"{path.name}:{node.lineno} {names}")
    assert not private, private
