"""The Indicatorenplan and Voortgang tabs of the Streefwaarden page: a programme's plan as a tree
(opgave → doelen with their SMART check → activiteiten), a form to add or update an activiteit,
and the progress report with HTML and CSV downloads.

The programme tables are small, so they are read on every run through a cursor of the shared
connection; the region judgements come from the cached :func:`ui.store.read_assessment`.
"""

from __future__ import annotations

import duckdb
import streamlit as st

from bw import export, programmes, progress_report, store
from bw.formatting import format_number
from ui.i18n import current_language, t
from ui.store import can_write, connection, is_demo, read_assessment, read_catalogue, writer

#: Widget keys.
PLAN_PROGRAMME_KEY = "plan_programme"
PROGRESS_PROGRAMME_KEY = "progress_programme"
UPDATE_CHOICE_KEY = "activity_update_choice"
UPDATE_STATUS_KEY = "activity_update_status"
UPDATE_SHARE_KEY = "activity_update_share"
UPDATE_SUBMIT_KEY = "activity_update_submit"
NEW_DOEL_KEY = "activity_new_doel"
NEW_TITLE_KEY = "activity_new_title"
NEW_STATUS_KEY = "activity_new_status"
NEW_SHARE_KEY = "activity_new_share"
NEW_BUDGET_KEY = "activity_new_budget"
NEW_SUBMIT_KEY = "activity_new_submit"
_FLASH = "_programme_flash"


def _read(function, *args):
    cursor = connection().cursor()
    try:
        return function(cursor, *args)
    finally:
        cursor.close()


def _choose_programme(key: str) -> programmes.Programme | None:
    """A programme chosen from the list (with its whole plan), or None when there is none."""
    listed = _read(programmes.read_programmes)
    if not listed:
        st.info(t("programme.none"), icon=":material/info:")
        return None
    by_id = {p.id: p for p in listed}
    chosen = st.selectbox(t("programme.choose"), list(by_id), key=key,
                          format_func=lambda i: by_id[i].name)
    return _read(programmes.read_programme, chosen)


def _indicator_names(lang: str) -> dict[str, str]:
    catalogue = read_catalogue()
    column = "name_en" if lang == "en" else "name_nl"
    return dict(zip(catalogue["indicator_id"], catalogue[column], strict=True))


def render_plan_tab() -> None:
    """The indicatorenplan of a programme as a readable tree, and the activity forms."""
    st.subheader(t("programme.plan_title"))
    st.caption(t("programme.plan_body"))
    flash = st.session_state.pop(_FLASH, None)
    if flash:
        st.success(flash, icon=":material/check_circle:")
    programme = _choose_programme(PLAN_PROGRAMME_KEY)
    if programme is None:
        return
    lang = current_language()
    names = _indicator_names(lang)
    kind = programmes.KIND_LABELS[lang][str(programme.kind)]
    st.markdown(f"**{programme.name}** — {kind}, {programme.start_year or '…'}–"
                f"{programme.end_year or '…'}; {t('programme.owner')}: {programme.owner or '–'}")
    if programme.description:
        st.caption(programme.description)
    for opgave in programme.opgaven:
        with st.container(border=True):
            st.markdown(f"#### {t('programme.opgave')}: {opgave.title}")
            if opgave.description:
                st.caption(opgave.description)
            st.markdown(f"{t('programme.impact_indicators')}: "
                        + _indicator_list(opgave.indicators, names))
            for doel in opgave.doelen:
                _render_doel(doel, names, lang)
    if can_write():
        _render_activity_forms(programme, lang)
    else:
        st.caption(t("programme.read_only"))


def _indicator_list(ids, names: dict[str, str]) -> str:
    return ", ".join(names.get(i, i) for i in ids) if ids else t("programme.no_indicators")


def _render_doel(doel: programmes.Doel, names: dict[str, str], lang: str) -> None:
    st.markdown(f"**{t('programme.doel')}:** {doel.text}")
    indicator = names.get(doel.indicator_id, doel.indicator_id) if doel.indicator_id else "–"
    target = ("–" if doel.target_value is None
              else format_number(doel.target_value, 1, lang=lang))
    st.markdown(t("programme.doel_details", indicator=indicator, target=target,
                  year=doel.target_year or "–", owner=doel.owner or "–"))
    if doel.indicators:
        st.markdown(f"{t('programme.outcome_indicators')}: "
                    + _indicator_list(doel.indicators, names))
    summary = programmes.smart_summary(doel, lang=lang)
    if programmes.smart_codes(doel):
        st.warning(summary, icon=":material/rule:")
    else:
        st.markdown(summary)
    if not doel.activiteiten:
        st.caption(t("programme.no_activities"))
    for a in doel.activiteiten:
        budget = "–" if a.budget is None else f"€ {format_number(a.budget, 0, lang=lang)}"
        status = programmes.ACTIVITY_STATUS_LABELS[lang][str(a.status)]
        st.markdown(f"- {a.title} — {status}, {format_number(a.share_done, 0, lang=lang)}% "
                    f"{t('programme.done')}, {t('programme.budget')} {budget}")


