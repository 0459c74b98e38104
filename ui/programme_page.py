"""The Indicatorenplan and Voortgang tabs of the Streefwaarden page: a programme's plan as a tree
(opgave → doelen with their SMART check → activiteiten), forms to build the plan (programme,
opgave with impact indicators, SMART doel, measurement moment) and to add or update an
activiteit, and the progress report with HTML and CSV downloads.

The programme tables are small, so they are read on every run through a cursor of the shared
connection; the region judgements come from the cached :func:`ui.store.read_assessment`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import duckdb
import pandas as pd
import streamlit as st

from bw import export, programmes
from bw.auth import Permission, PermissionDenied
from bw.errors import BwError
from bw.formatting import format_number
from bw.model import Level, is_missing
from bw.reports import progress as progress_report
from ui.auth import current_actor, may, refusal
from ui.i18n import current_language, t
from ui.markdown import md
from ui.numbers import FieldError, number_field, read_number, read_year, show_number
from ui.refusals import refusal_text
from ui.store import (
    can_write,
    is_demo,
    new_cursor,
    read_assessment,
    read_catalogue,
    read_regions,
    writer,
)

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
PROG_NAME_KEY = "programme_new_name"
PROG_KIND_KEY = "programme_new_kind"
PROG_OWNER_KEY = "programme_new_owner"
PROG_START_KEY = "programme_new_start"
PROG_END_KEY = "programme_new_end"
PROG_REGIONS_KEY = "programme_new_regions"
PROG_DESCRIPTION_KEY = "programme_new_description"
PROG_SUBMIT_KEY = "programme_new_submit"
OPGAVE_TITLE_KEY = "opgave_new_title"
OPGAVE_DESCRIPTION_KEY = "opgave_new_description"
OPGAVE_INDICATORS_KEY = "opgave_new_indicators"
OPGAVE_SUBMIT_KEY = "opgave_new_submit"
LINK_OPGAVE_KEY = "opgave_link_opgave"
LINK_INDICATORS_KEY = "opgave_link_indicators"
LINK_SUBMIT_KEY = "opgave_link_submit"
DOEL_OPGAVE_KEY = "doel_new_opgave"
DOEL_TEXT_KEY = "doel_new_text"
DOEL_INDICATOR_KEY = "doel_new_indicator"
DOEL_TARGET_KEY = "doel_new_target_value"
DOEL_YEAR_KEY = "doel_new_target_year"
DOEL_OWNER_KEY = "doel_new_owner"
DOEL_FEASIBILITY_KEY = "doel_new_feasibility"
DOEL_CHECK_KEY = "doel_new_check"
DOEL_SUBMIT_KEY = "doel_new_submit"
MOMENT_DATE_KEY = "moment_new_date"
MOMENT_LABEL_KEY = "moment_new_label"
MOMENT_SUBMIT_KEY = "moment_new_submit"
_FLASH = "_programme_flash"
_FLASH_WARNING = "_programme_flash_warning"
#: Widget values to set (or, with None, to reset) at the start of the next run, before the
#: widgets exist: Streamlit refuses to change a widget's value after it is drawn.
_PENDING = "_programme_pending"
#: Region levels offered for a programme (wijken and buurten would make the list unusable).
_PROGRAMME_REGION_LEVELS_EXCLUDED = (Level.WK, Level.BU)


def _read(function, *args):
    cursor = new_cursor()
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
    chosen = st.selectbox(
        t("programme.choose"),
        list(by_id),
        key=key,
        format_func=lambda i: by_id[i].name,
        placeholder=t("select.one"),
    )
    return _read(programmes.read_programme, chosen)


def _indicator_names(lang: str) -> dict[str, str]:
    catalogue = read_catalogue()
    column = "name_en" if lang == "en" else "name_nl"
    return dict(zip(catalogue["indicator_id"], catalogue[column], strict=True))


def render_plan_tab() -> None:
    """The indicatorenplan of a programme as a readable tree, and the activity forms."""
    st.subheader(t("programme.plan_title"))
    st.caption(t("programme.plan_body"))
    for key, value in st.session_state.pop(_PENDING, {}).items():
        if value is None:
            st.session_state.pop(key, None)
        else:
            st.session_state[key] = value
    flash = st.session_state.pop(_FLASH, None)
    if flash:
        st.success(flash, icon=":material/check_circle:")
    flash_warning = st.session_state.pop(_FLASH_WARNING, None)
    if flash_warning:
        st.warning(flash_warning, icon=":material/rule:")
    programme = _choose_programme(PLAN_PROGRAMME_KEY)
    lang = current_language()
    names = _indicator_names(lang)
    if programme is not None:
        _render_tree(programme, names, lang)
    if not can_write():
        st.caption(t("programme.read_only"))
        return
    if not may(Permission.EDIT_PROGRAMMES):
        st.info(refusal(Permission.EDIT_PROGRAMMES), icon=":material/lock:")
        return
    st.markdown(f"#### {t('programme.build_title')}")
    _render_programme_form(lang, expanded=programme is None)
    if programme is None:
        return
    _render_opgave_form(programme, names)
    _render_link_form(programme, names)
    _render_doel_form(programme, names, lang)
    _render_moment_form(programme)
    _render_activity_forms(programme, lang)


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
                f"{t('programme.impact_indicators')}: " + _indicator_list(opgave.indicators, names)
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


def _pending_reset(*keys: str, **values: object) -> dict[str, object]:
    """Reset ``keys`` to their defaults and set ``values`` at the start of the next run."""
    return {**dict.fromkeys(keys), **values}


def _render_programme_form(lang: str, *, expanded: bool) -> None:
    kinds = [str(k) for k in programmes.ProgrammeKind]
    regions = read_regions()
    regions = regions[~regions["level"].isin(_PROGRAMME_REGION_LEVELS_EXCLUDED)]
    region_names = dict(zip(regions["code"], regions["name"], strict=True))
    with st.expander(t("programme.create_title"), expanded=expanded), st.form("programme_new_form"):
        name = st.text_input(t("programme.name"), key=PROG_NAME_KEY)
        kind = st.selectbox(
            t("programme.kind"),
            kinds,
            key=PROG_KIND_KEY,
            format_func=programmes.KIND_LABELS[lang].get,
            placeholder=t("select.one"),
        )
        owner = st.text_input(t("programme.owner_input"), key=PROG_OWNER_KEY)
        left, right = st.columns(2)
        start_text = left.text_input(
            t("programme.start_year"),
            key=PROG_START_KEY,
            max_chars=4,
            placeholder=t("targets.year_placeholder"),
        )
        end_text = right.text_input(
            t("programme.end_year"),
            key=PROG_END_KEY,
            max_chars=4,
            placeholder=t("targets.year_placeholder"),
        )
        codes = st.multiselect(
            t("programme.regions"),
            list(region_names),
            key=PROG_REGIONS_KEY,
            format_func=lambda c: f"{region_names[c]} ({c})",
            placeholder=t("select.many"),
            select_all=False,
        )
        description = st.text_area(t("programme.description"), key=PROG_DESCRIPTION_KEY)
        if not st.form_submit_button(t("programme.create_submit"), key=PROG_SUBMIT_KEY):
            return
        try:
            start = read_year(
                start_text,
                t("programme.start_year"),
                low=programmes.MIN_YEAR,
                high=programmes.MAX_YEAR,
            )
            end = read_year(
                end_text, t("programme.end_year"), low=programmes.MIN_YEAR, high=programmes.MAX_YEAR
            )
        except FieldError as error:
            st.error(str(error), icon=":material/error:")
            return
        if not name.strip():
            st.error(t("programme.name_required"), icon=":material/error:")
            return
        if start is not None and end is not None and end < start:
            st.error(t("programme.years_order", start=start, end=end), icon=":material/error:")
            return
        _write(
            lambda cur: programmes.insert_programme(
                cur,
                name=name,
                kind=kind,
                region_codes=codes,
                owner=owner,
                start_year=start,
                end_year=end,
                description=description,
                actor=current_actor(),
            ),
            t("programme.created", name=md(name.strip())),
            pending=lambda new_id: _pending_reset(
                PROG_NAME_KEY,
                PROG_KIND_KEY,
                PROG_OWNER_KEY,
                PROG_START_KEY,
                PROG_END_KEY,
                PROG_REGIONS_KEY,
                PROG_DESCRIPTION_KEY,
                **{PLAN_PROGRAMME_KEY: new_id},
            ),
        )


def _render_opgave_form(programme: programmes.Programme, names: dict[str, str]) -> None:
    with st.expander(t("programme.opgave_new_title")), st.form("opgave_new_form"):
        title = st.text_input(t("programme.opgave_title"), key=OPGAVE_TITLE_KEY)
        description = st.text_area(t("programme.opgave_description"), key=OPGAVE_DESCRIPTION_KEY)
        indicators = st.multiselect(
            t("programme.impact_input"),
            list(names),
            key=OPGAVE_INDICATORS_KEY,
            format_func=names.get,
            placeholder=t("select.many"),
            select_all=False,
        )
        if st.form_submit_button(t("programme.opgave_submit"), key=OPGAVE_SUBMIT_KEY):
            if not title.strip():
                st.error(t("programme.opgave_title_required"), icon=":material/error:")
                return
            _write(
                lambda cur: programmes.insert_opgave(
                    cur,
                    programme.id,
                    title=title,
                    description=description,
                    indicators=indicators,
                    actor=current_actor(),
                ),
                t("programme.opgave_added", title=md(title.strip())),
                pending=lambda _: _pending_reset(
                    OPGAVE_TITLE_KEY, OPGAVE_DESCRIPTION_KEY, OPGAVE_INDICATORS_KEY
                ),
            )


def _render_link_form(programme: programmes.Programme, names: dict[str, str]) -> None:
    opgaven = {o.id: o for o in programme.opgaven}
    if not opgaven:
        st.caption(t("programme.need_opgave"))
        return
    with st.expander(t("programme.link_title")), st.form("opgave_link_form"):
        opgave_id = st.selectbox(
            t("programme.opgave"),
            list(opgaven),
            key=LINK_OPGAVE_KEY,
            format_func=lambda i: opgaven[i].title,
            placeholder=t("select.one"),
        )
        indicators = st.multiselect(
            t("programme.impact_input"),
            list(names),
            key=LINK_INDICATORS_KEY,
            format_func=names.get,
            placeholder=t("select.many"),
            select_all=False,
        )
        if st.form_submit_button(t("programme.link_submit"), key=LINK_SUBMIT_KEY):
            if not indicators:
                st.error(t("programme.indicators_required"), icon=":material/error:")
                return

            def link(cur) -> None:
                for indicator_id in indicators:
                    programmes.link_indicator(
                        cur,
                        programme.id,
                        level="opgave",
                        ref_id=opgave_id,
                        indicator_id=indicator_id,
                        actor=current_actor(),
                    )

            _write(
                link,
                t("programme.linked", n=len(indicators), title=md(opgaven[opgave_id].title)),
                pending=lambda _: _pending_reset(LINK_INDICATORS_KEY),
            )


def _render_doel_form(programme: programmes.Programme, names: dict[str, str], lang: str) -> None:
    opgaven = {o.id: o for o in programme.opgaven}
    if not opgaven:
        return
    with st.expander(t("programme.doel_new_title")), st.form("doel_new_form"):
        st.caption(t("programme.smart_advice"))
        opgave_id = st.selectbox(
            t("programme.opgave"),
            list(opgaven),
            key=DOEL_OPGAVE_KEY,
            format_func=lambda i: opgaven[i].title,
            placeholder=t("select.one"),
        )
        text = st.text_area(t("programme.doel_text"), key=DOEL_TEXT_KEY)
        indicator_id = st.selectbox(
            t("programme.doel_indicator"),
            list(names),
            index=None,
            key=DOEL_INDICATOR_KEY,
            format_func=names.get,
            placeholder=t("select.one"),
        )
        left, right = st.columns(2)
        target_text = number_field(t("programme.target_value"), key=DOEL_TARGET_KEY, container=left)
        year_text = right.text_input(
            t("programme.target_year"),
            key=DOEL_YEAR_KEY,
            max_chars=4,
            placeholder=t("targets.year_placeholder"),
        )
        owner = st.text_input(t("programme.doel_owner"), key=DOEL_OWNER_KEY)
        feasibility = st.text_area(t("programme.feasibility"), key=DOEL_FEASIBILITY_KEY)
        left, right = st.columns(2)
        check = left.form_submit_button(t("programme.doel_check"), key=DOEL_CHECK_KEY)
        save = right.form_submit_button(
            t("programme.doel_submit"), key=DOEL_SUBMIT_KEY, type="primary"
        )
        if not (check or save):
            return
        try:
            target_value = read_number(target_text, t("programme.target_value"))
            target_year = read_year(
                year_text,
                t("programme.target_year"),
                low=programmes.MIN_YEAR,
                high=programmes.MAX_YEAR,
            )
        except FieldError as error:
            st.error(str(error), icon=":material/error:")
            return
        draft = programmes.Doel(
            0,
            opgave_id,
            text,
            indicator_id=indicator_id,
            target_value=target_value,
            target_year=target_year,
            owner=owner,
            feasibility_note=feasibility,
        )
        summary = programmes.smart_summary(draft, lang=lang)
        complete = not programmes.smart_codes(draft)
        if check:
            if complete:
                st.success(summary, icon=":material/check_circle:")
            else:
                st.warning(summary, icon=":material/rule:")
            return
        if not text.strip():
            st.error(t("programme.doel_text_required"), icon=":material/error:")
            return
        _write(
            lambda cur: programmes.insert_doel(
                cur,
                opgave_id,
                text=text,
                indicator_id=indicator_id,
                target_value=target_value,
                target_year=target_year,
                owner=owner,
                feasibility_note=feasibility,
                actor=current_actor(),
            ),
            t("programme.doel_added", text=md(text.strip()[:90])),
            pending=lambda _: _pending_reset(
                DOEL_TEXT_KEY,
                DOEL_INDICATOR_KEY,
                DOEL_TARGET_KEY,
                DOEL_YEAR_KEY,
                DOEL_OWNER_KEY,
                DOEL_FEASIBILITY_KEY,
            ),
            warning=None if complete else t("programme.doel_incomplete", summary=summary),
        )


def _render_moment_form(programme: programmes.Programme) -> None:
    with st.expander(t("programme.moment_new_title")), st.form("moment_new_form"):
        on = st.date_input(
            t("programme.moment_date"),
            value=None,
            key=MOMENT_DATE_KEY,
            format="DD-MM-YYYY",  # the Dutch order of day, month and year
            min_value=date(programmes.MIN_YEAR, 1, 1),
            max_value=date(programmes.MAX_YEAR, 12, 31),
        )
        label = st.text_input(t("programme.moment_label"), key=MOMENT_LABEL_KEY)
        if not st.form_submit_button(t("programme.moment_submit"), key=MOMENT_SUBMIT_KEY):
            return
        if on is None:
            st.error(t("programme.date_required"), icon=":material/error:")
            return
        if not label.strip():
            st.error(t("programme.label_required"), icon=":material/error:")
            return
        _write(
            lambda cur: programmes.insert_measurement_moment(
                cur, programme.id, on=on, label=label, actor=current_actor()
            ),
            t("programme.moment_added", label=md(label.strip()), date=on.isoformat()),
            pending=lambda _: _pending_reset(MOMENT_DATE_KEY, MOMENT_LABEL_KEY),
        )


def _indicator_list(ids, names: dict[str, str]) -> str:
    """The indicators' names for Markdown (names come from an import: escaped)."""
    return ", ".join(md(names.get(i, i)) for i in ids) if ids else t("programme.no_indicators")


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
            f"{t('programme.outcome_indicators')}: " + _indicator_list(doel.indicators, names)
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


