"""The Streefwaarden page: every indicator's targets, a form to set one, and its history.

The form validates with :func:`bw.targets.validate_target` before anything is written; a save
goes through :func:`ui.store.writer` (one transaction, caches cleared) and the page reruns so
the table and the other pages show the new status.
"""

from __future__ import annotations

import dataclasses

import duckdb
import pandas as pd
import streamlit as st

from bw import targets
from bw.auth import Actor, Permission, PermissionDenied
from bw.errors import BwError
from bw.formatting import format_number
from bw.model import Target, is_missing
from bw.report import Severity
from ui import judgements as j
from ui.auth import current_actor, may, refusal
from ui.format import direction_label, unit_label
from ui.i18n import current_language, t
from ui.issues import issue_text
from ui.numbers import FieldError, number_field, read_number, read_year, show_number, show_year
from ui.params import link_changed, requested, write_choice
from ui.render import render_demo_caption
from ui.sidebar import RegionChoice
from ui.store import can_write, new_cursor, read_assessment, writer
from ui.tables import TARGETS_WIDTH, WRAP_ROW_HEIGHT, table_height

#: Widget key of the indicator choice and its URL query parameter.
INDICATOR_KEY = "target_indicator"
INDICATOR_PARAM = "indicator"
#: Widget keys of the form fields.
NUMBER_KEYS = {
    "minimum": "target_minimum",
    "ambition": "target_ambition",
    "ceiling": "target_ceiling",
}
YEAR_KEYS = {"target_year": "target_target_year", "baseline_year": "target_baseline_year"}
RATIONALE_KEY = "target_rationale"
SOURCE_KEY = "target_source"
SOURCE_DETAIL_KEY = "target_source_detail"
BY_KEY = "target_by"
SUBMIT_KEY = "target_submit"
RESTORE_KEY = "target_restore_version"
#: Which region x indicator the form fields were last filled for.
_FILLED_FOR = "_target_form_for"
_FLASH = "_target_flash"


def _name(item, lang: str) -> str:
    return item.name_en if lang == "en" else item.name_nl


def _number(value, decimals: int, lang: str) -> str:
    return "–" if is_missing(value) else format_number(value, decimals, lang=lang)


def _year(value) -> str:
    return "–" if is_missing(value) else str(int(value))


def render_targets_page(region: RegionChoice | None) -> None:
    """The whole page for the region chosen in the sidebar."""
    st.title(t("streefwaarden.title"))
    render_demo_caption()
    if region is None:
        st.info(t("targets.no_region"), icon=":material/info:")
        return
    st.markdown(f"**{j.md(region.label)}**")
    st.write(t("streefwaarden.body"))
    flash = st.session_state.pop(_FLASH, None)
    if flash:
        st.success(flash, icon=":material/check_circle:")
    assessment = read_assessment(region.code)
    if assessment is None or not assessment.items:
        st.warning(t("targets.no_indicators"), icon=":material/warning:")
        return
    lang = current_language()
    render_targets_table(assessment, lang)
    item = render_indicator_choice(assessment, lang)
    st.subheader(j.md(_name(item, lang)))
    st.caption(
        t(
            "targets.indicator_caption",
            unit=j.md(unit_label(item.unit)),
            direction=direction_label(item.direction),
            status=j.status_text(item),
        )
    )
    if targets.is_example_target(item.target_source):
        st.info(t("targets.example_current"), icon=":material/lightbulb:")
    form_column, reference_column = st.columns([3, 2], gap="large")
    with reference_column:
        render_reference_points(region, item, lang)
    with form_column:
        if not can_write():
            st.info(t("targets.read_only"), icon=":material/lock:")
        elif may(Permission.EDIT_TARGETS):
            render_target_form(region, item, lang)
        else:
            st.info(refusal(Permission.EDIT_TARGETS), icon=":material/lock:")
    render_history(region, item, lang)