def _render_activity_forms(programme: programmes.Programme, lang: str) -> None:
    labels = programmes.ACTIVITY_STATUS_LABELS[lang]
    statuses = [str(s) for s in programmes.ActivityStatus]
    activities = {a.id: a for a in programme.activiteiten()}
    if activities:
        with st.form("activity_update_form"):
            st.markdown(f"**{t('programme.update_title')}**")
            chosen = st.selectbox(t("programme.activity"), list(activities),
                                  key=UPDATE_CHOICE_KEY,
                                  format_func=lambda i: activities[i].title)
            status = st.selectbox(t("programme.status"), statuses, key=UPDATE_STATUS_KEY,
                                  format_func=labels.get)
            share = st.number_input(t("programme.share"), min_value=0.0, max_value=100.0,
                                    step=5.0, key=UPDATE_SHARE_KEY)
            if st.form_submit_button(t("programme.update_submit"), key=UPDATE_SUBMIT_KEY):
                _write(lambda cur: programmes.update_activiteit(cur, chosen, status=status,
                                                                share_done=share),
                       t("programme.updated", title=activities[chosen].title))
    doelen = {d.id: d for d in programme.doelen()}
    if not doelen:
        return
    with st.form("activity_new_form", clear_on_submit=True):
        st.markdown(f"**{t('programme.new_title')}**")
        doel_id = st.selectbox(t("programme.doel"), list(doelen), key=NEW_DOEL_KEY,
                               format_func=lambda i: doelen[i].text[:90])
        title = st.text_input(t("programme.activity_title"), key=NEW_TITLE_KEY)
        status = st.selectbox(t("programme.status"), statuses, key=NEW_STATUS_KEY,
                              format_func=labels.get)
        share = st.number_input(t("programme.share"), min_value=0.0, max_value=100.0,
                                step=5.0, key=NEW_SHARE_KEY)
        budget = st.number_input(t("programme.budget_input"), min_value=0.0, value=None,
                                 step=1000.0, key=NEW_BUDGET_KEY)
        if st.form_submit_button(t("programme.new_submit"), key=NEW_SUBMIT_KEY):
            if not title.strip():
                st.error(t("programme.title_required"), icon=":material/error:")
                return
            _write(lambda cur: programmes.insert_activiteit(
                cur, doel_id, title=title, status=status, share_done=share, budget=budget),
                   t("programme.added", title=title.strip()))


def _write(action, message: str) -> None:
    try:
        with writer() as cursor:
            action(cursor)
    except (store.StoreError, duckdb.Error) as error:
        st.error(t("programme.save_failed", error=error), icon=":material/error:")
        return
    st.session_state[_FLASH] = message
    st.rerun()


def render_progress_tab() -> None:
    """The progress report of a programme, with HTML and CSV downloads."""
    st.subheader(t("programme.progress_title"))
    st.caption(t("programme.progress_body"))
    programme = _choose_programme(PROGRESS_PROGRAMME_KEY)
    if programme is None:
        return
    lang = current_language()
    html, table = _read(
        lambda cur: progress_report.build_progress_report(
            cur, programme.id, lang=lang, demo=is_demo(), assess=read_assessment)
    )
    left, right = st.columns(2)
    left.download_button(t("programme.download_html"), html.encode("utf-8"),
                         file_name=f"voortgang-{programme.id}.html", mime="text/html",
                         key="progress_download_html")
    right.download_button(t("programme.download_csv"), export.to_csv_bytes(table, lang=lang),
                          file_name=f"voortgang-{programme.id}.csv", mime="text/csv",
                          key="progress_download_csv")
    messages = progress_report.signal_messages(table, lang=lang)
    for message in messages:
        st.warning(message, icon=":material/warning:")
    if not messages:
        st.info(progress_report.no_signal_text(lang=lang), icon=":material/info:")
    # The report is shown as its table, not as embedded HTML: st.iframe runs HTML with access to
    # the app, and programme texts come from the store. The download above is the document.
    with st.expander(t("programme.table"), expanded=True):
        st.dataframe(table, hide_index=True, width="stretch")
