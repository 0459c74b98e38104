"""The Beleidsopties page: a decision question for the sidebar's region with 2–4 options, their
expected effects per indicator, the options side by side (summary, grid chart with the table
behind it, minimum flags) and the effect report as HTML and CSV downloads.

The option tables are small, so they are read on every run through a cursor of the shared
connection; the region's judgements come from the cached :func:`ui.store.read_assessment`.
Writes go through :func:`ui.store.writer` as :func:`ui.auth.current_actor`.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb
import pandas as pd
import streamlit as st

from bw import export, option_figures, policy_options
from bw.auth import Permission, allows
from bw.errors import BwError
from bw.policy_options import DIMENSION_NAMES, DIMENSIONS, word
from bw.reports import effect as effect_report
from ui.auth import current_actor
from ui.format import unit_label
from ui.i18n import current_language, t
from ui.markdown import md
from ui.numbers import show_number
from ui.refusals import refusal_text
from ui.render import render_demo_caption
from ui.sidebar import RegionChoice
from ui.store import (
    is_demo,
    new_cursor,
    read_assessment,
    read_catalogue,
    read_themes,
    writer,
)
from ui.tables import render_wrapped_table

#: Widget keys.
SET_KEY = "options_set"
NEW_TITLE_KEY = "options_new_title"
NEW_QUESTION_KEY = "options_new_question"
NEW_NAME_KEYS = tuple(f"options_new_name_{i}" for i in range(1, 5))
NEW_DESCRIPTION_KEYS = tuple(f"options_new_description_{i}" for i in range(1, 5))
NEW_SUBMIT_KEY = "options_new_submit"
ADD_NAME_KEY = "options_add_name"
ADD_DESCRIPTION_KEY = "options_add_description"
ADD_SUBMIT_KEY = "options_add_submit"
EFFECT_OPTION_KEY = "options_effect_option"
EFFECT_INDICATOR_KEY = "options_effect_indicator"
EFFECT_EFFECT_KEY = "options_effect_effect"
EFFECT_SIZE_KEY = "options_effect_size"
EFFECT_CONFIDENCE_KEY = "options_effect_confidence"
EFFECT_TIMING_KEY = "options_effect_timing"
EFFECT_PLACE_KEY = "options_effect_place"
EFFECT_CHANGE_KEY = "options_effect_change"
EFFECT_NOTE_KEY = "options_effect_note"
EFFECT_SUBMIT_KEY = "options_effect_submit"
REMOVE_EFFECT_KEY = "options_remove_effect"
REMOVE_EFFECT_SUBMIT_KEY = "options_remove_effect_submit"
DOWNLOAD_HTML_KEY = "options_download_html"
DOWNLOAD_CSV_KEY = "options_download_csv"
_FLASH = "_options_flash"
#: Which option × indicator × moment × place the effect fields were last filled for.
_EFFECT_FILLED_FOR = "_options_effect_filled_for"
#: Widget values to set (or, with None, reset) at the start of the next run, before they exist.
_PENDING = "_options_pending"


def _read(function, *args, **kwargs):
    cursor = new_cursor()
    try:
        return function(cursor, *args, **kwargs)
    finally:
        cursor.close()


def error_message(error: Exception) -> str:
    """A refused write in the UI language: the bw error's code and params, else its text."""
    if isinstance(error, BwError):
        params = {k: md(v) if isinstance(v, str) else v for k, v in error.params.items()}
        if "side" in params:
            params["side"] = t(f"options.side_{params['side']}")
        if isinstance(params.get("change"), float):
            shown = f"{params['change']:g}"
            params["change"] = shown.replace(".", ",") if current_language() == "nl" else shown
        text = refusal_text(error, "options.err_", params=params)
        if text is not None:
            return text
    return t("options.save_failed", error=md(error))


