"""One rule for data text: it is shown as typed, never as markup, a link or an image.

- :func:`md` for everything Streamlit renders as Markdown (``st.markdown``, captions,
  titles, widget and tab labels): Markdown syntax, KaTeX ``$``, ``:color[…]`` directives,
  emoji and icon short codes, links, autolinks, images and HTML all come out as text.
- :func:`plotly` for every data string that reaches Plotly (labels, hovers, titles,
  annotations, legend names, tick labels): ``& < >`` become entities, once. Builders add
  their own ``<b>``/``<br>`` around the escaped text. Quotes stay as typed: Plotly does not
  decode ``&quot;``, so escaping them would show the entity.
- :func:`guard_cell` / :func:`guard_frame` for every CSV the app writes: a cell that a
  spreadsheet would run as a formula gets a leading apostrophe.

>>> md("**B** [l](x)")
'\\\\*\\\\*B\\\\*\\\\* \\\\[l\\\\]\\\\(x\\\\)'
>>> plotly('<b>"A" & B</b>')
'&lt;b&gt;"A" &amp; B&lt;/b&gt;'
>>> guard_cell("=1+1"), guard_cell("＝1"), guard_cell("\\t=1"), guard_cell("a=1")
("'=1+1", "'＝1", "'\\t=1", 'a=1')
"""

from __future__ import annotations

import csv
import io
import re

import pandas as pd

__all__ = ["FORMULA_START", "guard_cell", "guard_csv", "guard_frame", "md", "plotly"]

# Every ASCII punctuation mark may be backslash-escaped in CommonMark; escaping them all
# also breaks autolinks (``http\:\/\/``), ``:short:codes:``, directives and KaTeX.
_MD_PUNCT = re.compile(r"""([!"#$%&'()*+,\-./:;=?@\[\\\]^_`{|}~])""")
_LINE_BREAK = re.compile(r"\s*[\r\n]+\s*")  # no indented code block, heading or list
# GFM turns bare addresses into links after escapes are resolved: an invisible word joiner
# after the scheme's colon, inside "www." and before "@" keeps them text.
_JOINER = "\u2060"
_AUTOLINK = re.compile(r"(?i)\b(https?|ftp|mailto|xmpp|www)([:.])|(@)")
_PLOTLY = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})

# A spreadsheet runs a cell starting with one of these as a formula (fullwidth forms too,
# which some spreadsheets fold to ASCII; tab and CR hide a formula behind white space).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def _join(match: re.Match) -> str:
    if match.group(3):
        return _JOINER + "@"
    return match.group(1) + _JOINER + match.group(2)


def md(text) -> str:
    """``text`` (any value) as Markdown that shows exactly that text."""
    value = _LINE_BREAK.sub(" ", "" if text is None else str(text))
    value = _MD_PUNCT.sub(r"\\\1", _AUTOLINK.sub(_join, value))
    return value.replace("<", "&lt;").replace(">", "&gt;")


def plotly(text) -> str:
    """``text`` (any value) for Plotly's HTML-like text: ``& < >`` as entities."""
    return ("" if text is None else str(text)).translate(_PLOTLY)


def guard_cell(value):
    """A CSV cell that no spreadsheet runs as a formula (non-text values unchanged)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def guard_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells (and column names) pass :func:`guard_cell`."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(guard_cell, na_action="ignore")
    return safe.rename(columns=lambda c: guard_cell(c) if isinstance(c, str) else c)


def guard_csv(raw: bytes) -> bytes:
    """CSV bytes (UTF-8) with every risky cell guarded; unchanged when none is risky (so a
    clean package is copied byte for byte). Bytes that are not UTF-8 CSV come back as is."""
    try:
        text = raw.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except (UnicodeDecodeError, csv.Error):
        return raw
    if not any(isinstance(c, str) and c.startswith(FORMULA_START) for row in rows for c in row):
        return raw
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n" if "\r\n" in text else "\n").writerows(
        [[guard_cell(c) for c in row] for row in rows])
    return ("\ufeff" if raw.startswith(b"\xef\xbb\xbf") else "").encode() + out.getvalue().encode()
