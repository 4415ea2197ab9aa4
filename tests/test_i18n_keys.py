"""Composed translation keys (``t(f"network.size.{s}", lang)``): each form used in the code
names keys that exist, in every language."""

import ast
import re
from pathlib import Path

from anis_viz import i18n

ROOT = Path(__file__).resolve().parent.parent
PY_FILES = [*ROOT.glob("anis_viz/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py"]


def _composed_keys() -> dict[str, str]:
    """Pattern of each f-string key given to ``t()`` -> where it is used."""
    found = {}
    for path in PY_FILES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and node.args
                    and getattr(node.func, "id", getattr(node.func, "attr", None)) == "t"
                    and isinstance(node.args[0], ast.JoinedStr)):
                pattern = "".join(re.escape(part.value) if isinstance(part, ast.Constant)
                                  else r".+" for part in node.args[0].values)
                found[pattern] = f"{path.relative_to(ROOT)}:{node.lineno}"
    return found


def test_the_scan_finds_composed_keys():
    assert len(_composed_keys()) >= 10


def test_every_composed_key_names_existing_keys_in_every_language():
    missing = []
    for pattern, where in sorted(_composed_keys().items()):
        keys = [k for k in i18n.TRANSLATIONS if re.fullmatch(pattern, k)]
        if not keys:
            missing.append(f"{where}: no key matches {pattern}")
        for key in keys:
            texts = i18n.TRANSLATIONS[key]
            if len(texts) != len(i18n.LANGS) or not all(str(x).strip() for x in texts):
                missing.append(f"{where}: {key} lacks a language")
    assert not missing, missing
