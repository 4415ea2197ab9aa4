"""The translation catalogue (``anis_viz/translations.csv``): every key the code uses exists in
every language, composed keys (``t(f"network.size.{s}", lang)``) and plural keys
(``t(key, lang, count=n)``) included; the file itself is well formed; French typography,
plurals, numbers and sizes follow each language."""

import ast
import csv
import re
import string
from pathlib import Path

import pytest
from babel import Locale

from anis_viz import i18n

ROOT = Path(__file__).resolve().parent.parent
PY_FILES = [*ROOT.glob("anis_viz/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py"]
NBSP = ("\u00a0", "\u202f")


def _calls():
    """Every ``t(...)`` call in the code: (first argument node, keyword names, where)."""
    for path in PY_FILES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and node.args
                    and getattr(node.func, "id", getattr(node.func, "attr", None)) == "t"):
                yield node.args[0], {k.arg for k in node.keywords}, \
                    f"{path.relative_to(ROOT)}:{node.lineno}"


def _composed_keys() -> dict[str, str]:
    """Pattern of each f-string key given to ``t()`` -> where it is used."""
    found = {}
    for arg, _kw, where in _calls():
        if isinstance(arg, ast.JoinedStr):
            pattern = "".join(re.escape(part.value) if isinstance(part, ast.Constant)
                              else r".+" for part in arg.values)
            found[pattern] = where
    return found


def _plural_keys() -> dict[str, str]:
    """Constant keys given to ``t()`` with ``count=``: their rows are ``<key>.<form>``."""
    return {arg.value: where for arg, kw, where in _calls()
            if isinstance(arg, ast.Constant) and "count" in kw
            and arg.value not in i18n.TRANSLATIONS}  # a key of its own row just says {count}


def _rows() -> list[list[str]]:
    with i18n.CATALOGUE.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _filled(key: str) -> bool:
    texts = i18n.TRANSLATIONS.get(key, ())
    return len(texts) == len(i18n.LANGS) and all(str(x).strip() for x in texts)


# -- the code's keys ----------------------------------------------------------------------

def test_the_scan_finds_composed_and_plural_keys():
    assert len(_composed_keys()) >= 10
    assert {"timeline.eras", "timeline.events"} <= set(_plural_keys())


def test_every_composed_key_names_existing_keys_in_every_language():
    missing = []
    for pattern, where in sorted(_composed_keys().items()):
        keys = [k for k in i18n.TRANSLATIONS if re.fullmatch(pattern, k)]
        if not keys:
            missing.append(f"{where}: no key matches {pattern}")
        missing += [f"{where}: {key} lacks a language" for key in keys if not _filled(key)]
    assert not missing, missing


def test_every_plural_key_has_its_forms_in_every_language():
    """``other`` always (the fallback), and ``one`` as soon as one language has that form."""
    forms = {"other"} | {"one" for lang in i18n.LANGS
                         if "one" in Locale.parse(lang).plural_form.tags}
    missing = [f"{where}: {key}.{form}" for key, where in sorted(_plural_keys().items())
               for form in sorted(forms) if not _filled(f"{key}.{form}")]
    assert not missing, missing


# -- the catalogue file -------------------------------------------------------------------

def test_the_catalogue_is_key_then_one_column_per_language():
    header, *rows = _rows()
    assert header[0] == "key" and tuple(header[1:]) == i18n.LANGS
    assert i18n.LANGS[:2] == ("fr", "en") and i18n.DEFAULT_LANG == "fr"
    assert len(rows) == len(i18n.TRANSLATIONS) > 400
    assert all(len(row) == len(header) for row in rows)


def test_the_catalogue_has_no_duplicate_key_and_no_empty_cell():
    keys = [row[0] for row in _rows()[1:]]
    assert sorted({k for k in keys if keys.count(k) > 1}) == []
    assert [row[0] for row in _rows()[1:] if not all(cell.strip() for cell in row)] == []


def test_every_language_has_the_same_placeholders():
    _header, *rows = _rows()
    assert [row[0] for row in rows if len({frozenset(_fields(cell)) for cell in row[1:]}) != 1] \
        == []


def test_the_dict_literal_is_gone_from_the_code():
    source = (ROOT / "anis_viz" / "i18n.py").read_text(encoding="utf-8")
    assert '"app.title":' not in source


# -- what t() gives -----------------------------------------------------------------------

def test_a_language_is_looked_up_by_its_column(tmp_path, monkeypatch):
    catalogue = tmp_path / "translations.csv"
    catalogue.write_text("key,fr,en,de\nhello,Bonjour : {name},Hello: {name},Hallo: {name}\n"
                         "late,Tard,Late,\n", encoding="utf-8")
    langs, table = i18n._load(catalogue)
    assert langs == ("fr", "en", "de") and table["hello"][2] == "Hallo: {name}"
    monkeypatch.setattr(i18n, "_TEXTS", i18n._by_language(langs, table))
    assert i18n.t("hello", "de", name="Ada") == "Hallo: Ada"
    assert i18n.t("hello", "fr", name="Ada") == "Bonjour\u00a0: Ada"
    assert i18n.t("late", "de") == "Tard"  # not yet translated: the first language


def test_french_gets_non_breaking_spaces_before_double_punctuation_english_none():
    fr_texts = [i18n.t(key, "fr") for key in i18n.TRANSLATIONS]
    assert [x for x in fr_texts if re.search(r" [:;?!]", x)] == []
    assert i18n.t("app.source_footer", "fr", title="T", author="A", publisher="P", year=1) \
        .startswith("Source\u00a0: T")
    en_texts = [i18n.t(key, "en") for key in i18n.TRANSLATIONS]
    assert [x for x in en_texts if re.search(r"[ \u00a0\u202f][:;?!]", x)] == []
    assert i18n.t("sep.colon", "en") == ": " and i18n.t("sep.colon", "fr") == "\u00a0: "


def test_data_filled_into_a_french_text_is_left_as_it_is():
    assert i18n.t("network.years.planned", "fr", year="2 : 3") == "programme adopté en 2 : 3"


@pytest.mark.parametrize(("lang", "count", "text"), [
    ("fr", 0, "0 période"), ("fr", 1, "1 période"), ("fr", 2, "2 périodes"),
    ("en", 0, "0 eras"), ("en", 1, "1 era"), ("en", 2, "2 eras"),
    ("en", 1500, "1,500 eras"), ("fr", 1500, "1\u202f500 périodes"),
])
def test_plurals_follow_each_languages_rules(lang, count, text):
    assert i18n.t("timeline.eras", lang, count=count) == text


def test_an_unknown_language_reads_as_the_first_one():
    assert i18n.t("app.title", "xx") == i18n.t("app.title", "fr")


@pytest.mark.parametrize(("nbytes", "fr", "en"), [
    (1_500_000, "1,5\u202fMo", "1.5 MB"), (2_300, "2,3\u202fko", "2.3 kB"),
    (512, "512\u202fo", "512 byte"), (4_000_000_000, "4,0\u202fGo", "4.0 GB"),
])
def test_sizes_are_written_per_language(nbytes, fr, en):
    assert i18n.format_size(nbytes, "fr") == fr
    assert i18n.format_size(nbytes, "en") == en


def test_numbers_are_written_per_language():
    assert i18n.format_number(1.5, "fr") == "1,5" and i18n.format_number(1.5, "en") == "1.5"
    assert i18n.format_number(2, "en", 1) == "2.0"