def render_options_page(region: RegionChoice | None) -> None:
    """The whole page for the sidebar's region."""
    st.title(t("options.title"))
    render_demo_caption()
    st.write(t("options.intro"))
    if region is None:
        st.info(t("options.no_region"), icon=":material/info:")
        return
    for key, value in st.session_state.pop(_PENDING, {}).items():
        if value is None:
            st.session_state.pop(key, None)
        else:
            st.session_state[key] = value
    flash = st.session_state.pop(_FLASH, None)
    if flash:
        st.success(flash, icon=":material/check_circle:")
    may_edit = allows(current_actor(), Permission.EDIT_POLICY_OPTIONS)
    sets = _read(policy_options.read_option_sets, region.code)
    chosen = None
    if sets:
        by_id = {s.id: s for s in sets}
        if st.session_state.get(SET_KEY) not in by_id:
            st.session_state.pop(SET_KEY, None)
        set_id = st.selectbox(
            t("options.choose_set"),
            list(by_id),
            key=SET_KEY,
            format_func=lambda i: by_id[i].title,
            placeholder=t("select.one"),
        )
        chosen = _read(policy_options.read_option_set, set_id)
    else:
        st.info(t("options.no_sets", region=md(region.label)), icon=":material/info:")
    if may_edit:
        _render_new_set_form(region, expanded=not sets)
    else:
        st.caption(t("options.read_only"))
    if chosen is None:
        return
    lang = current_language()
    _render_set_head(chosen, lang)
    comparison_tab, edit_tab = st.tabs([t("options.tab_compare"), t("options.tab_edit")])
    with comparison_tab:
        _render_comparison(chosen, lang)
    with edit_tab:
        if not may_edit:
            st.info(t("options.read_only"), icon=":material/lock:")
        else:
            _render_add_option_form(chosen)
            _render_effect_form(chosen, lang)
            _render_remove_effect_form(chosen, lang)
        _render_history(chosen)


def _render_set_head(option_set: policy_options.OptionSet, lang: str) -> None:
    st.subheader(md(option_set.title))
    if option_set.question:
        st.markdown(f"**{t('options.question')}:** {md(option_set.question)}")
    for option in option_set.options:
        extra = f" — {md(option.description)}" if option.description else ""
        st.markdown(f"{option.position}. **{md(option.name)}**{extra}")
    when = option_set.updated_at.strftime("%d-%m-%Y %H:%M" if lang == "nl" else "%Y-%m-%d %H:%M")
    st.caption(t("options.changed", who=md(option_set.updated_by), when=when))


def _render_comparison(option_set: policy_options.OptionSet, lang: str) -> None:
    table = _read(policy_options.compare, option_set.id, assess=read_assessment, lang=lang)
    if len(option_set.options) < policy_options.MIN_OPTIONS:
        st.warning(t("options.too_few_to_compare"), icon=":material/warning:")
    if table.empty:
        st.info(t("options.no_effects"), icon=":material/info:")
    else:
        lines = effect_report.flag_lines(table, lang=lang)
        for line in lines:
            st.warning(md(line), icon=":material/warning:")  # names options and indicators
        if not lines:
            st.success(t("options.no_flags"), icon=":material/check_circle:")
        st.markdown(f"#### {t('options.summary')}")
        # Few rows, long headers and cells: a table that wraps them (ui/tables.py).
        render_wrapped_table(_summary_frame(table, option_set, lang), alt=t("options.summary"))
        st.markdown(f"#### {t('options.grid')}")
        st.plotly_chart(
            option_figures.figure_option_grid(table, option_set, lang=lang), key="options_grid"
        )
        wide = effect_report.side_by_side(table, option_set, lang=lang)
        for dim in DIMENSIONS:
            part = wide[wide["dimension"] == dim].drop(columns=["dimension"])
            st.markdown(f"**{DIMENSION_NAMES[lang][dim]}**")
            if part.empty:
                st.caption(t("options.none_in_dimension"))
            else:
                render_wrapped_table(
                    part, alt=t("options.side_by_side_alt", dimension=DIMENSION_NAMES[lang][dim])
                )
    with st.expander(t("options.how_title")):
        st.markdown(t("options.how_body"))
    html, flat = _read(
        lambda cur: effect_report.build_effect_report(
            cur,
            option_set.id,
            lang=lang,
            demo=is_demo(),
            made_by=current_actor().name,
            assess=read_assessment,
        )
    )
    left, right = st.columns(2)
    left.download_button(
        t("options.download_html"),
        html.encode("utf-8"),
        file_name=f"effectrapport-{option_set.id}.html",
        mime="text/html",
        key=DOWNLOAD_HTML_KEY,
    )
    right.download_button(
        t("options.download_csv"),
        export.to_csv_bytes(flat, lang=lang),
        file_name=f"effectrapport-{option_set.id}.csv",
        mime="text/csv",
        key=DOWNLOAD_CSV_KEY,
    )