def update_status_key(activity_id: int) -> str:
    """The key of the status field when updating this activity (one per activity)."""
    return f"{UPDATE_STATUS_KEY}_{int(activity_id)}"


def update_share_key(activity_id: int) -> str:
    """The key of the share-done field when updating this activity (one per activity)."""
    return f"{UPDATE_SHARE_KEY}_{int(activity_id)}"


def _render_activity_update(activities: dict[int, programmes.Activiteit], lang: str) -> None:
    """Update one activity: the fields open on its stored status and share, and a save writes
    only what changed (the choice sits outside the form, so choosing redraws the fields)."""
    labels = programmes.ACTIVITY_STATUS_LABELS[lang]
    statuses = [str(s) for s in programmes.ActivityStatus]
    st.markdown(f"**{t('programme.update_title')}**")
    if st.session_state.get(UPDATE_CHOICE_KEY) not in activities:  # left from another plan
        st.session_state.pop(UPDATE_CHOICE_KEY, None)
    chosen = st.selectbox(
        t("programme.activity"),
        list(activities),
        key=UPDATE_CHOICE_KEY,
        format_func=lambda i: activities[i].title,
        placeholder=t("select.one"),
    )
    activity = activities[chosen]
    # Fields keyed per activity start on its stored values, never on another one's.
    st.session_state.setdefault(update_share_key(chosen), show_number(activity.share_done))
    with st.form(f"activity_update_form_{chosen}"):
        status = st.selectbox(
            t("programme.status"),
            statuses,
            key=update_status_key(chosen),
            index=statuses.index(str(activity.status)),
            format_func=labels.get,
            placeholder=t("select.one"),
        )
        share_text = number_field(t("programme.share"), key=update_share_key(chosen))
        submitted = st.form_submit_button(t("programme.update_submit"), key=UPDATE_SUBMIT_KEY)
    if not submitted:
        return
    try:
        share = read_number(share_text, t("programme.share"), low=0, high=100)
    except FieldError as error:
        st.error(str(error), icon=":material/error:")
        return
    changes = {}
    if status != str(activity.status):
        changes["status"] = status
    if share is not None and share != activity.share_done:
        changes["share_done"] = share
    if not changes:
        st.info(t("form.unchanged"), icon=":material/info:")
        return
    _write(
        lambda cur: programmes.update_activiteit(cur, chosen, **changes, actor=current_actor()),
        t("programme.updated", title=md(activity.title)),
    )


