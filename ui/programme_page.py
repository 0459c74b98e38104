"""The Indicatorenplan and Voortgang tabs of the Streefwaarden page: a programme's plan as a tree
(opgave → doelen with their SMART check → activiteiten), forms to build the plan (programme,
opgave with impact indicators, SMART doel, measurement moment) and to add or update an
activiteit, and the progress report with HTML and CSV downloads.

The programme tables are small, so they are read on every run through a cursor of the shared
connection; the region judgements come from the cached :func:`ui.store.read_assessment`.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from bw import export, programmes
from bw.auth import Permission
from bw.formatting import format_number
from bw.model import is_missing
from bw.reports import progress as progress_report
from ui.auth import may, refusal
from ui.i18n import current_language, t
from ui.markdown import md
from ui.programme_forms import (
    FLASH,
    FLASH_WARNING,
    PENDING,
    PLAN_PROGRAMME_KEY,
    PROGRESS_PROGRAMME_KEY,
    indicator_list,
    indicator_names,
    render_activity_forms,
    render_doel_form,
    render_link_form,
    render_moment_form,
    render_opgave_form,
    render_programme_form,
)
from ui.store import (
    can_write,
    is_demo,
    read_assessment,
    read_catalogue,
    read_fresh,
    read_regions,
)

#: Columns of the progress table that hold numbers (right-aligned, like every table of bw).
_RIGHT_ALIGNED = ("share_done", "budget", "value", "target_value")


def _choose_programme(key: str) -> programmes.Programme | None:
    """A programme chosen from the list (with its whole plan), or None when there is none."""
    listed = read_fresh(programmes.read_programmes)
    if not listed:
        st.info(t("programme.none"), icon=":material/info:")
        return None
    by_id = {p.id: p for p in listed}
    chosen = st.selectbox(
        t("programme.choose"),
        list(by_id),
        key=key,
        format_func=lambda i: by_id[i].name,
        placeholder=t("select.one"),
    )
    return read_fresh(programmes.read_programme, chosen)


def render_plan_tab() -> None:
    """The indicatorenplan of a programme as a readable tree, and the activity forms."""
    st.subheader(t("programme.plan_title"))
    st.caption(t("programme.plan_body"))
    for key, value in st.session_state.pop(PENDING, {}).items():
        if value is None:
            st.session_state.pop(key, None)
        else:
            st.session_state[key] = value
    flash = st.session_state.pop(FLASH, None)
    if flash:
        st.success(flash, icon=":material/check_circle:")
    flash_warning = st.session_state.pop(FLASH_WARNING, None)
    if flash_warning:
        st.warning(flash_warning, icon=":material/rule:")
    programme = _choose_programme(PLAN_PROGRAMME_KEY)
    lang = current_language()
    names = indicator_names(lang)
    if programme is not None:
        _render_tree(programme, names, lang)
    if not can_write():
        st.caption(t("programme.read_only"))
        return
    if not may(Permission.EDIT_PROGRAMMES):
        st.info(refusal(Permission.EDIT_PROGRAMMES), icon=":material/lock:")
        return
    st.markdown(f"#### {t('programme.build_title')}")
    render_programme_form(lang, expanded=programme is None)
    if programme is None:
        return
    render_opgave_form(programme, names)
    render_link_form(programme, names)
    render_doel_form(programme, names, lang)
    render_moment_form(programme)
    render_activity_forms(programme, lang)


def _render_tree(programme: programmes.Programme, names: dict[str, str], lang: str) -> None:
    kind = programmes.KIND_LABELS[lang][str(programme.kind)]
    all_regions = read_regions()
    region_names = dict(zip(all_regions["code"], all_regions["name"], strict=True))
    regions = ", ".join(region_names.get(c, c) for c in programme.region_codes) or "–"
    st.markdown(
        f"**{md(programme.name)}** — {kind}, {programme.start_year or '…'}–"
        f"{programme.end_year or '…'}; {t('programme.owner')}: {md(programme.owner or '–')}"
        f"; {t('programme.regions_label')}: {md(regions)}"
    )
    if programme.description:
        st.caption(md(programme.description))
    if not programme.opgaven:
        st.caption(t("programme.no_opgaven"))
    for opgave in programme.opgaven:
        with st.container(border=True):
            st.markdown(f"#### {t('programme.opgave')}: {md(opgave.title)}")
            if opgave.description:
                st.caption(md(opgave.description))
            st.markdown(
                f"{t('programme.impact_indicators')}: " + indicator_list(opgave.indicators, names)
            )
            for doel in opgave.doelen:
                _render_doel(doel, names, lang)
    if programme.moments:
        st.markdown(
            f"**{t('programme.moments')}:**\n"
            + "\n".join(f"- {m.date.isoformat()}: {md(m.label)}" for m in programme.moments)
        )
    else:
        st.caption(t("programme.no_moments"))


def _render_doel(doel: programmes.Doel, names: dict[str, str], lang: str) -> None:
    st.markdown(f"**{t('programme.doel')}:** {md(doel.text)}")
    indicator = names.get(doel.indicator_id, doel.indicator_id) if doel.indicator_id else "–"
    target = "–" if doel.target_value is None else format_number(doel.target_value, 1, lang=lang)
    st.markdown(
        t(
            "programme.doel_details",
            indicator=md(indicator),
            target=target,
            year=doel.target_year or "–",
            owner=md(doel.owner or "–"),
        )
    )
    if doel.indicators:
        st.markdown(
            f"{t('programme.outcome_indicators')}: " + indicator_list(doel.indicators, names)
        )
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
        st.markdown(
            f"- {md(a.title)} — {status}, {format_number(a.share_done, 0, lang=lang)}% "
            f"{t('programme.done')}, {t('programme.budget')} {budget}"
        )


def render_progress_tab() -> None:
    """The progress report of a programme, with HTML and CSV downloads."""
    st.subheader(t("programme.progress_title"))
    st.caption(t("programme.progress_body"))
    programme = _choose_programme(PROGRESS_PROGRAMME_KEY)
    if programme is None:
        return
    lang = current_language()
    html, table = read_fresh(
        lambda cur: progress_report.build_progress_report(
            cur, programme.id, lang=lang, demo=is_demo(), assess=read_assessment
        )
    )
    left, right = st.columns(2)
    left.download_button(
        t("programme.download_html"),
        html.encode("utf-8"),
        file_name=f"voortgang-{programme.id}.html",
        mime="text/html",
        key="progress_download_html",
    )
    right.download_button(
        t("programme.download_csv"),
        export.to_csv_bytes(table, lang=lang),
        file_name=f"voortgang-{programme.id}.csv",
        mime="text/csv",
        key="progress_download_csv",
    )
    messages = progress_report.signal_messages(table, lang=lang)
    for message in messages:
        st.warning(md(message), icon=":material/warning:")  # names opgaven
    if not messages:
        st.info(progress_report.no_signal_text(lang=lang), icon=":material/info:")
    # The report is shown as its table, not as embedded HTML: st.iframe runs HTML with access to
    # the app, and programme texts come from the store. The download above is the document.
    with st.expander(t("programme.table"), expanded=True):
        st.dataframe(
            progress_frame(table, lang),
            hide_index=True,
            width="stretch",
            column_config={
                column: st.column_config.TextColumn(
                    t(f"progress.col_{column}"),
                    alignment="right" if column in _RIGHT_ALIGNED else "left",
                )
                for column in progress_report.TABLE_COLUMNS
            },
        )


def progress_frame(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The progress report's table for people: names instead of ids, numbers the Dutch way,
    SMART codes in words (the CSV download keeps the machine values)."""
    names = indicator_names(lang)
    catalogue = read_catalogue().set_index("indicator_id")
    regions = read_regions()
    region_names = dict(zip(regions["code"], regions["name"], strict=True))
    index = 1 if lang == "nl" else 2

    def decimals(indicator) -> int:
        return int(catalogue.at[indicator, "decimals"]) if indicator in catalogue.index else 1

    def smart(codes) -> str:
        if is_missing(codes):
            return ""
        if codes == "ok":
            return t("progress.smart_ok")
        return "; ".join(
            programmes.SMART_CODES[c][index] if c in programmes.SMART_CODES else c
            for c in str(codes).split("; ")
        )

    rows = []
    for row in table.to_dict("records"):
        indicator = row["indicator"]
        rows.append(
            {
                **{
                    column: str(row[column]) if not is_missing(row[column]) else ""
                    for column in (
                        "section",
                        "opgave",
                        "doel",
                        "activiteit",
                        "status",
                        "verdict",
                        "trend",
                    )
                },
                "indicator": names.get(indicator, indicator) if not is_missing(indicator) else "",
                "region": region_names.get(row["region"], row["region"])
                if not is_missing(row["region"])
                else "",
                "share_done": f"{format_number(row['share_done'], 0, lang=lang)}%"
                if not is_missing(row["share_done"])
                else "",
                "budget": f"€ {format_number(row['budget'], 0, lang=lang)}"
                if not is_missing(row["budget"])
                else "",
                "period": str(int(row["period"])) if not is_missing(row["period"]) else "",
                "value": format_number(row["value"], decimals(indicator), lang=lang)
                if not is_missing(row["value"])
                else "",
                "target_value": format_number(row["target_value"], decimals(indicator), lang=lang)
                if not is_missing(row["target_value"])
                else "",
                "target_year": str(int(row["target_year"]))
                if not is_missing(row["target_year"])
                else "",
                "smart": smart(row["smart"]),
            }
        )
    return pd.DataFrame(rows, columns=list(progress_report.TABLE_COLUMNS))
