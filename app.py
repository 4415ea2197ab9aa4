"""anis-viz: the entry point. ``make run`` serves it; pages live in ``pages/``.

The sidebar (language, shared filters) is drawn here, once for every page, so its state
survives page changes; each page then reads ``ui.dataset()`` and ``ui.filters()``.
"""

import logging
from pathlib import Path

import streamlit as st

from anis_viz import ui
from anis_viz.i18n import t
from anis_viz.nav import PAGES

ROOT = Path(__file__).resolve().parent

st.set_page_config(page_title="anis-viz", page_icon=str(ROOT / "assets" / "favicon.png"),
                   layout="wide")
lang = ui.init_lang()
navigation = st.navigation([
    st.Page(ROOT / script, title=t(key, lang), url_path=slug or None, icon=icon,
            default=not slug)
    for script, key, slug, icon in PAGES if (ROOT / script).exists()
])
ui.language_switch()
ui.page_setup()
try:
    ui.shared_filters(ui.dataset())
    navigation.run()
except Exception:  # never show a traceback to a user; the log keeps it
    logging.getLogger("anis_viz").exception("page failed")
    st.error(t("app.error", lang))
finally:
    ui.write_url()