def render_targets_table(assessment, lang: str) -> None:
    """Every indicator with its status (icon + word), latest value and current targets.

    Laptop first, as the Overzicht (ui/tables.py): the indicator and its status come first,
    then the value and the targets, in fixed widths with long text wrapped; the code last.
    """
    rows = [
        {
            "indicator": _name(item, lang),
            "status": j.status_cell(item),
            "latest": j.latest_cell(item),
            "minimum": _number(item.minimum, item.decimals, lang),
            "ambition": _number(item.ambition, item.decimals, lang),
            "target_year": _year(item.target_year),
            "ceiling": _number(item.ceiling, item.decimals, lang),
            "baseline_year": _year(item.baseline_year),
            "indicator_id": item.indicator,
        }
        for item in assessment.items
    ]
    text = st.column_config.TextColumn
    width = TARGETS_WIDTH
    st.dataframe(
        pd.DataFrame(rows),
        key="targets_table",
        hide_index=True,
        width="stretch",
        height=table_height(len(rows)),
        row_height=WRAP_ROW_HEIGHT,
        column_config={
            "indicator": text(t("col.indicator"), width=width["indicator"]),
            "status": text(t("col.status"), help=t("col.status_help"), width=width["status"]),
            "latest": text(t("col.latest"), help=t("col.latest_help"), width=width["latest"]),
            "minimum": text(t("target.minimum"), width=width["minimum"]),
            "ambition": text(t("target.ambition"), width=width["ambition"]),
            "target_year": text(t("target.target_year"), width=width["target_year"]),
            "ceiling": text(t("targets.ceiling"), width=width["ceiling"]),
            "baseline_year": text(t("targets.baseline_year"), width=width["baseline_year"]),
            "indicator_id": text(t("targets.indicator_id"), width=width["indicator_id"]),
        },
    )


def render_indicator_choice(assessment, lang: str):
    """The indicator to edit (``key="target_indicator"``), kept in ``?indicator=``.

    A link naming another indicator than this page last wrote (the "Streefwaarde vastleggen"
    link under "geen streefwaarde") chooses it, also when the page was open before.
    """
    names = {item.indicator: _name(item, lang) for item in assessment.items}
    ordered = sorted(names, key=lambda code: names[code].casefold())
    wanted = requested(INDICATOR_PARAM)
    from_link = wanted in names and link_changed(INDICATOR_PARAM, INDICATOR_KEY)
    if from_link or st.session_state.get(INDICATOR_KEY) not in names:
        with_target = [i.indicator for i in assessment.items if i.status != "no_target"]
        st.session_state[INDICATOR_KEY] = wanted if wanted in names else (with_target or ordered)[0]
    chosen = st.selectbox(
        t("targets.choose_indicator"),
        ordered,
        key=INDICATOR_KEY,
        format_func=names.__getitem__,
        placeholder=t("select.one"),
    )
    write_choice(INDICATOR_PARAM, INDICATOR_KEY, chosen)
    return assessment.item(chosen)


def _read(function, *args, **kwargs):
    """Run a bw reader on its own cursor of the shared connection (small, uncached queries)."""
    cursor = new_cursor()
    try:
        return function(cursor, *args, **kwargs)
    finally:
        cursor.close()


def render_reference_points(region: RegionChoice, item, lang: str) -> None:
    """The values a council can hold a target against: shown, never imposed."""
    st.markdown(f"**{t('targets.references')}**")
    points = _read(targets.reference_points, region.code, item.indicator)
    lines = []
    for key in ("current", "nl", "province", "peer_median", "best_quartile"):
        point = points.get(key)
        if point is None:
            continue
        value = format_number(point["value"], item.decimals, lang=lang)
        extra = ""
        if key == "peer_median":
            extra = " " + t("targets.ref_peer_note", n=point["n"])
        elif key == "best_quartile":
            extra = " " + t("targets.ref_quartile_note", rank=point["rank"], n=point["n"])
        lines.append(f"- {t('targets.ref_' + key)}: **{value}** ({point['year']}){extra}")
    st.markdown("\n".join(lines) if lines else t("targets.ref_none"))
    st.caption(t("targets.references_help"))


def _current_target(region: RegionChoice, item) -> Target | None:
    return _read(targets.read_current_target, region.code, item.indicator)


def _split_source(source: str | None) -> tuple[str, str]:
    """A stored source as (kind, detail): 'coalitieakkoord 2022-2026' -> the two parts."""
    if not source:
        return targets.SOURCES[0], ""
    for kind in targets.SOURCES[:-1]:
        if source.lower().startswith(kind):
            return kind, source[len(kind) :].strip()
    return "anders", source


