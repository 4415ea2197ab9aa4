"""Bring your own history: unpack an uploaded package safely, load it, and the templates.

Nothing from an upload is executed or evaluated: files are only read as bytes, written
inside a fresh temporary folder, validated by :func:`anis_viz.data.load_dataset` and the
folder is removed before :func:`load_upload` returns (the :class:`Dataset` keeps the bytes
it read, so the session can still export its package).

>>> safe_member("pkg/events.csv"), safe_member("../etc/passwd"), safe_member("/tmp/x.csv")
(True, False, False)
"""

from __future__ import annotations

import io
import json
import logging
import re
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pandas as pd

from anis_viz import contract
from anis_viz.cache import per_content
from anis_viz.data import Dataset, DataValidationError, Problem, load_dataset
from anis_viz.text import guard_csv, guard_frame

__all__ = ["KEEP", "MAX_EXPANDED", "MAX_FILES", "MB", "Notice", "contract_table",
           "descriptor_meta", "load_upload", "notice_params", "package_zip", "safe_member",
           "size_text", "template_zip", "unpack"]

KEEP = (".csv", ".json")  # everything else is ignored, and the user is told so
MB = 1000 * 1000  # the megabyte of the page and messages: the uploader counts in these (a
# file of 20.8 of them is refused under server.maxUploadSize = 20, though 19.8 MiB)
MAX_FILES = 50  # files in one zip
MAX_EXPANDED = 100 * MB  # bytes a zip may expand to
_CHUNK = 1 << 16
# What a damaged, encrypted or exotic zip raises while it is read (never shown as is).
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, NotImplementedError,
              zlib.error, EOFError, OSError, ValueError, OverflowError)
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA)
log = logging.getLogger("anis_viz")
_DRIVE = re.compile(r"^[A-Za-z]:")