def _render_activity_forms(programme: programmes.Programme, lang: str) -> None:
    labels = programmes.ACTIVITY_STATUS_LABELS[lang]
    statuses = [str(s) for s in programmes.ActivityStatus]
    activities = {a.id: a for a in programme.activiteiten()}
    if activities:
        _render_activity_update(activities, lang)
    doelen = {d.id: d for d in programme.doelen()}
    if not doelen:
        return
    with st.form("activity_new_form", clear_on_submit=True):
        st.markdown(f"**{t('programme.new_title')}**")
        doel_id = st.selectbox(
            t("programme.doel"),
            list(doelen),
            key=NEW_DOEL_KEY,
            format_func=lambda i: doelen[i].text[:90],
            placeholder=t("select.one"),
        )
        title = st.text_input(t("programme.activity_title"), key=NEW_TITLE_KEY)
        status = st.selectbox(
            t("programme.status"),
            statuses,
            key=NEW_STATUS_KEY,
            format_func=labels.get,
            placeholder=t("select.one"),
        )
        share_text = number_field(t("programme.share"), key=NEW_SHARE_KEY)
        budget_text = number_field(t("programme.budget_input"), key=NEW_BUDGET_KEY)
        if st.form_submit_button(t("programme.new_submit"), key=NEW_SUBMIT_KEY):
            if not title.strip():
                st.error(t("programme.title_required"), icon=":material/error:")
                return
            try:
                share = read_number(share_text, t("programme.share"), low=0, high=100) or 0.0
                budget = read_number(budget_text, t("programme.budget_input"), low=0)
            except FieldError as error:
                st.error(str(error), icon=":material/error:")
                return

            _write(
                lambda cur: programmes.insert_activiteit(
                    cur,
                    doel_id,
                    title=title,
                    status=status,
                    share_done=share,
                    budget=budget,
                    actor=current_actor(),
                ),
                t("programme.added", title=md(title.strip())),
            )


