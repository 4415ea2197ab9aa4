"""Réseau: who worked with whom, through time; click an actor for its card."""

import time
from dataclasses import replace

import streamlit as st

from anis_viz import animation, export, gexf, network, network_card, ui, views
from anis_viz import network_time_view as ntv
from anis_viz import network_view as nv
from anis_viz.filters import year_bounds
from anis_viz.i18n import pick, t
from anis_viz.views import Network

PLAY_SECONDS = 12  # a play through the years lasts about this long, whatever the span
ds = ui.dataset()
lang = ui.lang()
filters = ui.filters()
eras = list(network.era_years(ds))
era_names = dict(zip(ds.eras["era_id"], pick(ds.eras, "short_label", lang), strict=True))
names = dict(zip(ds.actors["actor_id"], pick(ds.actors, "name", lang), strict=True))
first, last = year_bounds(ds)
last = max(last, first + 1)  # a slider needs two ends


def _era_changed() -> None:  # the page's era buttons drive the shared era filter
    era = st.session_state.get("net_era")
    st.session_state["f_eras"] = [] if era in (None, "all") else [era]


def _clear_actor() -> None:
    st.session_state["net_actor"] = None


def _clear_tie() -> None:
    st.session_state["net_tie"] = ""


def _reset_view(bounds: tuple[int, int]) -> None:
    ui.reset_filters(bounds)
    st.session_state.update(net_actor=None, net_single=False, net_mode="period")


ui.bind_view(Network, ds, {
    "compare": lambda v: {"net_mode": "compare", "net_cmp_a": v.compare[0],
                          "net_cmp_b": v.compare[1]} if v.compare else {"net_mode": "period"},
    "year": lambda v: {"net_single": True, "net_year": v.year} if v.year is not None
    else {"net_single": False},
    "actor": lambda v: {"net_actor": v.actor or None}, "depth": lambda v: {"net_depth": v.depth},
    "size": lambda v: {"net_size": v.size}, "colour": lambda v: {"net_colour": v.colour},
    "events": lambda v: {"net_events": v.events}, "tie": lambda v: {"net_tie": v.tie}})

# A click on an actor (a new selection) opens its card; a click on a tie, the tie's.
clicked = [str(c) for c in ui.clicked("net_chart")]
for actor_id in [c for c in clicked if c in names][:1]:
    st.session_state["net_actor"] = actor_id
for tie in [network_card.tie_key(c) for c in clicked if network_card.tie_key(c)][:1]:
    st.session_state["net_tie"] = tie

st.title(t("page.network.title", lang))
st.caption(t("network.intro", lang))

# -- controls ------------------------------------------------------------------------------
for key, default in (("net_mode", "period"), ("net_actor", None), ("net_depth", 1),
                     ("net_year", first), ("net_cmp_a", eras[0] if eras else None),
                     ("net_cmp_b", eras[min(1, len(eras) - 1)] if eras else None)):
    st.session_state.setdefault(key, default)
if not first <= st.session_state["net_year"] <= last:  # kept from another package
    st.session_state["net_year"] = first
top = st.columns([4, 5])
mode = top[0].segmented_control(
    t("network.mode", lang), ["period", "compare"], key="net_mode",
    format_func=lambda m: t(f"network.mode.{m}", lang))
compare = year = None
play = False
if mode == "compare":
    left, right = top[1].columns(2)
    a = left.selectbox(t("network.compare.first", lang), eras, key="net_cmp_a",
                       format_func=era_names.get)
    b = right.selectbox(t("network.compare.second", lang), eras, key="net_cmp_b",
                        format_func=era_names.get)
    compare = (a, b)
else:
    st.session_state["net_era"] = filters.eras[0] if len(filters.eras) == 1 else \
        "all" if not filters.eras else None
    top[1].segmented_control(t("network.era", lang), ["all", *eras], key="net_era",
                             on_change=_era_changed,
                             format_func=lambda e: t("network.era.all", lang)
                             if e == "all" else ui.md(era_names[e]))
    row = st.columns([2, 5, 2], vertical_alignment="bottom")
    if row[0].toggle(t("network.year.toggle", lang), key="net_single"):
        year = row[1].slider(t("network.year", lang), first, last, key="net_year")
        play = row[2].button(t("network.play", lang), icon=":material/play_arrow:",
                             key="net_play", help=t("network.play.help", lang))
focus = st.columns([3, 2, 2, 3])
actor = focus[0].selectbox(t("network.actor", lang), sorted(names, key=names.get),
                           key="net_actor", format_func=names.get,
                           placeholder=t("network.actor.placeholder", lang))
