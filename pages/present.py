"""Présentation: the data package's deck as full-width slides for a projector.

Arrow keys (← →) or the buttons move between slides; the address holds ``?slide=N``.
"""

import streamlit as st
from plotly.graph_objects import Figure

from anis_viz import charts, slides, style, ui
from anis_viz.i18n import t

ds = ui.dataset()
lang = ui.lang()
ui.presentation_mode()

deck = slides.deck(ds, lang)
if not deck:
    st.title(t("page.present.title", lang))
    st.info(t("present.no_deck", lang))
    st.stop()

ui.bind("slide", "pr_slide", int)
st.session_state.setdefault("pr_slide", 1)
position = slides.clamp(st.session_state["pr_slide"], deck)
st.session_state["pr_slide"] = position + 1
slide = deck[position]


def go(step: int) -> None:
    st.session_state["pr_slide"] = slides.clamp(st.session_state["pr_slide"] + step, deck) + 1


back, counter, forward, notes = st.columns([2, 3, 2, 3], vertical_alignment="center")
back.button(t("present.previous", lang), on_click=go, args=(-1,), shortcut="Left",
            disabled=position == 0, icon=":material/arrow_back:", width="stretch")
counter.markdown(t("present.counter", lang, n=position + 1, total=len(deck)))
forward.button(t("present.next", lang), on_click=go, args=(1,), shortcut="Right",
               disabled=position == len(deck) - 1, icon=":material/arrow_forward:",
               width="stretch")
show_notes = notes.toggle(t("present.notes", lang), key="pr_notes")

st.title(ui.md(slide.title))
with st.spinner(t("present.loading", lang)):
    shown = charts.cached(slide.page, ds, lang, slide.view, template=style.PRESENT_TEMPLATE)
for index, chart in enumerate(shown):
    figure = Figure(chart.figure)  # the cached figure is shared: change a copy
    figure.update_layout(height=760, title=None)
    ui.plotly(figure, key=f"pr_chart_{position}_{index}")
    st.caption(ui.md(chart.alt))
if show_notes and slide.notes:
    st.info(ui.md(slide.notes), icon=":material/record_voice_over:")
ui.set_url(slide=position + 1)