def _summary_frame(table: pd.DataFrame, option_set, lang: str) -> pd.DataFrame:
    summary = policy_options.summarise(table, option_set)
    frame = pd.DataFrame({t("options.col_option"): summary["option"]})
    for dim in DIMENSIONS:
        name = DIMENSION_NAMES[lang][dim]
        frame[f"{name}: {word('beter', lang=lang)}"] = summary[f"better_{dim}"]
        frame[f"{name}: {word('slechter', lang=lang)}"] = summary[f"worse_{dim}"]
    frame[t("options.col_flags")] = summary["flags"]
    frame[t("options.col_notes")] = summary["notes"]
    return frame


def _render_new_set_form(region: RegionChoice, *, expanded: bool) -> None:
    with st.expander(t("options.new_set"), expanded=expanded), st.form("options_new_form"):
        title = st.text_input(t("options.set_title"), key=NEW_TITLE_KEY)
        question = st.text_area(t("options.set_question"), key=NEW_QUESTION_KEY)
        st.caption(t("options.new_options_help"))
        entries = []
        for i, (name_key, description_key) in enumerate(
            zip(NEW_NAME_KEYS, NEW_DESCRIPTION_KEYS, strict=True), 1
        ):
            left, right = st.columns([1, 2])
            name = left.text_input(t("options.option_name_n", n=i), key=name_key)
            description = right.text_input(
                t("options.option_description_n", n=i), key=description_key
            )
            entries.append((name, description))
        if not st.form_submit_button(t("options.create"), key=NEW_SUBMIT_KEY):
            return
        if not title.strip():
            st.error(t("options.err_title_required"), icon=":material/error:")
            return
        nameless = [i for i, (n, d) in enumerate(entries, 1) if d.strip() and not n.strip()]
        if nameless:
            st.error(
                t("options.err_description_without_name", n=nameless[0]), icon=":material/error:"
            )
            return
        options = [(n, d) for n, d in entries if n.strip()]
        if len(options) < policy_options.MIN_OPTIONS:
            st.error(
                t(
                    "options.err_too_few_options",
                    n=len(options),
                    minimum=policy_options.MIN_OPTIONS,
                ),
                icon=":material/error:",
            )
            return
        _write(
            lambda cur: policy_options.create_option_set(
                cur,
                region_code=region.code,
                title=title,
                question=question,
                options=options,
                actor=current_actor(),
            ),
            t("options.created", title=md(title.strip())),
            pending=lambda new_id: {
                **dict.fromkeys(
                    (NEW_TITLE_KEY, NEW_QUESTION_KEY, *NEW_NAME_KEYS, *NEW_DESCRIPTION_KEYS)
                ),
                SET_KEY: new_id,
            },
        )


