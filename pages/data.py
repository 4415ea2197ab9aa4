"""Données / Data: download a template, upload your own package, read the report, explore."""

import streamlit as st

from anis_viz import background, health, ui, upload
from anis_viz.i18n import t

lang = ui.lang()
ds = ui.dataset()
NOTICES = "upload_notices"  # what the last upload said, kept across the switch's rerun
CHECK = "upload_check"  # the check running for this session (another process)


def _upload() -> None:
    """Start checking the chosen files in the background; the page follows it."""
    files = st.session_state.get("upload_files") or []
    st.session_state.pop(NOTICES, None)
    if (running := st.session_state.pop(CHECK, None)) is not None:
        running.stop()
    started = background.start([(f.name, f.getvalue()) for f in files],
                               max_bytes=ui.upload_limit())
    if isinstance(started, upload.Notice):
        st.session_state[NOTICES] = ([started], [], False)
    else:
        st.session_state[CHECK] = started


@st.fragment(run_every=0.5)
def _follow_check() -> None:
    """Progress of the running check; its report once done (the whole page then reruns)."""
    check = st.session_state.get(CHECK)
    if check is None:
        return
    outcome = check.outcome()
    if outcome is None:
        with st.status(t("data.checking", lang), state="running", expanded=True):
            st.write(t("data.checking.elapsed", lang, seconds=int(check.elapsed),
                       max=int(check.seconds)))
        return
    del st.session_state[CHECK]
    new, notices, problems = outcome
    st.session_state[NOTICES] = (notices, problems, new is not None)
    if new is not None:
        ui.use_dataset(new)
    st.rerun(scope="app")


def _back() -> None:
    ui.use_dataset(None)
    st.session_state.pop(NOTICES, None)


st.title(t("page.data.title", lang))
st.write(t("data.intro", lang))

# -- the data this session shows ------------------------------------------------------------
own = ui.uploaded() is not None
st.header(t("data.current", lang))
st.markdown(f"**{ui.md(ds.title_in(lang))}** · {t('data.version', lang, version=ui.md(ds.version))}")
if own:
    st.info(t("data.using_upload", lang), icon=":material/person:")
    st.button(t("data.back", lang), on_click=_back, icon=":material/undo:", type="primary")
summary = health.summary(ds, lang)
first, last = summary["span"]
cols = st.columns(4)
cols[0].metric(t("data.events", lang), summary["counts"].get("events", 0))
cols[1].metric(t("data.actors", lang), summary["counts"].get("actors", 0))
cols[2].metric(t("data.eras", lang), summary["counts"].get("eras", 0))
cols[3].metric(t("data.span", lang), f"{first}–{last}" if first else "—")
st.caption(t("data.eras_list", lang, eras=" · ".join(map(ui.md, summary["eras"]))))
found = health.findings(ds, lang)
if found.empty:
    st.success(t("data.no_findings", lang), icon=":material/check_circle:")
else:
    st.markdown(f"**{t('data.findings', lang)}**")
    ui.table(found, column_config={"finding": t("data.col.finding", lang),
                                   "count": t("data.col.count", lang),
                                   "examples": t("data.col.examples", lang)})
for problem in ds.warnings:
    st.caption(ui.md(f"⚠ {problem.file} — {problem.message(lang)}"))

# -- 1. templates ---------------------------------------------------------------------------
st.header(t("data.step1", lang))
st.write(t("data.step1.help", lang))
left, right = st.columns(2)
embedded = ui.embedded_dataset() if own else ds
meta = upload.descriptor_meta(t("data.template.title", "fr"), t("data.template.title", "en"))
left.download_button(t("data.template", lang), upload.template_zip(embedded, meta),
                     file_name=t("data.template.file", lang), mime="application/zip",
                     icon=":material/download:", on_click="ignore", width="stretch")
right.download_button(t("data.example", lang, title=ui.md(embedded.title_in(lang))),
                      upload.package_zip(embedded),
                      file_name=f"{embedded.descriptor.get('name') or 'package'}.zip",
                      mime="application/zip", icon=":material/folder_zip:", on_click="ignore",
                      width="stretch")
with st.expander(t("data.files", lang)):
    ui.table(upload.contract_table(), column_config={
        "file": t("data.col.file", lang), "columns": t("data.col.columns", lang)})

# -- 2. upload ------------------------------------------------------------------------------
st.header(t("data.step2", lang))
st.write(t("data.step2.help", lang, mb=upload.size_text(ui.upload_limit(), lang),
           files=upload.MAX_FILES, expanded=upload.size_text(upload.MAX_EXPANDED, lang)))
st.file_uploader(t("data.uploader", lang), type=["zip", "csv", "json"],
                 accept_multiple_files=True, key="upload_files",
                 help=t("data.uploader.help", lang))
st.button(t("data.load", lang), on_click=_upload, icon=":material/fact_check:",
          disabled=not st.session_state.get("upload_files") or CHECK in st.session_state)
if CHECK in st.session_state:
    _follow_check()

if NOTICES in st.session_state:
    notices, problems, loaded = st.session_state[NOTICES]
    for notice in notices:
        text = t(f"upload.{notice.code}", lang, **{
            name: ui.md(str(value)) for name, value in upload.notice_params(notice, lang).items()})
        {"error": st.error, "warning": st.warning}.get(notice.level, st.info)(text)
    if loaded:
        st.success(t("data.loaded", lang), icon=":material/check_circle:")
        ui.page_link("pages/overview.py", t("data.explore", lang))
    elif problems:
        errors = sum(p.severity == "error" for p in problems)
        st.error(t("data.invalid", lang, n=errors))
        ui.show_problems(problems, key="upload_report")

ui.source_footer(ds)
