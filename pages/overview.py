"""Vue d'ensemble: the eras, key figures, the source and how far the data covers it."""

import streamlit as st

from anis_viz import overview, ui, views
from anis_viz.filters import filter_events
from anis_viz.i18n import t

ds = ui.dataset()
lang = ui.lang()
filters = ui.filters()

st.title(t("page.overview.title", lang))
st.markdown(f"**{ui.md(ds.title_in(lang))}**")
description = ds.descriptor.get("description_en" if lang == "en" else "description", "")
if description:
    st.markdown(ui.md(description))

# -- the eras ----------------------------------------------------------------------------
st.header(t("overview.eras", lang))
cards = overview.era_cards(ds, lang)
for start in range(0, len(cards), 3):
    row = cards.iloc[start:start + 3]
    for column, card in zip(st.columns(3), row.itertuples(), strict=False):
        with column, st.container(border=True):
            ui.colour_bar(card.colour)
            st.subheader(ui.md(card.short_label), anchor=False)
            st.markdown(f"**{ui.md(card.label)}**  \n{ui.md(card.span)}")
            st.markdown(ui.md(card.summary))
            with st.expander(t("overview.quote", lang)):
                st.markdown(f"> {ui.md(card.quote)}")
                st.caption(t("overview.section", lang, section=card.section_id))

# -- key figures -------------------------------------------------------------------------
st.header(t("overview.figures", lang))
figures = overview.key_figures(ds)
for column, name in zip(st.columns(len(figures)), figures, strict=True):
    column.metric(t(f"overview.{name}", lang), figures[name])
if filters.eras or filters.years:
    st.caption(t("overview.filtered", lang, events=len(filter_events(ds.events, filters))))
(kinds_chart,) = views.cached(views.Overview(), ds, lang)
ui.plotly(kinds_chart.figure, key="kinds")
ui.downloads(kinds_chart, ds, key="kinds")

# -- the source --------------------------------------------------------------------------
st.header(t("overview.source", lang))
source = ds.source
st.markdown(f"**{ui.md(source.get('title', ''))}** — {ui.md(source.get('author', ''))}, "
            f"{ui.md(source.get('publisher', ''))} {ui.md(source.get('year', ''))}")
if str(source.get("path", "")).startswith(("https://", "http://")):  # a web page, nothing else
    st.link_button(t("overview.read_source", lang,
                     publisher=ui.md(source.get("publisher") or "web")),
                   source["path"], icon=":material/open_in_new:")
st.markdown(f"**{t('overview.cite', lang)}**")
# plain text, not st.code: the code block loads a syntax highlighter and a font (0.6 MB
# compressed) on every phone's first visit
st.text(overview.citation(ds, lang))
st.caption(t("overview.dataset", lang, title=ui.md(ds.title_in(lang)), version=ui.md(ds.version)))

# -- the assembly pack ------------------------------------------------------------------
st.header(t("export.pack.title", lang), help=t("export.pack.help", lang))
st.write(t("export.pack.help", lang))
ui.assembly_pack(ds)

# -- coverage ----------------------------------------------------------------------------
st.header(t("overview.coverage", lang), help=t("overview.coverage.help", lang))
cover = overview.coverage(ds)
percent = st.column_config.ProgressColumn
ui.table(cover, column_config={
    "file": t("overview.coverage.file", lang),
    "rows": t("overview.coverage.rows", lang),
    "quoted": percent(t("overview.coverage.quoted", lang), format="percent", min_value=0,
                      max_value=1),
    "english": percent(t("overview.coverage.english", lang), format="percent", min_value=0,
                       max_value=1),
})

ui.source_footer(ds)
