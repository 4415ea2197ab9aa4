"""Shared fixtures: the embedded ANIS package, the fictional second package, and a copy
of it to damage for validation tests."""

import shutil
from pathlib import Path

import pytest

from anis_viz.data import DEFAULT_DATA, load_dataset

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