def _fill_form(region: RegionChoice, item, current: Target | None) -> None:
    """Put the current target into the form fields when another indicator or region is chosen."""
    owner = (region.code, item.indicator)
    if st.session_state.get(_FILLED_FOR) == owner:
        return
    for name, key in NUMBER_KEYS.items():
        st.session_state[key] = show_number(getattr(current, name) if current else None)
    for name, key in YEAR_KEYS.items():
        st.session_state[key] = show_year(getattr(current, name) if current else None)
    # An example's numbers are a starting point; its source and rationale are not the council's.
    own = current is not None and not targets.is_example_target(current.source)
    st.session_state[RATIONALE_KEY] = (current.rationale or "") if own else ""
    kind, detail = _split_source(current.source if own else None)
    st.session_state[SOURCE_KEY] = kind
    st.session_state[SOURCE_DETAIL_KEY] = detail
    st.session_state[_FILLED_FOR] = owner


def render_target_form(region: RegionChoice, item, lang: str) -> None:
    """The form that sets a new version of the target; nothing is saved on any error."""
    current = _current_target(region, item)
    _fill_form(region, item, current)
    with st.form("target_form"):
        st.markdown(f"**{t('targets.form_title')}**")
        columns = st.columns(3)
        for column, (name, key) in zip(columns, NUMBER_KEYS.items(), strict=True):
            number_field(
                t(f"targets.field_{name}", unit=j.md(unit_label(item.unit))),
                key=key,
                help=t(f"targets.field_{name}_help"),
                container=column,
            )
        years = st.columns(2)
        for column, (name, key) in zip(years, YEAR_KEYS.items(), strict=True):
            column.text_input(
                t(f"targets.field_{name}"),
                key=key,
                max_chars=4,
                placeholder=t("targets.year_placeholder"),
            )
        st.text_area(t("targets.field_rationale"), key=RATIONALE_KEY)
        sources = st.columns(2)
        sources[0].selectbox(
            t("targets.field_source"),
            targets.SOURCES,
            key=SOURCE_KEY,
            format_func=lambda kind: t(f"targets.source_{kind}"),
            placeholder=t("select.one"),
        )
        sources[1].text_input(t("targets.field_source_detail"), key=SOURCE_DETAIL_KEY)
        if current_actor().local:  # logged-in users are recorded under their account
            st.text_input(t("targets.field_by"), key=BY_KEY)
        submitted = st.form_submit_button(t("targets.save"), key=SUBMIT_KEY, type="primary")
    if submitted:
        _save(region, item, current)


def _writing_actor() -> Actor | None:
    """Who a write is recorded as: the account, or in lokale modus the name typed in the form."""
    actor = current_actor()
    if not actor.local:
        return actor
    who = (st.session_state.get(BY_KEY) or "").strip()
    return dataclasses.replace(actor, name=who) if who else None


def _form_target(region: RegionChoice, item) -> tuple[Target | None, list[str]]:
    """The target the form describes, or None and why each unreadable field is unreadable."""
    state = st.session_state
    numbers, years, errors = {}, {}, []
    for name, key in NUMBER_KEYS.items():
        try:
            numbers[name] = read_number(state.get(key), t(f"targets.label_{name}"))
        except FieldError as error:
            errors.append(str(error))
    for name, key in YEAR_KEYS.items():
        try:
            years[name] = read_year(
                state.get(key),
                t(f"targets.field_{name}"),
                low=targets.YEAR_RANGE[0],
                high=targets.YEAR_RANGE[1],
            )
        except FieldError as error:
            errors.append(str(error))
    if errors:
        return None, errors
    kind = state.get(SOURCE_KEY) or "anders"
    detail = (state.get(SOURCE_DETAIL_KEY) or "").strip()
    source = detail if kind == "anders" and detail else " ".join(p for p in (kind, detail) if p)
    return Target(
        region_code=region.code,
        indicator_id=item.indicator,
        rationale=(state.get(RATIONALE_KEY) or "").strip() or None,
        source=source,
        **numbers,
        **years,
    ), []


