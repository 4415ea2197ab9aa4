"""Présentation: the package's deck (its ``presentation.csv``, or one generated from the
data) as slides for a projector, each fitting the screen.

Arrow keys (← →) or the buttons move between slides; `F` or the button toggles full
screen; the address holds ``?slide=N``.
"""

import streamlit as st

from anis_viz import charts, slides, style, ui, views
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


with st.container(key="slide_nav"):
    back, counter, forward, full, notes = st.columns([2, 3, 2, 2, 3],
                                                     vertical_alignment="center")
    back.button(t("present.previous", lang), on_click=go, args=(-1,), shortcut="Left",
                disabled=position == 0, width="stretch", key="pr_prev")
    counter.markdown(t("present.counter", lang, n=position + 1, total=len(deck)))
    forward.button(t("present.next", lang), on_click=go, args=(1,), shortcut="Right",
                   disabled=position == len(deck) - 1, width="stretch", key="pr_next")
    with full:
        screen = ui.slide_controls(t("present.fullscreen", lang))
    show_notes = notes.toggle(t("present.notes", lang), key="pr_notes")

st.title(ui.md(slide.title))
note = slide.notes if show_notes else ""
if note:
    st.info(ui.md(note), icon=":material/record_voice_over:")
if slide.kind == "chart":
    with st.spinner(t("present.loading", lang)):
        # One chart a slide, the view's first: a page's several charts do not fit a screen.
        shown = views.cached(views.of(slide.page, slide.view, ds), ds, lang,
                             template=style.PRESENT_TEMPLATE)[:1]
    height = slides.chart_height(slide.title, len(shown), note, screen)
    for index, chart in enumerate(shown):
        scale = style.slide_scale(*screen)
        figure = charts.slide_figure(chart.figure, height=height, scale=scale,
                                     width=screen[0] - 2 * style.SLIDE_PAD_X * scale)
        figure.update_layout(meta={"screen": f"{screen[0]}x{screen[1]}"})  # drawn for
        ui.plotly(figure, key=f"pr_chart_{position}_{index}", alt=chart.alt)
else:
    with st.container(key="slide_text"):
        if slide.subtitle:
            with st.container(key="slide_dates"):
                st.markdown(ui.md(slide.subtitle))
        if slide.body:
            st.markdown(ui.md(slide.body))
        if slide.items:
            st.markdown("\n".join(f"- **{ui.md(name)}** · {ui.md(dates)}"
                                   + (f" · {ui.md(label)}" if label else "")
                                   for name, dates, label in slide.items))
        if slide.quote:
            st.markdown("> " + t("deck.quote", lang, quote=ui.md(slide.quote)))
            st.caption(ui.md(slide.source))
ui.set_url(slide=position + 1)