size = focus[1].selectbox(t("network.size", lang), network.SIZES, key="net_size",
                          format_func=lambda s: t(f"network.size.{s}", lang),
                          help=t("network.size.help", lang))
colour = focus[2].selectbox(t("network.colour", lang), network.COLOURS, key="net_colour",
                            format_func=lambda c: t(f"network.colour.{c}", lang))
events = focus[3].toggle(t("network.events", lang), key="net_events",
                         help=t("network.events.help", lang))
depth = 1
if actor and not compare:
    around = st.columns([3, 6])
    depth = around[0].segmented_control(t("network.depth", lang), [1, 2, 3],
                                        key="net_depth") or 1
    around[1].button(t("network.whole", lang), on_click=_clear_actor, icon=":material/hub:")

view = Network(eras=filters.eras, years=filters.years, year=year, compare=compare,
               actor=actor if not compare else "", depth=depth,
               size=size or network.SIZES[0], colour=colour or network.COLOURS[0],
               events=bool(events))
ui.set_url(**(view.to_params() | {"actor": actor}))


if play:  # the network year by year, then the chosen year again
    slot = st.empty()
    for frame_year in range(first, last + 1):
        shown = nv.cached(ds, lang, replace(view.shown(), year=frame_year, actor=""))
        with slot.container():
            st.subheader(ui.md(shown.title), anchor=False)
            ui.plotly(shown.figure, key=f"net_play_{frame_year}")
        time.sleep(min(0.8, PLAY_SECONDS / max(1, last - first + 1)))
    slot.empty()

with st.spinner(t("app.loading", lang)):
    result = nv.cached(ds, lang, view.shown())
chosen_tie = st.session_state.get("net_tie") or ""
tie_card = network_card.tie_card(ds, result.whole, chosen_tie, lang) if chosen_tie else None
ui.set_url(tie=tie_card["key"] if tie_card else None)

# -- the graph -----------------------------------------------------------------------------
st.subheader(ui.md(result.title), anchor=False)
if len(result.graph) == 0:
    st.info(t("network.empty", lang))
    st.button(t("network.reset", lang), on_click=_reset_view, args=((first, last),))
else:
    if result.note:
        st.info(ui.md(result.note))
    ui.plotly(result.figure, key="net_chart", on_select="rerun", selection_mode="points")
    st.caption(t("network.caption.time", lang) + (" " + t(
        "network.caption.labels", lang, n=network.LABELLED)
        if len(result.graph) > network.LABELLED else ""))
    if result.edges["group"].astype(str).str.endswith(":planned").any():
        st.caption(t("network.caption.planned", lang))
    if len(result.graph) > 300:
        st.caption(t("network.caption.large", lang, n=len(result.graph)))
    chart = nv.chart_of(result, lang)
    ui.downloads(chart, ds, key="network")
    stamp = ui.stamp(ds)
    table = network_card.metrics_table(ds, result, lang)
    cols = st.columns(3)
    cols[0].download_button(t("network.download.metrics", lang), lambda: export.csv_bytes(table),
                            file_name=export.file_name(stamp, chart, "csv"), mime="text/csv",
                            on_click="ignore", icon=":material/table:")
    cols[1].download_button(t("network.download.gexf", lang),
                            lambda: network.export_gexf(result.graph, result.metrics),
                            file_name=export.file_name(stamp, chart, "gexf"),
                            mime="application/xml", on_click="ignore", icon=":material/hub:")
    cols[2].download_button(t("network.download.graphml", lang),
                            lambda: network.export_graphml(result.graph, result.metrics),
                            file_name=export.file_name(stamp, chart, "graphml"),
                            mime="application/xml", on_click="ignore", icon=":material/hub:")
    with st.expander(t("network.metrics", lang)):
        ui.table(table.drop(columns=["actor_id"]))

# -- the tie card --------------------------------------------------------------------------
if tie_card:
    with st.container(border=True, key="net_tie_card"):
        source, target = tie_card["source"], tie_card["target"]
        st.subheader(ui.md(f"{source[1]} — {tie_card['relation']} → {target[1]}"),
                     anchor=False)
        st.markdown(" · ".join(ui.md(x) for x in (tie_card["family"], tie_card["years"]) if x))
        with st.container(horizontal=True, gap="small"):
            for actor_id, name in (source, target):
                ui.page_link("pages/network.py", name, actor=actor_id)
        st.markdown(f"**{t('network.tie.ties', lang)}**")
        ui.table(tie_card["ties"])
        st.button(t("network.tie.close", lang), on_click=_clear_tie, key="net_tie_close")