def size_text(n_bytes: int, lang: str = "fr") -> str:
    """A size in MB as the page and every message state it: whole when it is (``20``), else
    rounded up to a tenth (``20,1`` in French), so a size over a limit never reads as equal.

    >>> size_text(20 * MB), size_text(20 * MB + 1, "fr"), size_text(int(1.25 * MB), "en")
    ('20', '20,1', '1.3')
    """
    tenths = -(-n_bytes * 10 // MB)
    text = str(tenths // 10) if tenths % 10 == 0 else f"{tenths / 10:.1f}"
    return text.replace(".", ",") if lang == "fr" else text


def notice_params(notice: Notice, lang: str) -> dict:
    """A notice's parameters for its message: sizes (``*_bytes``) as :func:`size_text`."""
    return {(k[:-6] if k.endswith("_bytes") else k):
            (size_text(v, lang) if k.endswith("_bytes") else v) for k, v in notice.params.items()}


@dataclass(frozen=True)
class Notice:
    """Something to tell the user about an upload. ``code`` names a translation
    (``upload.<code>``); ``level`` is error (nothing loaded), warning or info."""

    code: str
    level: str = "warning"
    params: dict = field(default_factory=dict)


def safe_member(name: str) -> bool:
    """A zip entry name that stays inside the folder it is extracted to."""
    text = name.replace("\\", "/")
    if not text or text.startswith("/") or _DRIVE.match(text):
        return False
    return ".." not in PurePosixPath(text).parts


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return (info.external_attr >> 16) & 0o170000 == 0o120000


def _write(dest: Path, relative: str, data: bytes, notices: list[Notice]) -> None:
    target = (dest / relative).resolve()
    if not target.is_relative_to(dest.resolve()):  # belt and braces after safe_member
        notices.append(Notice("refused", params={"name": relative}))
        return
    if target.exists():
        notices.append(Notice("duplicate", params={"name": relative}))
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def _read_capped(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes | None:
    """The entry's bytes, or None when they pass ``budget`` (whatever the header claims)."""
    out = io.BytesIO()
    with archive.open(info) as source:
        while chunk := source.read(_CHUNK):
            if out.tell() + len(chunk) > budget:
                return None
            out.write(chunk)
    return out.getvalue()


def _unreadable(info: zipfile.ZipInfo) -> str:
    """Why an entry cannot be read at all ("" when it can be tried)."""
    if info.flag_bits & 0x1:
        return "encrypted"
    if info.compress_type not in _METHODS:
        return "method"
    return ""


def _unzip(name: str, data: bytes, dest: Path, notices: list[Notice], *, max_files: int,
           max_expanded: int) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except ZIP_ERRORS:
        notices.append(Notice("bad_zip", "error", {"name": name}))
        return
    with archive:
        entries = [i for i in archive.infolist() if not i.is_dir()]
        if len(entries) > max_files:
            notices.append(Notice("too_many_files", "error",
                                  {"name": name, "n": len(entries), "max": max_files}))
            return
        if sum(i.file_size for i in entries) > max_expanded:
            notices.append(Notice("too_large_expanded", "error",
                                  {"name": name, "max_bytes": max_expanded}))
            return
        # A package zipped with its folder ("history/datapackage.json"): read from that folder.
        descriptors = sorted((i.filename for i in entries
                              if PurePosixPath(i.filename).name == "datapackage.json"
                              and safe_member(i.filename)), key=lambda n: n.count("/"))
        root = PurePosixPath(descriptors[0]).parent if descriptors else PurePosixPath(".")
        ignored, budget = [], max_expanded
        for info in entries:
            member = info.filename
            if not safe_member(member) or _is_symlink(info):
                notices.append(Notice("refused", params={"name": member}))
                continue
            path = PurePosixPath(member.replace("\\", "/"))
            hidden = any(part.startswith(".") or part == "__MACOSX" for part in path.parts)
            if hidden or path.suffix.lower() not in KEEP:
                ignored.append(member)
                continue
            if root != PurePosixPath(".") and root not in path.parents:
                ignored.append(member)
                continue
            if unreadable := _unreadable(info):
                notices.append(Notice(unreadable, "error", {"name": name, "entry": member}))
                return
            try:
                content = _read_capped(archive, info, budget)
            except ZIP_ERRORS:  # a bad CRC, sizes that lie, a corrupt stream
                notices.append(Notice("damaged", "error", {"name": name, "entry": member}))
                return
            if content is None:
                notices.append(Notice("too_large_expanded", "error",
                                      {"name": name, "max_bytes": max_expanded}))
                return
            budget -= len(content)
            relative = path.relative_to(root) if root != PurePosixPath(".") else path
            _write(dest, str(relative), content, notices)
        if ignored:
            notices.append(Notice("ignored", "info", {"names": ", ".join(ignored[:10])
                                                      + (" …" if len(ignored) > 10 else ""),
                                                      "n": len(ignored)}))


def unpack(uploads: Iterable[tuple[str, bytes]], dest: Path, *, max_bytes: int,
           max_files: int = MAX_FILES, max_expanded: int = MAX_EXPANDED) -> list[Notice]:
    """Write the uploaded files (zips, CSV and JSON files) into ``dest``; say what was
    refused or ignored. Nothing is written outside ``dest``."""
    uploads = list(uploads)
    notices: list[Notice] = []
    total = sum(len(data) for _, data in uploads)
    if total > max_bytes:
        return [Notice("too_big", "error", {"size_bytes": total, "max_bytes": max_bytes})]
    ignored = []
    for name, data in uploads:
        base = PurePosixPath(name.replace("\\", "/")).name
        suffix = PurePosixPath(base).suffix.lower()
        if suffix == ".zip":
            _unzip(base, data, dest, notices, max_files=max_files, max_expanded=max_expanded)
        elif suffix in KEEP and not base.startswith("."):
            _write(dest, base, data, notices)
        else:
            ignored.append(base)
    if ignored:
        notices.append(Notice("ignored", "info", {"names": ", ".join(ignored), "n": len(ignored)}))
    return notices


def load_upload(uploads: Iterable[tuple[str, bytes]], *, max_bytes: int,
                **limits) -> tuple[Dataset | None, list[Notice], list[Problem]]:
    """Unpack, complete and validate an upload in a temporary folder, then remove it.

    Returns the dataset (None when it cannot be used), the notices about the files, and
    the validation problems (the warnings when the dataset loaded)."""
    uploads = list(uploads)
    names = ", ".join(PurePosixPath(str(n).replace("\\", "/")).name for n, _ in uploads)
    folder = Path(tempfile.mkdtemp(prefix="anis-viz-upload-"))
    notices: list[Notice] = []
    try:
        notices = unpack(uploads, folder, max_bytes=max_bytes, **limits)
        if any(n.level == "error" for n in notices):
            return None, notices, []
        if not any(folder.iterdir()):
            return None, notices + [Notice("empty", "error")], []
        if not (folder / "datapackage.json").exists() and (folder / "vocabulary.csv").exists():
            # CSV files uploaded one by one: describe them by the contract.
            contract.write_descriptor(folder, {"title": "—"})
            notices.append(Notice("descriptor_made", "info"))
        try:
            ds = load_dataset(folder)
        except DataValidationError as err:
            return None, notices, list(err.problems)
        return ds, notices, list(ds.warnings)
    except MemoryError:
        raise
    except Exception:  # a shape the validator did not foresee: say so, never crash
        log.exception("upload could not be read")
        return None, notices + [Notice("unreadable", "error", {"names": names})], []
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# -- templates ----------------------------------------------------------------------------

def package_zip(ds: Dataset) -> bytes:
    """The package as it was read (``datapackage.json`` and its files), zipped; a CSV cell a
    spreadsheet would run as a formula is guarded (:func:`anis_viz.text.guard_csv`)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, raw in ds.files.items():
            archive.writestr(name, guard_csv(raw) if name.lower().endswith(".csv") else raw)
    return buffer.getvalue()


def _example_rows(ds: Dataset) -> dict[str, pd.DataFrame]:
    """One consistent example row per file, taken from ``ds`` (every key resolves)."""
    relation = ds.relations.head(1)
    actor_ids = list(relation[["source_id", "target_id"]].iloc[0]) if len(relation) else []
    links = ds.event_actors[ds.event_actors["actor_id"].isin(actor_ids)]
    events = ds.events[ds.events["event_id"].isin(links["event_id"]) & (ds.events["era_id"] != "")]
    event = events.head(1) if len(events) else ds.events[ds.events["era_id"] != ""].head(1)
    event = event if len(event) else ds.events.head(1)  # a package whose events have no era
    link = ds.event_actors[ds.event_actors["event_id"].isin(event["event_id"])].head(1)
    actor_ids = list(dict.fromkeys(actor_ids + list(link["actor_id"])))
    actors = ds.actors[ds.actors["actor_id"].isin(actor_ids)]
    eras = ds.eras[ds.eras["era_id"].isin(event["era_id"])]
    eras = eras if len(eras) else ds.eras.head(1)
    mention = ds.theme_mentions[ds.theme_mentions["era_id"].isin(eras["era_id"])
                                & ds.theme_mentions["ref_type"].isin(["section"])].head(1)
    themes = ds.themes[ds.themes["theme_id"].isin(mention["theme_id"])]
    rows = {"eras": eras, "actors": actors, "events": event, "event_actors": link,
            "relations": relation, "themes": themes, "theme_mentions": mention,
            "vocabulary": ds.vocabulary}
    used = pd.concat([f["section_id"] for f in rows.values() if "section_id" in f.columns])
    rows["sections"] = ds.sections[ds.sections["section_id"].isin(used)]
    if not ds.presentation.empty:
        rows["presentation"] = ds.presentation.head(1)
    return rows


def template_zip(ds: Dataset, meta: dict) -> bytes:
    """A starting package: every file with its header and one example row drawn from ``ds``
    (the vocabulary in full, to edit), and its ``datapackage.json`` with ``meta`` (made
    once per data content and ``meta``)."""
    return _template_zip(ds, json.dumps(meta, ensure_ascii=False))


@per_content(maxsize=8)
def _template_zip(ds: Dataset, meta_json: str) -> bytes:
    meta = json.loads(meta_json)
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="anis-viz-template-") as tmp, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        folder = Path(tmp)
        for name, frame in _example_rows(ds).items():
            frame = frame.reindex(columns=_columns(ds, name)).astype("string").fillna("")
            guard_frame(frame).to_csv(folder / contract.table(name).file, index=False,
                                      lineterminator="\n")
        contract.write_descriptor(folder, meta)
        for file in sorted(folder.iterdir()):
            archive.write(file, file.name)
    return buffer.getvalue()


def _columns(ds: Dataset, resource: str) -> list[str]:
    """Every column of ``resource`` the contract declares, optional ones included (a
    template shows what can be filled in, whatever the example package left out)."""
    return [c.name for c in contract.table(resource).columns]


def contract_table() -> pd.DataFrame:
    """The files of a package and their columns, as the contract defines them (optional
    ones in brackets)."""
    rows = [{"file": spec.file + (" (…)" if spec.optional else ""),
             "columns": ", ".join(f"({c.name})" if c.optional else c.name
                                  for c in spec.columns)}
            for spec in contract.TABLES]
    return pd.DataFrame(rows)


def descriptor_meta(title: str, title_en: str) -> dict:
    """Metadata for a new package's ``datapackage.json``: the user completes its source."""
    return {"name": "my-history", "title": title, "title_en": title_en, "version": "0.1.0",
            "language": "fr",
            "sources": [{"title": "", "author": "", "year": "", "publisher": "", "path": ""}]}