def _render_add_option_form(option_set: policy_options.OptionSet) -> None:
    with st.form("options_add_form"):
        st.markdown(f"**{t('options.add_option')}**")
        st.caption(
            t(
                "options.add_option_help",
                n=len(option_set.options),
                maximum=policy_options.MAX_OPTIONS,
            )
        )
        name = st.text_input(t("options.option_name"), key=ADD_NAME_KEY)
        description = st.text_input(t("options.option_description"), key=ADD_DESCRIPTION_KEY)
        if not st.form_submit_button(t("options.add_option_submit"), key=ADD_SUBMIT_KEY):
            return
        _write(
            lambda cur: policy_options.add_option(
                cur, option_set.id, name=name, description=description, actor=current_actor()
            ),
            t("options.option_added", name=md(name.strip())),
            pending=lambda _: dict.fromkeys((ADD_NAME_KEY, ADD_DESCRIPTION_KEY)),
        )


def indicator_choices(lang: str) -> dict[str, str]:
    """Indicator id → 'Dimension · Theme · Name (unit)', in dimension and theme order."""
    catalogue = read_catalogue()
    themes = read_themes()
    theme_names = dict(
        zip(themes["theme_id"], themes["name_en" if lang == "en" else "name_nl"], strict=True)
    )
    order = {theme: i for i, theme in enumerate(themes["theme_id"])}
    catalogue = catalogue[catalogue["theme_ids"].map(len) > 0].copy()
    catalogue["_order"] = catalogue["theme_ids"].map(lambda ids: order.get(ids[0], 999))
    name_column = "name_en" if lang == "en" else "name_nl"
    choices = {}
    for row in catalogue.sort_values(["_order", name_column]).itertuples(index=False):
        dim = DIMENSION_NAMES[lang][row.dimensions[0]]
        theme = theme_names.get(row.theme_ids[0], row.theme_ids[0])
        choices[row.indicator_id] = (
            f"{dim} · {theme} · {getattr(row, name_column)} ({unit_label(row.unit)})"
        )
    return choices


def _radio(label: str, values, key: str, lang: str, *, confidence: bool = False) -> str:
    return st.radio(
        label,
        [str(v) for v in values],
        key=key,
        horizontal=True,
        format_func=lambda v: word(v, lang=lang, confidence=confidence),
    )


def stored_effect(
    option_set: policy_options.OptionSet,
    option_id: object,
    indicator_id: object,
    timing: object,
    place: object,
) -> policy_options.ExpectedEffect | None:
    """The effect the set holds for this option, indicator, moment and place, if any."""
    for option in option_set.options:
        for effect in option.effects if option.id == option_id else ():
            if (effect.indicator_id, str(effect.timing), str(effect.place)) == (
                indicator_id,
                str(timing),
                str(place),
            ):
                return effect
    return None


def _fill_effect_fields(option_set: policy_options.OptionSet) -> None:
    """Put a stored effect into the fields when its option × indicator × moment × place is
    chosen, so that saving it again never replaces what the form did not show.

    Runs before the fields are drawn: the choices of this run are already in session state.
    """
    state = st.session_state
    first = option_set.options[0].id if option_set.options else None
    chosen = (
        state.get(EFFECT_OPTION_KEY, first),
        state.get(EFFECT_INDICATOR_KEY),
        state.get(EFFECT_TIMING_KEY, str(next(iter(policy_options.Timing)))),
        state.get(EFFECT_PLACE_KEY, str(next(iter(policy_options.Place)))),
    )
    if state.get(_EFFECT_FILLED_FOR) == chosen:
        return
    state[_EFFECT_FILLED_FOR] = chosen
    effect = stored_effect(option_set, *chosen)
    if effect is None:
        return
    state[EFFECT_EFFECT_KEY] = str(effect.effect)
    state[EFFECT_SIZE_KEY] = str(effect.size)
    state[EFFECT_CONFIDENCE_KEY] = str(effect.confidence)
    state[EFFECT_CHANGE_KEY] = show_number(effect.expected_change)
    state[EFFECT_NOTE_KEY] = effect.note or ""