def error_message(error: Exception) -> str:
    """A refused programme write in the UI language, from the error's code and parameters."""
    if isinstance(error, BwError):
        params = dict(error.params)
        if "kind" in params and error.code in ("unknown_record", "not_in_programme"):
            params["kind"] = t(f"programme.record.{params['kind']}")
        text = refusal_text(error, "programme.err_", params=params)
        if text is not None:
            return text
    return t("programme.save_failed", error=error)


def _write(
    action: Callable[[duckdb.DuckDBPyConnection], object],
    message: str,
    *,
    pending: Callable[[object], dict[str, object]] | None = None,
    warning: str | None = None,
) -> None:
    """Run ``action`` in one transaction; on success flash ``message`` (and ``warning``), set the
    widget values ``pending(result)`` gives for the next run and rerun; on an error show it,
    nothing saved."""
    try:
        with writer() as cursor:
            result = action(cursor)
    except (BwError, duckdb.Error) as error:  # rolled back: nothing saved
        if isinstance(error, PermissionDenied):
            st.error(t("auth.denied"), icon=":material/block:")
        else:
            st.error(error_message(error), icon=":material/error:")
        return
    st.session_state[_FLASH] = message
    if warning:
        st.session_state[_FLASH_WARNING] = warning
    if pending is not None:
        st.session_state[_PENDING] = pending(result)
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


#: Columns of the progress table that hold numbers (right-aligned, like every table of bw).
_RIGHT_ALIGNED = ("share_done", "budget", "value", "target_value")


def progress_frame(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The progress report's table for people: names instead of ids, numbers the Dutch way,
    SMART codes in words (the CSV download keeps the machine values)."""
    names = _indicator_names(lang)
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