def _save(region: RegionChoice, item, current: Target | None) -> None:
    """Save the form as a new version of the target: only when something in it changed."""
    target, unreadable = _form_target(region, item)
    if target is None:
        for message in unreadable:
            st.error(message, icon=":material/error:")
        st.caption(t("targets.not_saved"))
        return

    if not targets.changed_fields(current, target):
        st.info(t("form.unchanged"), icon=":material/info:")
        return
    issues = targets.validate_target(
        target, direction=item.direction, unit=item.unit, latest_value=item.value
    )
    errors = [i for i in issues if i.severity == Severity.ERROR]
    actor = _writing_actor()
    who = actor.name if actor else ""
    if not who:
        st.error(t("targets.need_by"), icon=":material/error:")
    for issue in errors:
        st.error(issue_text(issue), icon=":material/error:")
    if errors or not who:
        st.caption(t("targets.not_saved"))
        return
    for issue in issues:
        st.info(issue_text(issue), icon=":material/info:")

    try:
        with writer() as cursor:
            targets.set_target(cursor, target, actor=actor)
    except (BwError, ValueError, duckdb.Error) as error:  # bw.targets refuses with ValueError
        _show_refusal(error)
        return
    st.session_state[_FLASH] = t("targets.saved", indicator=j.md(_name(item, current_language())))
    st.rerun()


def _show_refusal(error: Exception) -> None:
    """Why a target write was refused (rolled back: nothing saved)."""
    if isinstance(error, PermissionDenied):
        st.error(t("auth.denied"), icon=":material/block:")
    else:
        st.error(t("targets.save_failed", error=j.md(error)), icon=":material/error:")


def render_history(region: RegionChoice, item, lang: str) -> None:
    """Every version of the target, newest first, with restore and retract for writers."""
    st.markdown(f"**{t('targets.history')}**")
    history = _read(targets.read_target_history, region.code, item.indicator)
    if history.empty:
        st.caption(t("targets.no_history"))
        return
    table = pd.DataFrame(
        {
            "version": history["version"],
            "set_at": history["set_at"].dt.strftime("%d-%m-%Y %H:%M"),
            "set_by": history["set_by"],
            "minimum": [_number(v, item.decimals, lang) for v in history["minimum"]],
            "ambition": [_number(v, item.decimals, lang) for v in history["ambition"]],
            "ceiling": [_number(v, item.decimals, lang) for v in history["ceiling"]],
            "target_year": [_year(v) for v in history["target_year"]],
            "baseline_year": [_year(v) for v in history["baseline_year"]],
            "rationale": history["rationale"].fillna(""),
            "source": history["source"].fillna(""),
            "retracted": [t("targets.retracted") if r else "" for r in history["retracted"]],
        }
    )
    st.dataframe(
        table,
        key="targets_history",
        hide_index=True,
        width="stretch",
        column_config={
            "version": t("targets.col_version"),
            "set_at": t("targets.col_when"),
            "set_by": t("targets.col_by"),
            "minimum": t("target.minimum"),
            "ambition": t("target.ambition"),
            "ceiling": t("targets.ceiling"),
            "target_year": t("target.target_year"),
            "baseline_year": t("targets.baseline_year"),
            "rationale": t("targets.field_rationale"),
            "source": t("targets.field_source"),
            "retracted": t("targets.col_retracted"),
        },
    )
    if not may(Permission.EDIT_TARGETS):
        return
    actor = _writing_actor()
    who = actor.name if actor else ""
    restorable = history[~history["retracted"]]
    versions = dict(
        zip(restorable["id"].astype(int), restorable["version"].astype(int), strict=True)
    )
    columns = st.columns([2, 1, 1], vertical_alignment="bottom")
    chosen = columns[0].selectbox(
        t("targets.restore_choice"),
        list(versions),
        key=RESTORE_KEY,
        format_func=lambda i: t("targets.version", n=versions[i]),
        placeholder=t("select.one"),
    )
    restore = columns[1].button(t("targets.restore"), key="target_restore", disabled=not versions)
    retract = columns[2].button(
        t("targets.retract"), key="target_retract", disabled=_current_target(region, item) is None
    )
    if (restore or retract) and not who:
        st.error(t("targets.need_by"), icon=":material/error:")
        return
    try:
        if restore and chosen is not None:
            with writer() as cursor:
                targets.restore_target_version(cursor, int(chosen), actor=actor)
            st.session_state[_FLASH] = t("targets.restored", n=versions[chosen])
        elif retract:
            with writer() as cursor:
                targets.retract_target(cursor, region.code, item.indicator, actor=actor)
            st.session_state[_FLASH] = t("targets.retracted_done")
        else:
            return
    except (BwError, ValueError, duckdb.Error) as error:  # bw.targets refuses with ValueError
        _show_refusal(error)
        return
    st.session_state.pop(_FILLED_FOR, None)  # the form shows the restored values
    st.rerun()
