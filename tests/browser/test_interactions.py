"""What users do in the browser: filters, downloads, the presentation's arrow keys, deep
links, the keyboard, and bringing their own data."""

import csv
import io
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.test_pages import CHART, open_page

pytestmark = pytest.mark.browser


def settle(page):
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => document.querySelector('[data-test-script-state=\"notRunning\"]')",
        timeout=30_000)


def test_a_shared_filter_changes_the_page_and_the_address(page, server):
    open_page(page, server, "", "fr")
    assert "era=" not in page.url
    page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").click()
    page.get_by_role("option").first.click()
    page.keyboard.press("Escape")
    settle(page)
    page.wait_for_function("() => location.search.includes('era=')", timeout=30_000)
    assert page.get_by_text("Avec les filtres communs").count() == 1


def test_a_chart_downloads_as_png_and_as_csv(page, server):
    open_page(page, server, "", "fr")
    page.wait_for_selector(CHART, timeout=30_000)
    page.get_by_role("button", name="Télécharger").first.click()
    with page.expect_download() as png:
        page.get_by_role("button", name="Image PNG").click()
    data = Path(png.value.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.value.suggested_filename.endswith("_fr.png")
    settle(page)
    if not page.get_by_role("button", name="Données du graphique").is_visible():
        page.get_by_role("button", name="Télécharger").first.click()
    with page.expect_download() as table:
        page.get_by_role("button", name="Données du graphique").click()
    text = Path(table.value.path()).read_bytes().decode("utf-8-sig")
    assert next(csv.reader(io.StringIO(text))) == ["kind", "label", "count"]


def test_arrow_keys_step_through_the_slides(page, server):
    open_page(page, server, "presentation", "fr")
    page.wait_for_selector(CHART, timeout=60_000)
    assert page.get_by_text("Diapositive 1 sur").count() == 1
    page.locator("h1").first.click()  # focus the page, not a control
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('slide=2')", timeout=60_000)
    settle(page)
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('slide=3')", timeout=60_000)
    settle(page)
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("() => location.search.includes('slide=2')", timeout=60_000)
    settle(page)
    page.wait_for_selector(CHART, timeout=60_000)
    assert page.get_by_text("Diapositive 2 sur").count() == 1


def test_a_slide_link_opens_that_slide_in_english(page, server):
    open_page(page, server, "presentation", "en", "&slide=4")
    page.wait_for_selector(CHART, timeout=60_000)
    assert page.get_by_text("Slide 4 of").count() == 1
    assert page.evaluate("document.documentElement.lang") == "en"


def test_the_keyboard_reaches_the_sidebar_and_the_downloads(page, server):
    open_page(page, server, "", "fr")
    page.wait_for_selector(CHART, timeout=30_000)
    reached = set()
    for _ in range(80):
        page.keyboard.press("Tab")
        reached.add(page.evaluate(
            "() => (document.activeElement.innerText || document.activeElement.getAttribute("
            "'aria-label') || '').trim().slice(0, 40)"))
    assert "Réinitialiser les filtres" in reached
    assert any("Télécharger" in label for label in reached)  # the chart's download menu


def test_a_new_user_downloads_the_template_and_uploads_it(page, server, tmp_path):
    open_page(page, server, "donnees", "fr")
    with page.expect_download() as template:
        page.get_by_role("button", name="Télécharger le modèle vide").click()
    path = tmp_path / template.value.suggested_filename
    template.value.save_as(path)
    assert "datapackage.json" in zipfile.ZipFile(path).namelist()
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(path))
    check = page.get_by_role("button", name="Vérifier et afficher")
    expect(check).to_be_enabled(timeout=30_000)
    settle(page)
    check.click()
    page.wait_for_selector("text=Vos données sont valides", timeout=60_000)
    assert page.get_by_text("Histoire de mon association").count() >= 1
    assert page.locator("[data-testid='stException']").count() == 0
