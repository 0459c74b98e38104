"""The forms that build a programme's indicatorenplan (programme, opgave, doel, meetmoment,
activiteit) and the one transaction each of them writes in, with its flash message."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import duckdb
import streamlit as st

from bw import programmes
from bw.auth import PermissionDenied
from bw.errors import BwError
from bw.model import Level
from ui.auth import current_actor
from ui.i18n import t
from ui.markdown import md
from ui.numbers import FieldError, number_field, read_number, read_year, show_number
from ui.refusals import refusal_text
from ui.store import (
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
FLASH = "_programme_flash"
FLASH_WARNING = "_programme_flash_warning"
#: Widget values to set (or, with None, to reset) at the start of the next run, before the
#: widgets exist: Streamlit refuses to change a widget's value after it is drawn.
PENDING = "_programme_pending"
#: Region levels offered for a programme (wijken and buurten would make the list unusable).
_PROGRAMME_REGION_LEVELS_EXCLUDED = (Level.WK, Level.BU)


def indicator_names(lang: str) -> dict[str, str]:
    catalogue = read_catalogue()
    column = "name_en" if lang == "en" else "name_nl"
    return dict(zip(catalogue["indicator_id"], catalogue[column], strict=True))


def _pending_reset(*keys: str, **values: object) -> dict[str, object]:
    """Reset ``keys`` to their defaults and set ``values`` at the start of the next run."""
    return {**dict.fromkeys(keys), **values}


def render_programme_form(lang: str, *, expanded: bool) -> None:
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


def render_opgave_form(programme: programmes.Programme, names: dict[str, str]) -> None:
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


def render_link_form(programme: programmes.Programme, names: dict[str, str]) -> None:
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


def render_doel_form(programme: programmes.Programme, names: dict[str, str], lang: str) -> None:
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


def render_moment_form(programme: programmes.Programme) -> None:
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


def indicator_list(ids, names: dict[str, str]) -> str:
    """The indicators' names for Markdown (names come from an import: escaped)."""
    return ", ".join(md(names.get(i, i)) for i in ids) if ids else t("programme.no_indicators")


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


def render_activity_forms(programme: programmes.Programme, lang: str) -> None:
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
    st.session_state[FLASH] = message
    if warning:
        st.session_state[FLASH_WARNING] = warning
    if pending is not None:
        st.session_state[PENDING] = pending(result)
    st.rerun()
