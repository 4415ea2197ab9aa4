"""Hostile text for the safe-text tests: a payload corpus and a poisoned package.

Each payload wraps a short marker (``ZB``, ``HB`` …) in markup. Shown as text, a marker is
only ever part of a longer text; rendered as markup, it becomes an element of its own
(``<strong>ZB</strong>``), which the tests look for. Every address points at 127.0.0.2, so a
request that leaves for it is one the data chose.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from anis_viz import contract

HOST = "127.0.0.2"
PAYLOADS = {
    "bold": "**ZB**",
    "katex": "$ZK$",
    "colour": ":red[ZR]",
    "link": f"[ZL](http://{HOST}/l)",
    "image": f"![ZI](http://{HOST}/i.png)",
    "html_bold": "<b>HB</b>",
    "html_link": f'<a href="http://{HOST}/a">HA</a>',
    "html_image": f'<img src="http://{HOST}/x.png" onerror="window.__pwned=1">',
    "script": "<script>window.__pwned=2</script>",
    "autolink": f"http://{HOST}/auto",
}
PAYLOAD = " ".join(PAYLOADS.values())
# The text a payload's element would hold if the markup rendered.
MARKERS = ("ZB", "ZK", "ZR", "ZL", "ZI", "HB", "HA")


def _poisonable(resource: str) -> set[str]:
    """Free-text columns of ``resource``: no pattern, no allowed values, not a number."""
    for table in contract.TABLES:
        if table.name == resource:
            return {c.name for c in table.columns if c.type == "string" and c.codes is None
                    and c.enum is None and "pattern" not in c.constraints
                    and not c.name.endswith("_id") and c.name not in ("view", "code")}
    return set()


def poison(text: str, payload: str = PAYLOAD, *, replace: bool = False) -> str:
    if not text:
        return text
    return payload if replace else f"{text} {payload}"


def poisoned_package(source: Path, dest: Path, payload: str = PAYLOAD, *,
                     replace: bool = False) -> Path:
    """A copy of the package ``source`` in ``dest`` with ``payload`` appended to (or, with
    ``replace``, instead of) every displayed free-text cell and the descriptor's title,
    description, version and source (its ``path`` stays the real link to the source)."""
    shutil.copytree(source, dest)
    for file in sorted(dest.glob("*.csv")):
        columns = _poisonable(file.stem)
        with file.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header, rows = reader.fieldnames, list(reader)
        for row in rows:
            for column in columns & set(header):
                limit = 300 if column == "quote" else None
                value = poison(row[column], payload, replace=replace)
                row[column] = value[:limit] if limit else value
        with file.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, header, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    descriptor_file = dest / "datapackage.json"
    meta = json.loads(descriptor_file.read_text(encoding="utf-8"))
    for key in ("title", "title_en", "description", "description_en", "version"):
        if key in meta:
            meta[key] = poison(str(meta[key]), payload, replace=replace)
    for source_meta in meta.get("sources", []):
        for key in ("title", "author", "publisher", "year"):
            source_meta[key] = poison(str(source_meta.get(key, "")) or "x", payload,
                                     replace=replace)
    descriptor_file.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    return dest
