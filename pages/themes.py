"""Thèmes: how the text's themes shifted from era to era (heatmap, evolution, ranks, flow,
annual meetings, actors). Chart, families, columns, grouping and theme live in the URL."""

from dataclasses import replace

import streamlit as st

from anis_viz import themes, ui, views
from anis_viz.filters import year_bounds
from anis_viz.i18n import t
from anis_viz.themes_charts import default_theme
from anis_viz.views.themes import BY, CHARTS, GROUPS, Themes

ds = ui.dataset()
lang = ui.lang()
filters = ui.filters()

st.title(t("page.themes.title", lang))
st.info(t("themes.note", lang, year=ui.md(ds.source.get("year", ""))), icon=":material/info:")

# -- the page's own filters, in the URL ---------------------------------------------------
table = themes.theme_table(ds, lang)
families = dict(zip(table["family"], table["family_label"], strict=True))
ui.bind_view(Themes, ds, {
    "chart": lambda v: {"th_chart": v.chart if v.chart in CHARTS else next(iter(CHARTS))},
    "family": lambda v: {"th_family": list(v.families)}, "by": lambda v: {"th_by": v.by},
    "group": lambda v: {"th_group": v.group}, "theme": lambda v: {"th_theme": v.theme}})
state = st.session_state  # re-assigned every run so hidden widgets keep their value
state["th_chart"] = state.get("th_chart") or next(iter(CHARTS))
state["th_family"] = [f for f in state.get("th_family", []) if f in families]
state["th_by"], state["th_group"] = state.get("th_by", BY[0]), state.get("th_group", GROUPS[0])

left, right = st.columns([3, 2])
left.radio(t("themes.chart", lang), list(CHARTS), key="th_chart", horizontal=True,
           format_func=lambda c: t(f"themes.chart.{c}", lang))
right.multiselect(t("themes.family", lang), list(families), key="th_family",
                  format_func=families.get, placeholder=t("themes.family.placeholder", lang))
view = Themes(chart=state["th_chart"], families=tuple(state["th_family"]), eras=filters.eras,
              years=filters.years, by=state["th_by"], group=state["th_group"])
if view.chart == "heatmap":
    st.radio(t("themes.by", lang), BY, key="th_by", horizontal=True,
             format_func=lambda b: t(f"themes.by.{b}", lang))
elif view.chart in ("area", "flow"):
    st.radio(t("themes.group", lang), GROUPS, key="th_group", horizontal=True,
             format_func=lambda s: t(f"themes.group.{s}", lang))
elif view.chart == "actors":
    shown = themes.theme_table(ds, lang, view.families)
    names = dict(zip(shown["theme_id"], shown["theme"], strict=True))
    if state.get("th_theme") not in names:
        state["th_theme"] = default_theme(ds, view)
    st.selectbox(t("themes.theme", lang), list(names), key="th_theme", format_func=names.get)
view = replace(view, by=state["th_by"], group=state["th_group"],
               theme=state.get("th_theme", ""))
ui.set_url(**view.to_params())
chart_name = view.chart

# -- the chart ------------------------------------------------------------------------------
if themes.mentions(ds, lang, view).empty:
    st.warning(t("themes.empty", lang), icon=":material/filter_alt_off:")
    st.button(t("themes.reset", lang), key="th_reset", icon=":material/restart_alt:",
              on_click=lambda: (state.update(th_family=[]), ui.reset_filters(year_bounds(ds))))
else:
    with st.spinner(t("app.loading", lang)):
        (chart,) = views.cached(view, ds, lang)
    if chart_name == "heatmap" and chart.data["count"].sum() > 0:
        ui.plotly(chart.figure, key="th_heat", on_select="rerun", selection_mode="points")
        cells = chart.data
        new = ui.clicked("th_heat", lambda point: (point.get("y"), point.get("x")))
        state["th_cell_theme"], state["th_cell_key"] = themes.pick_cell(
            cells, (state.get("th_cell_theme"), state.get("th_cell_key")),
            new[0] if new else None)
        theme_names = dict(zip(cells["theme_id"], cells["theme"], strict=False))
        col_names = dict(zip(cells["key"], cells["col_label"], strict=False))
        st.caption(t("themes.cell.hint", lang))
        pick_theme, pick_col = st.columns(2)
        pick_theme.selectbox(t("themes.theme", lang), list(theme_names), key="th_cell_theme",
                             format_func=theme_names.get)
        pick_col.selectbox(t("themes.cell.column", lang), list(col_names), key="th_cell_key",
                           format_func=col_names.get)
        found = themes.cell_mentions(ds, lang, view, state["th_cell_theme"],
                                     state["th_cell_key"])
        heading = t("themes.cell.title", lang, n=len(found), col=col_names[state["th_cell_key"]],
                    theme=theme_names[state["th_cell_theme"]])
        with st.container(border=True):  # no fixed height: a scroll box traps keyboards
            st.markdown(f"**{ui.md(heading)}**")
            if found.empty:
                st.caption(t("themes.cell.none", lang))
            for row in found.itertuples():
                st.markdown(f"« {ui.md(row.quote)} »")
                st.caption(ui.md(t("themes.cell.ref", lang, ref=row.ref_label or row.ref_type,
                                   section=row.section_id)))
    else:
        ui.plotly(chart.figure, key=f"th_{chart_name}")
    if chart_name == "meetings":
        for series in themes.series_info(ds, lang).itertuples():
            st.caption(ui.md(t("themes.series.quote", lang, quote=series.quote,
                               section=series.section_id)))
    if chart_name == "actors" and not chart.data.empty:
        st.markdown(f"**{t('themes.network.title', lang)}**")
        for actor in chart.data.head(5).itertuples():
            ui.page_link("pages/network.py", t("themes.network", lang, name=ui.md(actor.name)),
                         actor=actor.actor_id)
    ui.downloads(chart, ds, key=f"th_{chart_name}")

ui.source_footer(ds)
