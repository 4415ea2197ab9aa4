"""The one reading of address parameters: each kind of value has one parser here and one
writer back, used by every view (:mod:`anis_viz.views`), the shared filters and the slides.

A parser never raises: a mangled value gives the default, so a broken link still opens
the page.

>>> ids("a,b,,a"), ids("a,x", known=["a", "b"]), years("2015-2011"), years("2011"), flag("true"), flag("0")
(('a', 'b'), ('a',), (2011, 2015), (2011, 2011), True, False)
>>> integer("x", 1), integer("7", 1, high=3), choice("kind", ("category", "kind"))
(1, 3, 'kind')
>>> ids_text(("a", "b")), years_text((2011, 2015)), flag_text(False)
('a,b', '2011-2015', None)
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["ids", "years", "flag", "integer", "choice", "text", "ids_text", "years_text",
           "flag_text"]

TRUE = frozenset({"1", "true", "yes", "on", "oui"})


def ids(raw, known: Iterable[str] | None = None) -> tuple[str, ...]:
    """A list: ``"a,b"`` or a list or tuple -> ``("a", "b")``, stripped, without empty
    parts or repeats, in the order given; only those in ``known``, when given."""
    parts = raw if isinstance(raw, list | tuple) else str(raw or "").split(",")
    found = dict.fromkeys(p for p in (str(v).strip() for v in parts) if p)
    if known is not None:
        allowed = set(known)
        found = {p: None for p in found if p in allowed}
    return tuple(found)


def years(raw) -> tuple[int, int] | None:
    """A year range: ``"2011-2015"``, ``"2015-2011"``, ``"2011"`` or a pair -> (first,
    last) in order; None when there is none or it does not read."""
    parts = list(raw) if isinstance(raw, list | tuple) else str(raw or "").split("-", 1)
    try:
        found = [int(str(p).strip()) for p in parts if str(p).strip()]
    except ValueError:
        return None
    if not 1 <= len(found) <= 2:
        return None
    return min(found), max(found)


def flag(raw) -> bool:
    """A yes/no: ``1``, ``true``, ``yes``, ``on`` (any case) are yes; anything else no."""
    return raw is True or str(raw or "").strip().lower() in TRUE


def integer(raw, default: int | None = None, *, low: int | None = None,
            high: int | None = None) -> int | None:
    """A whole number, brought within ``low``..``high``; ``default`` when it does not read."""
    try:
        value = int(str(raw).strip())
    except (TypeError, ValueError):
        return default
    if low is not None:
        value = max(low, value)
    if high is not None:
        value = min(high, value)
    return value


def choice(raw, options: Iterable[str], default: str | None = None) -> str:
    """``raw`` when it is one of ``options``, else ``default`` (the first option)."""
    options = tuple(options)
    value = str(raw or "").strip()
    if value in options:
        return value
    return options[0] if default is None and options else (default or "")


def text(raw) -> str:
    """Free text (a search), stripped."""
    return str(raw or "").strip()


def ids_text(values) -> str | None:
    """The address form of a list (None when empty)."""
    return ",".join(values) or None


def years_text(span: tuple[int, int] | None) -> str | None:
    """The address form of a year range (None when there is none)."""
    return f"{span[0]}-{span[1]}" if span else None


def flag_text(value: bool) -> str | None:
    """The address form of a yes/no (``1``, or None for no)."""
    return "1" if value else None