# -- the actor card ------------------------------------------------------------------------
if actor:
    card = network_card.actor_card(ds, result.whole, actor, lang)
    with st.container(border=True):
        st.subheader(ui.md(card["name"]), anchor=False)
        st.markdown(f"**{ui.md(card['kind'])}** — {ui.md(card['description'])}")
        st.markdown(f"**{t('network.card.quote', lang)}**  \n> {ui.md(card['quote'])}")
        st.caption(t("network.hover.section", lang, section=ui.md(card["section"])))
        for part in ("ties", "events"):
            st.markdown(f"**{t(f'network.card.{part}', lang)}**")
            if card[part].empty:
                st.caption(t("network.card.none", lang))
            else:
                ui.table(card[part])
        st.button(t("network.card.close", lang), on_click=_clear_actor, key="net_close")

# -- over the years: playback, measures, one actor, the dynamic graph ----------------------
st.divider()
st.header(t("time.section", lang), anchor=False)
st.caption(t("time.intro", lang))


def _over_the_years() -> None:
    """Playback, measures and one actor, year by year."""
    # the chosen actor outlives its tab (a widget not drawn on a run loses its state)
    chosen = (st.session_state.get("net_time_actor") or st.session_state.get("_net_time_kept")
              or ntv.central_actor(ds))
    st.session_state["_net_time_kept"] = chosen
    # Only the open tab is drawn (a tab change reruns the page): a first visit sends one chart.
    tabs = st.tabs([t("time.tab.play", lang), t("time.tab.measures", lang),
                    t("time.tab.actor", lang)], key="net_time_tab", on_change="rerun")
    if tabs[0].open:
        _playback(tabs[0])
    if tabs[1].open:
        with tabs[1]:
            (measured,) = views.cached(Network(chart="measures"), ds, lang)
            ui.plotly(measured.figure, key="net_time_measures")
            ui.downloads(measured, ds, key="net_time_measures")
    if tabs[2].open:
        with tabs[2]:
            st.selectbox(t("time.actor.choose", lang), sorted(names, key=names.get),
                         index=sorted(names, key=names.get).index(chosen)
                         if chosen in names else 0,
                         key="net_time_actor", format_func=names.get)
            for followed in views.cached(Network(chart="actor", actor=chosen), ds, lang):
                ui.plotly(followed.figure, key="net_time_actor_chart")
                ui.downloads(followed, ds, key="net_time_actor_chart")


def _playback(tab) -> None:
    """The network year by year, its downloads (dynamic GEXF, animated HTML, GIF, MP4)."""
    played = ntv.playback(ds, lang).years
    with tab:
        start = st.select_slider(t("time.keyboard", lang), played, key="net_time_year",
                                 help=t("time.keyboard.help", lang)) if len(played) > 1 else None
        (playing,) = views.cached(Network(chart="play", year=start), ds, lang)
        ui.plotly(playing.figure, key="net_time_play")
        ui.downloads(playing, ds, key="net_time_play")
        mark = ui.stamp(ds)
        cols = st.columns(4)
        cols[0].download_button(t("time.download.gexf", lang), lambda: gexf.dynamic_gexf(
            network.build_graph(ds, include_events=True), title=playing.title, lang=lang,
            pos=network.layout(ntv.graph_of(ds))),
            file_name=export.file_name(mark, playing, "gexf"), mime="application/xml",
            on_click="ignore", icon=":material/hub:")
        cols[1].download_button(t("time.download.html", lang), lambda: animation.html(playing, mark),
                                file_name=export.file_name(mark, playing, "html"),
                                mime="text/html", on_click="ignore", icon=":material/animation:")
        for col, fmt, mime in ((cols[2], "gif", "image/gif"), (cols[3], "mp4", "video/mp4")):
            col.download_button(
                t(f"time.download.{fmt}", lang),
                lambda fmt=fmt: animation.videos(ds, lang, start)[fmt],
                file_name=export.file_name(mark, playing, fmt), mime=mime, on_click="ignore",
                icon=":material/movie:")


# a large network is drawn over the years only when asked: it costs seconds
if not ntv.large(ds) or st.toggle(t("time.show", lang), key="net_time_show",
                                  help=t("time.show.help", lang)):
    _over_the_years()

ui.source_footer(ds)
