"""Chronologie: the events on lanes over the eras; click one for its card (``?event=ID``)."""

import streamlit as st

from anis_viz import timeline, ui, views
from anis_viz.filters import year_bounds
from anis_viz.i18n import t
from anis_viz.views import Timeline

ds = ui.dataset()
lang = ui.lang()
shared = ui.filters()
offer = timeline.choices(ds, lang)
ALL = "__all__"  # the zoom button that shows the whole history

st.title(t("page.timeline.title", lang))
st.caption(t("timeline.intro", lang))

# -- state from the address, kept valid for this package ----------------------------------
ui.bind_view(Timeline, ds, {
    "category": lambda v: {"tl_category": list(v.categories)},
    "actor": lambda v: {"tl_actor": list(v.actors)},
    "theme": lambda v: {"tl_theme": list(v.themes)},
    "q": lambda v: {"tl_q": v.q}, "lanes": lambda v: {"tl_lanes": v.lanes},
    "zoom": lambda v: {"tl_zoom": v.zoom or ALL}, "event": lambda v: {"tl_event": v.event}})
for param in ("category", "actor", "theme"):
    st.session_state[f"tl_{param}"] = [c for c in st.session_state.get(f"tl_{param}", [])
                                       if c in offer[param]]
if st.session_state.get("tl_zoom") not in offer["zoom"]:
    st.session_state["tl_zoom"] = ALL
# A click on the chart (its state arrives before the chart is drawn again) opens the card.
for clicked in ui.clicked("tl_chart")[:1]:
    st.session_state["tl_event"] = str(clicked)


def reset() -> None:
    for param in ("category", "actor", "theme"):
        st.session_state[f"tl_{param}"] = []
    st.session_state["tl_q"] = ""
    st.session_state["tl_zoom"] = ALL
    first, last = year_bounds(ds)
    ui.reset_filters((first, max(last, first + 1)))


def close_card() -> None:
    st.session_state["tl_event"] = ""


# -- filters (folded away until one is used: the chart comes first) -----------------------
chosen = any(st.session_state.get(f"tl_{p}") for p in ("category", "actor", "theme", "q"))
with st.expander(t("timeline.filters", lang), expanded=chosen, icon=":material/filter_list:"):
    for column, param in zip(st.columns(3), ("category", "actor", "theme"), strict=True):
        column.multiselect(t(f"timeline.{param}", lang), list(offer[param]), key=f"tl_{param}",
                           format_func=offer[param].get,
                           placeholder=t(f"timeline.{param}.placeholder", lang))
    st.text_input(t("timeline.search", lang), key="tl_q",
                  placeholder=t("timeline.search.placeholder", lang))
zooms, lanes = st.columns([3, 2], vertical_alignment="bottom")
zooms.segmented_control(t("timeline.zoom", lang), [ALL, *offer["zoom"]], key="tl_zoom",
                        format_func=lambda v: t("timeline.zoom.all", lang) if v == ALL
                        else ui.md(offer["zoom"][v]))
st.session_state.setdefault("tl_lanes", timeline.LANES[0])
lanes.segmented_control(t("timeline.lanes", lang), timeline.LANES, key="tl_lanes",
                        format_func=lambda v: t(f"timeline.lanes.{v}", lang))

view = Timeline(eras=shared.eras, years=shared.years,
                categories=tuple(st.session_state["tl_category"]),
                actors=tuple(st.session_state["tl_actor"]),
                themes=tuple(st.session_state["tl_theme"]),
                q=st.session_state.get("tl_q", "").strip(),
                lanes=st.session_state.get("tl_lanes") or timeline.LANES[0],
                zoom="" if st.session_state.get("tl_zoom") in (None, ALL)
                else st.session_state["tl_zoom"],
                event=st.session_state.get("tl_event") or "")

# -- the chart ----------------------------------------------------------------------------
with st.spinner(t("app.loading", lang)):
    (chart,) = views.cached(view, ds, lang)
if chart.data.empty:
    st.info(t("app.no_match", lang), icon=":material/search_off:")
    st.button(t("timeline.reset", lang), on_click=reset, icon=":material/restart_alt:")
else:
    st.caption(t("timeline.count", lang, n=len(chart.data), total=len(ds.events)))
    ui.plotly(chart.figure, key="tl_chart", on_select="rerun", selection_mode="points")
    keyed = chart.data[chart.data["key"] != ""]
    if len(keyed):  # the titles behind the numbers drawn where a title had no room
        st.markdown(f"**{t('timeline.keys.title', lang)}** · " + " · ".join(
            f"**{k}** {ui.md(title)}" for k, title in zip(keyed["key"], keyed["title"],
                                                         strict=True)))
    ui.downloads(chart, ds, key="tl")

# -- the card of the chosen event ------------------------------------------------------------
card = timeline.event_card(ds, view.event, lang) if view.event else None
if card:
    with st.container(border=True, key="tl_card"):
        st.subheader(ui.md(card["title"]), anchor=False)
        st.markdown(f"**{ui.md(card['date'])}** · {ui.md(card['era'])} · "
                    f"{ui.md(card['category'])}")
        st.markdown(ui.md(card["description"]))
        st.markdown(f"**{t('timeline.card.actors', lang)}**")
        with st.container(horizontal=True, gap="small"):
            for actor_id, name in card["actors"]:
                ui.page_link("pages/network.py", ui.md(name), actor=actor_id)
        if not card["actors"]:
            st.caption(t("timeline.card.none", lang))
        st.markdown(f"**{t('timeline.card.quote', lang)}**")
        st.markdown(f"> {ui.md(card['quote'])}")
        st.caption(ui.md(card["section"]))
        st.button(t("timeline.card.close", lang), on_click=close_card, icon=":material/close:")

# -- the table ----------------------------------------------------------------------------
if not chart.data.empty:
    st.subheader(t("timeline.table", lang), anchor=False)
    names = {c: t(f"timeline.col.{c}", lang)
             for c in ("key", "date", "title", "era", "category", "actors", "section")}
    ui.table(chart.data.rename(columns={"section_id": "section"})[list(names)],
             column_config=names)

ui.set_url(**(view.to_params() | {"event": view.event if card else None}))
ui.source_footer(ds)
