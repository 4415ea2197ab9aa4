"""The interface's words (French first, English) and their formatting per language.

Every interface string is a row of ``translations.csv`` (columns ``key``, then one column per
language: a new language is one more column), read once into :data:`TRANSLATIONS`
(``{key: (text per language, ...)}``). :func:`t` looks a language up by its column; French
texts get a non-breaking space before ``: ; ? !``. Plurals are ``<key>.one`` / ``<key>.other``
rows chosen by ``t(key, lang, count=n)`` under the CLDR rules (Babel), and numbers and sizes
are written per language (:func:`format_number`, :func:`format_size`).
Data labels are not here: they come from the data package's ``*_en`` columns (:func:`pick`).

>>> t("app.title", "en")
'Association history'
>>> format_date("2001-07", "month", "fr"), format_date("2005", "approximate", "en")
('juillet 2001', 'c. 2005')
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

import pandas as pd
from babel import Locale
from babel.numbers import format_decimal
from babel.units import format_unit

__all__ = ["LANGS", "TRANSLATIONS", "t", "pick", "format_date", "format_span", "month_name",
           "format_number", "format_size", "plural_form"]


CATALOGUE = Path(__file__).with_name("translations.csv")
NBSP = "\u00a0"


def _load(path: Path = CATALOGUE) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    """The catalogue: its language columns and ``{key: (text per language, ...)}``."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = csv.reader(f)
        header = next(rows)
        return tuple(header[1:]), {row[0]: tuple(row[1:]) for row in rows if row}


def french_typography(text: str) -> str:
    """A non-breaking space, not a plain one, before ``: ; ? !`` (French rules).

    >>> french_typography("Source : {title} ; vrai ?") == "Source\u00a0: {title}\u00a0; vrai\u00a0?"
    True
    """
    return re.sub(r" (?=[:;?!])", NBSP, text)


def _by_language(langs: tuple[str, ...], table: dict[str, tuple[str, ...]]
                 ) -> dict[str, dict[str, str]]:
    """``{lang: {key: text}}``, French typography applied to French columns."""
    return {lang: {key: french_typography(texts[i]) if lang.startswith("fr") else texts[i]
                   for key, texts in table.items()}
            for i, lang in enumerate(langs)}


LANGS, TRANSLATIONS = _load()
DEFAULT_LANG = LANGS[0]
_TEXTS = _by_language(LANGS, TRANSLATIONS)


def _lang(lang: str) -> str:
    return lang if lang in _TEXTS else DEFAULT_LANG


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(_lang(lang))


def plural_form(count: float, lang: str = DEFAULT_LANG) -> str:
    """The CLDR plural category of ``count`` in ``lang`` (``one``, ``other``, …).

    >>> plural_form(0, "fr"), plural_form(0, "en"), plural_form(1, "en")
    ('one', 'other', 'one')
    """
    return _locale(lang).plural_form(abs(count))


def t(key: str, lang: str = DEFAULT_LANG, /, **params) -> str:
    """The text of ``key`` in ``lang``, with ``{params}`` filled in. Unknown keys raise.

    With ``count=n``, a key without its own row picks ``<key>.one``, ``<key>.other``, … by the
    CLDR plural rules of ``lang``, and ``{count}`` reads as a number of that language.

    >>> t("timeline.events", "fr", count=0), t("timeline.events", "en", count=1200)
    ('0 événement', '1,200 events')
    """
    lang = _lang(lang)
    texts = _TEXTS[lang]
    if "count" in params and key not in texts:
        form = f"{key}.{plural_form(params['count'], lang)}"
        key = form if form in texts else f"{key}.other"
        params["count"] = format_number(params["count"], lang)
    text = texts[key] or _TEXTS[DEFAULT_LANG][key]  # a cell not yet translated: the first language
    return text.format(**params) if params else text


def format_number(value: float, lang: str = DEFAULT_LANG, digits: int | None = None) -> str:
    """``value`` as ``lang`` writes numbers; ``digits`` fixes the decimals.

    >>> format_number(1234.5, "fr", 1) == "1\u202f234,5", format_number(1234.5, "en", 1)
    (True, '1,234.5')
    """
    pattern = None if digits is None else "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=_locale(lang))


def format_size(nbytes: float, lang: str = DEFAULT_LANG) -> str:
    """A size in bytes with its unit, as ``lang`` writes it (decimal units).

    >>> format_size(1_500_000, "fr") == "1,5\u202fMo", format_size(1_500_000, "en")
    (True, '1.5 MB')
    """
    for power, unit in ((3, "gigabyte"), (2, "megabyte"), (1, "kilobyte")):
        if nbytes >= 1000 ** power:
            return format_unit(nbytes / 1000 ** power, f"digital-{unit}", length="short",
                               format="#,##0.0", locale=_locale(lang))
    return format_unit(nbytes, "digital-byte", length="short", locale=_locale(lang))



def pick(frame: pd.DataFrame, column: str, lang: str = DEFAULT_LANG) -> pd.Series:
    """``column`` in ``lang``: the ``<column>_<lang>`` cell (``label_en``) when it is filled in."""
    base = frame[column].fillna("").astype(str)
    other = f"{column}_{lang}"
    if lang == DEFAULT_LANG or other not in frame.columns:
        return base
    translated = frame[other].fillna("").astype(str)
    return translated.where(translated.str.strip() != "", base)


def month_name(month: int, lang: str = DEFAULT_LANG) -> str:
    return t(f"date.month.{month}", lang)


def _format_point(text: str, lang: str) -> str:
    parts = [int(p) for p in str(text).split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = month_name(parts[1], lang)
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    day = parts[2]
    if lang == "en":
        return f"{day} {month} {parts[0]}"
    return f"{'1er' if day == 1 else day} {month} {parts[0]}"


def format_date(start: str, precision: str = "year", lang: str = DEFAULT_LANG,
                end: str = "") -> str:
    """A partial date (and optional end) in words: ``juillet 2001``, ``c. 2005–2011``."""
    text = _format_point(start, lang)
    if end and end != start:
        text = t("date.span", lang, start=text, end=_format_point(end, lang))
    if precision == "approximate":
        text = t("date.approx", lang, date=text)
    return text


def format_span(start: str, end: str, lang: str = DEFAULT_LANG) -> str:
    """An era's span; an empty end reads as 'since …'."""
    if not end:
        return t("date.since", lang, start=_format_point(start, lang))
    return t("date.span", lang, start=_format_point(start, lang), end=_format_point(end, lang))