def _unchanged(stored: policy_options.ExpectedEffect | None, **fields: object) -> bool:
    """Whether saving these field values would write the stored effect again as it is."""
    if stored is None:
        return False
    try:
        change = policy_options.parse_change(fields["change"])
    except policy_options.PolicyOptionsError:
        return False  # set_effect refuses it with its own message
    note = str(fields["note"] or "").strip() or None
    return (
        str(stored.effect),
        str(stored.size),
        str(stored.confidence),
        stored.expected_change,
        stored.note or None,
    ) == (fields["effect"], fields["size"], fields["confidence"], change, note)


def _render_effect_form(option_set: policy_options.OptionSet, lang: str) -> None:
    # Not an st.form: the expected change's label shows the chosen indicator's unit at once.
    st.markdown(f"**{t('options.effect_title')}**")
    st.caption(t("options.effect_help"))
    options = {o.id: o for o in option_set.options}
    if st.session_state.get(EFFECT_OPTION_KEY) not in options:  # left from another set
        st.session_state.pop(EFFECT_OPTION_KEY, None)
    _fill_effect_fields(option_set)
    option_id = st.selectbox(
        t("options.effect_option"),
        list(options),
        key=EFFECT_OPTION_KEY,
        format_func=lambda i: options[i].name,
        placeholder=t("select.one"),
    )
    choices = indicator_choices(lang)
    indicator_id = st.selectbox(
        t("options.effect_indicator"),
        list(choices),
        index=None,
        key=EFFECT_INDICATOR_KEY,
        format_func=choices.get,
        placeholder=t("options.effect_indicator_placeholder"),
    )
    left, right = st.columns(2)
    with left:
        effect = _radio(t("options.effect_effect"), policy_options.Effect, EFFECT_EFFECT_KEY, lang)
        size = _radio(t("options.effect_size"), policy_options.Size, EFFECT_SIZE_KEY, lang)
        confidence = _radio(
            t("options.effect_confidence"),
            policy_options.Confidence,
            EFFECT_CONFIDENCE_KEY,
            lang,
            confidence=True,
        )
    with right:
        timing = _radio(t("options.effect_timing"), policy_options.Timing, EFFECT_TIMING_KEY, lang)
        place = _radio(t("options.effect_place"), policy_options.Place, EFFECT_PLACE_KEY, lang)
    unit = ""
    if indicator_id is not None:
        catalogue = read_catalogue().set_index("indicator_id")
        unit = unit_label(str(catalogue.loc[indicator_id, "unit"]))
    change = st.text_input(
        t("options.effect_change", unit=md(unit or "–")),
        key=EFFECT_CHANGE_KEY,
        help=t("options.effect_change_help"),
    )
    note = st.text_input(t("options.effect_note"), key=EFFECT_NOTE_KEY)
    if not st.button(t("options.effect_submit"), key=EFFECT_SUBMIT_KEY, type="primary"):
        return
    if indicator_id is None:
        st.error(t("options.err_indicator_required"), icon=":material/error:")
        return
    if _unchanged(
        stored_effect(option_set, option_id, indicator_id, timing, place),
        effect=effect,
        size=size,
        confidence=confidence,
        change=change,
        note=note,
    ):
        st.info(t("form.unchanged"), icon=":material/info:")
        return
    _write(
        lambda cur: policy_options.set_effect(
            cur,
            option_id,
            indicator_id=indicator_id,
            effect=effect,
            size=size,
            confidence=confidence,
            timing=timing,
            place=place,
            expected_change=change,
            note=note,
            actor=current_actor(),
        ),
        t(
            "options.effect_saved",
            option=md(options[option_id].name),
            indicator=md(choices[indicator_id]),
        ),
        pending=lambda _: dict.fromkeys((EFFECT_CHANGE_KEY, EFFECT_NOTE_KEY, EFFECT_INDICATOR_KEY)),
    )


