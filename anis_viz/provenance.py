"""Check that quotes stand verbatim in the source text.

Whitespace, typographic apostrophes and quotation marks are normalised, and a quote may
join verbatim fragments with an ellipsis ("…", "...", "[…]", "(…)").
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from anis_viz.data import Dataset

__all__ = ["normalise", "fragments", "missing_quotes"]

_ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:…|\.\.\.)\s*\]|\(\s*(?:…|\.\.\.)\s*\)|…|\.\.\.)\s*")
_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"',
                       "\u00a0": " "})


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_FOLD).replace('"', "")
    return re.sub(r"\s+", " ", text).strip().casefold()


def fragments(quote: str) -> list[str]:
    return [f for f in (normalise(p) for p in _ELLIPSIS.split(quote)) if len(f) >= 3]


def missing_quotes(ds: Dataset, source: str) -> pd.DataFrame:
    """Rows whose quote is not verbatim in ``source``: file, row, quote."""
    text = normalise(source)
    rows = []
    for name, frame in ds.tables.items():
        if "quote" not in frame.columns:
            continue
        for index, quote in frame["quote"].items():
            parts = fragments(quote)
            if not parts or not all(part in text for part in parts):
                rows.append({"file": ds.file_of(name), "row": index + 2, "quote": quote})
    return pd.DataFrame(rows, columns=["file", "row", "quote"])
