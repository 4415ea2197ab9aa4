"""Every malformed upload ends in a clear message naming the file and what to do, never in
an exception: damaged, encrypted or exotic zips, and descriptors of an unexpected shape.
Checks run in another process, bounded in time; sizes read the same on the page and in
the messages."""

import io
import json
import struct
import time
import zipfile

import pytest

from anis_viz import background, upload
from anis_viz.i18n import t
from tests.conftest import JARDINS
from tests.test_upload import data_page, send

MB = upload.MB


def package(mutate=None, method=zipfile.ZIP_DEFLATED, replace=None) -> bytes:
    """jardins zipped; ``mutate`` edits its descriptor, ``replace`` swaps files' bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for file in sorted(JARDINS.iterdir()):
            data = (replace or {}).get(file.name, file.read_bytes())
            if mutate and file.name == "datapackage.json":
                descriptor = json.loads(data)
                mutate(descriptor)
                data = json.dumps(descriptor).encode()
            archive.writestr(file.name, data)
    return buffer.getvalue()


def _patch(raw: bytes, headers: dict[bytes, tuple[int, bytes]]) -> bytes:
    """Overwrite a field at ``offset`` of every local and central header."""
    out = bytearray(raw)
    for signature, (offset, value) in headers.items():
        at = 0
        while (at := out.find(signature, at)) >= 0:
            out[at + offset:at + offset + len(value)] = value
            at += 4
    return bytes(out)


LOCAL, CENTRAL = b"PK\x03\x04", b"PK\x01\x02"


def lying_sizes():
    raw = package(method=zipfile.ZIP_STORED)
    return _patch(raw, {CENTRAL: (20, struct.pack("<II", 10, 10))})


def encrypted():
    flags = struct.pack("<H", 1)
    return _patch(package(), {LOCAL: (6, flags), CENTRAL: (8, flags)})


def unknown_method():
    method = struct.pack("<H", 99)
    return _patch(package(), {LOCAL: (8, method), CENTRAL: (10, method)})


def bad_crc():
    return _patch(package(), {LOCAL: (14, b"\0\0\0\1"), CENTRAL: (16, b"\0\0\0\1")})


def corrupt_stream():
    raw = bytearray(package())
    at = raw.find(LOCAL)
    name, extra = struct.unpack("<HH", raw[at + 26:at + 30])
    start = at + 30 + name + extra
    raw[start:start + 20] = b"\xff" * 20
    return bytes(raw)


def _resource(descriptor, name):
    return next(r for r in descriptor["resources"] if r["name"] == name)


def schema_x(d):
    _resource(d, "events")["schema"] = "x"


def field_without_name(d):
    del _resource(d, "events")["schema"]["fields"][0]["name"]


def invalid_pattern(d):
    _resource(d, "events")["schema"]["fields"][0]["constraints"]["pattern"] = "([a-z"


def max_length_ten(d):
    _resource(d, "events")["schema"]["fields"][6].setdefault("constraints", {})[
        "maxLength"] = "ten"


def fields_x(d):
    _resource(d, "events")["schema"]["fields"] = "x"


ZIPS = {"lying_sizes": (lying_sizes, "damaged"), "encrypted": (encrypted, "encrypted"),
        "unknown_method": (unknown_method, "method"), "bad_crc": (bad_crc, "damaged"),
        "corrupt_stream": (corrupt_stream, "damaged")}
DESCRIPTORS = {"schema_x": schema_x, "field_without_name": field_without_name,
               "invalid_pattern": invalid_pattern, "max_length_ten": max_length_ten,
               "fields_x": fields_x}
OTHERS = {"descriptor_not_json": lambda: package(replace={"datapackage.json": b"{nope"}),
          "descriptor_a_list": lambda: package(replace={"datapackage.json": b"[1]"}),
          "binary_csv": lambda: package(replace={"events.csv": b"\x00\xff\xfe" * 999}),
          "not_a_zip": lambda: b"PK\x05\x06" + b"\0" * 10}
CASES = {**{n: f for n, (f, _) in ZIPS.items()},
         **{n: (lambda m=m: package(m)) for n, m in DESCRIPTORS.items()}, **OTHERS}


@pytest.mark.parametrize("case", sorted(ZIPS))
def test_a_damaged_zip_is_a_notice_naming_the_file_and_entry(case):
    make, code = ZIPS[case]
    ds, notices, problems = upload.load_upload([(f"{case}.zip", make())], max_bytes=20 * MB)
    assert ds is None and problems == []
    assert [(n.code, n.level) for n in notices] == [(code, "error")]
    assert notices[0].params["name"] == f"{case}.zip" and notices[0].params["entry"]
    for lang in ("fr", "en"):
        assert f"{case}.zip" in t(f"upload.{code}", lang, **notices[0].params)


@pytest.mark.parametrize("case", sorted(set(CASES) - set(ZIPS)))
def test_a_malformed_package_is_reported_never_raised(case):
    ds, notices, problems = upload.load_upload([(f"{case}.zip", CASES[case]())],
                                               max_bytes=20 * MB)
    errors = [n for n in notices if n.level == "error"]
    reported = [p for p in problems if p.severity == "error"]
    assert ds is None or not errors  # never a dataset alongside an error
    if ds is None:
        assert errors or reported, (notices, problems)
        named = [n for n in errors if f"{case}.zip" in " ".join(map(str, n.params.values()))]
        assert named or all(p.file for p in reported)


def test_every_failure_message_exists_in_both_languages():
    for code in ("encrypted", "method", "damaged", "unreadable", "too_slow", "too_much_memory",
                 "busy", "problems_cut", "too_big"):
        params = {"name": "p.zip", "entry": "e.csv", "names": "p.zip", "seconds": 9, "max": 20,
                  "size": 21, "n": 2, "shown": 1}
        fr, en = t(f"upload.{code}", "fr", **params), t(f"upload.{code}", "en", **params)
        assert fr != en and "{" not in fr + en


def test_sizes_read_the_same_on_the_page_and_in_the_message():
    notice = upload.unpack([("a.csv", b"x" * (20 * MB + 1))], None, max_bytes=20 * MB)[0]
    assert upload.notice_params(notice, "fr") == {"size": "20,1", "max": "20"}
    at = data_page()
    help_text = next(m.value for m in at.markdown if "Mo par envoi" in m.value)
    assert "20 Mo par envoi" in help_text and "100 Mo une fois" in help_text


def _wait(check, timeout: float = 90):
    deadline = time.monotonic() + timeout
    while check.outcome() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    return check.outcome()


def test_a_check_that_takes_too_long_is_stopped_and_explained():
    check = background.Check([("slow.zip", package())], 20 * MB, seconds=0.01)
    ds, notices, _ = _wait(check)
    assert ds is None and notices[0].code == "too_slow"
    assert notices[0].params["names"] == "slow.zip"
    assert check._process.poll() is not None  # the process is gone


def test_a_check_returns_the_dataset_from_its_process():
    ds, notices, problems = _wait(background.Check([("ok.zip", package())], 20 * MB))
    assert ds is not None and len(ds.eras) == 5 and not [n for n in notices
                                                         if n.level == "error"]


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_page_explains_every_malformed_upload_without_an_error_box(case):
    at = send(data_page(lang="en"), f"{case}.zip", CASES[case]())
    assert not at.exception
    for error in at.error:  # each names the file, or leads to the report that does
        assert f"{case}.zip" in error.value.replace("\\", "") or \
            "cannot be shown yet" in error.value
    if case in ZIPS or case in OTHERS:
        assert at.error and len(at.sidebar.multiselect(key="f_eras").options) == 3  # ANIS