def _render_remove_effect_form(option_set: policy_options.OptionSet, lang: str) -> None:
    effects = {e.id: (o, e) for o in option_set.options for e in o.effects}
    if not effects:
        return
    choices = indicator_choices(lang)
    if st.session_state.get(REMOVE_EFFECT_KEY) not in effects:  # left from another set
        st.session_state.pop(REMOVE_EFFECT_KEY, None)
    with st.expander(t("options.remove_effect")), st.form("options_remove_effect_form"):
        effect_id = st.selectbox(
            t("options.remove_effect_choice"),
            list(effects),
            key=REMOVE_EFFECT_KEY,
            format_func=lambda i: (
                f"{effects[i][0].name} — "
                f"{choices.get(effects[i][1].indicator_id, '?')} "
                f"({word(effects[i][1].timing, lang=lang)}, "
                f"{word(effects[i][1].place, lang=lang)})"
            ),
            placeholder=t("select.one"),
        )
        if st.form_submit_button(t("options.remove_effect_submit"), key=REMOVE_EFFECT_SUBMIT_KEY):
            _write(
                lambda cur: policy_options.remove_effect(cur, effect_id, actor=current_actor()),
                t("options.effect_removed"),
            )


#: Columns of the effect history as shown (each with a label ``options.hcol_<column>``).
HISTORY_COLUMNS = (
    "replaced_at",
    "change",
    "option",
    "indicator",
    "effect",
    "size",
    "confidence",
    "timing",
    "place",
    "expected_change",
    "note",
    "updated_by",
    "replaced_by",
)


def history_frame(
    history: pd.DataFrame, option_set: policy_options.OptionSet, lang: str
) -> pd.DataFrame:
    """The effect history for people: names and words instead of ids and codes."""
    options = {o.id: o.name for o in option_set.options}
    names = indicator_choices(lang)
    pattern = "%d-%m-%Y %H:%M" if lang == "nl" else "%Y-%m-%d %H:%M"
    frame = pd.DataFrame(
        {
            "replaced_at": history["replaced_at"].dt.strftime(pattern),
            "change": [t(f"options.history_change.{c}") for c in history["change"]],
            "option": [
                options.get(i, t("options.history_removed_option")) for i in history["option_id"]
            ],
            "indicator": [names.get(i, i) for i in history["indicator_id"]],
            "effect": [word(v, lang=lang) for v in history["effect"]],
            "size": [word(v, lang=lang) for v in history["size"]],
            "confidence": [word(v, lang=lang, confidence=True) for v in history["confidence"]],
            "timing": [word(v, lang=lang) for v in history["timing"]],
            "place": [word(v, lang=lang) for v in history["place"]],
            "expected_change": [show_number(v) or "–" for v in history["expected_change"]],
            "note": history["note"].fillna(""),
            "updated_by": history["updated_by"],
            "replaced_by": history["replaced_by"],
        }
    )
    return frame.loc[:, list(HISTORY_COLUMNS)]


def _render_history(option_set: policy_options.OptionSet) -> None:
    history = _read(policy_options.read_effect_history, option_set.id)
    with st.expander(t("options.history", n=len(history))):
        if history.empty:
            st.caption(t("options.history_none"))
        else:
            st.dataframe(
                history_frame(history, option_set, current_language()),
                hide_index=True,
                width="stretch",
                column_config={
                    column: st.column_config.TextColumn(t(f"options.hcol_{column}"))
                    for column in HISTORY_COLUMNS
                },
            )


def _write(
    action: Callable[[duckdb.DuckDBPyConnection], object],
    message: str,
    *,
    pending: Callable[[object], dict[str, object]] | None = None,
) -> None:
    """Run ``action`` in one transaction; on success flash ``message``, set the widget values
    ``pending(result)`` gives for the next run and rerun; on an error say why, nothing saved."""
    try:
        with writer() as cursor:
            result = action(cursor)
    except (BwError, duckdb.Error) as error:
        st.error(error_message(error), icon=":material/error:")
        return
    st.session_state[_FLASH] = message
    if pending is not None:
        st.session_state[_PENDING] = pending(result)
    st.rerun()
