"""Shared fixtures: the embedded ANIS package, the fictional second package, and a copy
of it to damage for validation tests."""

import os
import shutil
from pathlib import Path

import pytest

from anis_viz.data import DEFAULT_DATA, load_dataset

# The servers the tests start run on the C allocator, as `anis_viz.serve` makes every server
# do; set here, a test that calls `serve.main` in this process never restarts pytest.
os.environ.setdefault("PYTHONMALLOC", "malloc")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
JARDINS = FIXTURES / "jardins"
SOURCE_DIR = ROOT.parent / "shared" / "source"


@pytest.fixture(scope="session")
def anis():
    return load_dataset(DEFAULT_DATA)


@pytest.fixture(scope="session")
def jardins():
    return load_dataset(JARDINS)


@pytest.fixture
def package(tmp_path):
    """A writable copy of the small valid package."""
    target = tmp_path / "pkg"
    shutil.copytree(JARDINS, target)
    return target


@pytest.fixture(autouse=True, scope="session")
def _apptest_runs_the_navigation_script():
    """AppTest (Streamlit 1.67) resets ``PagesManager.uses_pages_directory`` before every
    run, and an app with a ``pages/`` folder then reruns the page file alone (the old
    multipage mode), skipping ``app.py`` and its sidebar. Apply the server's fix
    (:func:`anis_viz.serve.navigation_only`) after every reset, so every run, first or not,
    executes ``app.py`` as the server does."""
    from streamlit.runtime.pages_manager import PagesManager

    from anis_viz.serve import navigation_only

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        navigation_only()

    PagesManager.__init__ = init
    yield
    PagesManager.__init__ = original
