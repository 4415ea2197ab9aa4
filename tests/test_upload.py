"""Bring your own history: safe unpacking, validation of uploads, templates, the Data page,
and session isolation."""

import io
import tempfile
import time
import zipfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from anis_viz import export, health, upload
from anis_viz.data import load_dataset, problems_grouped, problems_table
from tests.conftest import JARDINS

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
MB = 1024 * 1024


def zipped(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def jardins_files(folder: Path = JARDINS, prefix: str = "") -> dict[str, bytes]:
    return {prefix + f.name: f.read_bytes() for f in sorted(folder.iterdir())}


def codes(notices):
    return [n.code for n in notices]


# -- unpacking ------------------------------------------------------------------------------

@pytest.mark.parametrize("name, safe", [("events.csv", True), ("pkg/events.csv", True),
                                        ("../events.csv", False), ("pkg/../../x.csv", False),
                                        ("/etc/passwd", False), ("C:/x.csv", False),
                                        ("..\\x.csv", False), ("", False)])
def test_safe_member(name, safe):
    assert upload.safe_member(name) is safe


def test_zip_slip_and_absolute_entries_are_refused_and_nothing_leaves_the_folder(tmp_path):
    dest = tmp_path / "dest"
    dest.mkdir()
    data = zipped({"../evil.csv": b"a,b", "/abs.csv": b"a,b", "events.csv": b"a,b"})
    notices = upload.unpack([("p.zip", data)], dest, max_bytes=MB)
    assert codes(notices).count("refused") == 2
    assert sorted(p.name for p in tmp_path.rglob("*.csv")) == ["events.csv"]
    assert (dest / "events.csv").exists()


def test_a_zip_with_too_many_files_or_too_big_once_unzipped_is_refused(tmp_path):
    many = zipped({f"f{i}.csv": b"a" for i in range(6)})
    assert codes(upload.unpack([("m.zip", many)], tmp_path, max_bytes=MB, max_files=5)) == [
        "too_many_files"]
    bomb = zipped({"big.csv": b"0" * 5000})
    notices = upload.unpack([("b.zip", bomb)], tmp_path, max_bytes=MB, max_expanded=1000)
    assert [(n.code, n.level) for n in notices] == [("too_large_expanded", "error")]
    assert list(tmp_path.iterdir()) == []


def test_an_upload_over_the_limit_is_refused(tmp_path):
    notices = upload.unpack([("a.csv", b"x" * 2000)], tmp_path, max_bytes=1000)
    assert [(n.code, n.level) for n in notices] == [("too_big", "error")]


def test_other_files_are_ignored_with_a_word_and_a_packaged_folder_is_read(tmp_path):
    data = zipped({**jardins_files(prefix="history/"), "history/photo.png": b"\x89PNG",
                   "__MACOSX/history/._eras.csv": b"x", "readme.txt": b"hi"})
    notices = upload.unpack([("h.zip", data), ("notes.docx", b"PK")], tmp_path, max_bytes=MB)
    ignored = [n for n in notices if n.code == "ignored"]
    assert sum(n.params["n"] for n in ignored) == 4
    assert (tmp_path / "datapackage.json").exists() and (tmp_path / "eras.csv").exists()
    assert not (tmp_path / "history").exists()


def test_a_file_sent_twice_is_kept_once(tmp_path):
    notices = upload.unpack([("eras.csv", b"a"), ("eras.csv", b"b")], tmp_path, max_bytes=MB)
    assert codes(notices) == ["duplicate"]
    assert (tmp_path / "eras.csv").read_bytes() == b"a"


# -- loading --------------------------------------------------------------------------------

def test_a_valid_zip_loads_and_its_temporary_folder_is_removed(monkeypatch):
    made = []
    real = tempfile.mkdtemp

    def mkdtemp(**kwargs):
        made.append(Path(real(**kwargs)))
        return str(made[-1])

    monkeypatch.setattr(upload.tempfile, "mkdtemp", mkdtemp)
    ds, notices, problems = upload.load_upload([("j.zip", zipped(jardins_files()))],
                                               max_bytes=20 * MB)
    assert ds is not None and len(ds.eras) == 5
    assert made and not made[0].exists()
    assert ds.files["eras.csv"] == (JARDINS / "eras.csv").read_bytes()


def test_csv_files_one_by_one_get_a_descriptor_from_the_contract():
    files = [(name, data) for name, data in jardins_files().items() if name != "datapackage.json"]
    ds, notices, _ = upload.load_upload(files, max_bytes=20 * MB)
    assert "descriptor_made" in codes(notices)
    assert ds is not None and len(ds.actors) == len(load_dataset(JARDINS).actors)


def test_an_invalid_package_returns_every_problem_with_file_row_and_column():
    files = jardins_files()
    files["eras.csv"] = files["eras.csv"].replace(b"1998-03", b"1998-13")
    ds, _, problems = upload.load_upload([("j.zip", zipped(files))], max_bytes=20 * MB)
    assert ds is None
    table = problems_table(problems)
    assert ("eras.csv", "start") in set(zip(table["file"], table["column"], strict=True))
    assert table["row"].notna().any()


def test_a_french_spreadsheet_export_loads_with_a_word_on_how_to_resave():
    files = jardins_files()
    text = files["themes.csv"].decode("utf-8").replace(",", ";")
    files["themes.csv"] = text.encode("cp1252")
    ds, _, warnings = upload.load_upload([("j.zip", zipped(files))], max_bytes=20 * MB)
    assert ds is not None
    assert {w.code for w in warnings} >= {"warn_cp1252", "warn_semicolon"}
    assert "UTF-8" in next(w for w in warnings if w.code == "warn_cp1252").message("fr")


def test_hundreds_of_problems_are_grouped():
    files = jardins_files()
    rows = "".join(f"x{i},Label,Label,pratique_x\n" for i in range(300))
    files["themes.csv"] = files["themes.csv"] + rows.encode()
    _, _, problems = upload.load_upload([("j.zip", zipped(files))], max_bytes=20 * MB)
    grouped = problems_grouped(problems)
    assert len(problems) >= 300
    assert len(grouped) < 10
    assert grouped["count"].max() >= 300


# -- templates and what the page says about the data ----------------------------------------

def test_the_template_is_a_valid_package_with_one_example_row_per_file(anis, tmp_path):
    data = upload.template_zip(anis, upload.descriptor_meta("Mon histoire", "My history"))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(tmp_path)
    ds = load_dataset(tmp_path)
    for name in ("eras", "events", "event_actors", "relations", "themes", "theme_mentions"):
        assert len(ds.tables[name]) == 1, name
    assert 1 <= len(ds.actors) <= 3
    assert len(ds.vocabulary) == len(anis.vocabulary)
    assert ds.title == "Mon histoire"


def test_the_example_package_zip_round_trips(jardins, tmp_path):
    with zipfile.ZipFile(io.BytesIO(upload.package_zip(jardins))) as archive:
        archive.extractall(tmp_path)
    assert load_dataset(tmp_path).content_hash == jardins.content_hash


def test_findings_name_what_is_worth_a_look(jardins):
    found = health.findings(jardins, "en").set_index("finding")
    assert found.loc["Eras without events", "count"] == 1  # the fixture's fallow years
    assert "Fallow" in found.loc["Eras without events", "examples"]
    summary = health.summary(jardins, "en")
    assert summary["counts"]["eras"] == 5 and summary["span"][0] == 1992


def test_an_uploaded_package_exports_its_own_files_after_its_folder_is_gone():
    ds, _, _ = upload.load_upload([("j.zip", zipped(jardins_files()))], max_bytes=20 * MB)
    pack = export.assembly_pack(ds, [], export.stamp(ds, "fr"))
    with zipfile.ZipFile(io.BytesIO(pack)) as archive:
        assert archive.read("donnees/eras.csv") == (JARDINS / "eras.csv").read_bytes()


# -- the page -------------------------------------------------------------------------------

def data_page(**params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(params)
    at.run()
    return at.switch_page("pages/data.py").run()


def send(at: AppTest, name: str, data: bytes) -> AppTest:
    at.get("file_uploader")[0].set_value((name, data, "application/zip")).run()
    button = next(b for b in at.button if b.label in ("Vérifier et afficher", "Check and show"))
    return settle(button.click().run())


def settle(at: AppTest, timeout: float = 90) -> AppTest:
    """Run the page until the upload's check (another process) has answered."""
    deadline = time.monotonic() + timeout
    while "upload_check" in at.session_state and time.monotonic() < deadline:
        time.sleep(0.3)
        at.run()
    assert "upload_check" not in at.session_state, "the check did not answer"
    return at


@pytest.mark.parametrize("lang, title", [("fr", "Données"), ("en", "Data")])
def test_the_data_page_in_both_languages(lang, title):
    at = data_page(lang=lang)
    assert not at.exception and not at.error
    assert at.title[0].value == title
    labels = [b.proto.label for b in at.get("download_button")]
    assert any("modèle" in label or "template" in label for label in labels)


def test_uploading_switches_this_session_only_and_back():
    at, other = data_page(), data_page()
    send(at, "jardins.zip", zipped(jardins_files()))
    assert not at.exception
    assert at.success and "valides" in at.success[0].value
    assert len(at.sidebar.multiselect(key="f_eras").options) == 5  # the whole app switched
    assert len(other.run().sidebar.multiselect(key="f_eras").options) == 3  # ANIS, untouched
    back = next(b for b in at.button if b.label == "Revenir aux données d’origine")
    back.click().run()
    assert len(at.sidebar.multiselect(key="f_eras").options) == 3


def test_an_invalid_upload_shows_the_report_and_keeps_the_data():
    at = data_page(lang="en")
    files = jardins_files()
    files["events.csv"] = files["events.csv"].replace(b"racines,", b"nowhere,", 1)
    send(at, "bad.zip", zipped(files))
    assert not at.exception
    assert any("cannot be shown yet" in e.value for e in at.error)
    report = at.dataframe[-1].value
    assert "events.csv" in set(report["File"])
    assert len(at.sidebar.multiselect(key="f_eras").options) == 3


def test_a_zip_slip_entry_and_other_files_are_reported_on_the_page():
    at = data_page()
    send(at, "slip.zip", zipped({**jardins_files(), "../../evil.csv": b"a", "x.exe": b"MZ"}))
    assert not at.exception
    assert any("evil" in w.value for w in at.warning)
    assert any("x\\.exe" in i.value for i in at.info)  # Markdown-escaped name


def test_a_zip_too_big_once_unzipped_is_refused_on_the_page():
    at = data_page()
    send(at, "bomb.zip", zipped({"eras.csv": b"0" * (upload.MAX_EXPANDED + 1)}))
    assert not at.exception
    assert any("100" in e.value for e in at.error)
