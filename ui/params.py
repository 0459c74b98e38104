"""Widget choices kept in the URL (``?indicator=``, ``?niveau=``), so a shared link reproduces them.

The pattern is the region picker's: before the widget is drawn, a value from the link seeds its
session state (a new session, or a link followed inside the session); after it is drawn, the
chosen value is written back to the link. A value in the link that is not an option shows a
warning and the default, never an exception.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

import streamlit as st

from ui.markdown import md

#: URL query parameters of the monitor pages.
INDICATOR_PARAM = "indicator"
LEVEL_PARAM = "niveau"


def _synced_key(key: str) -> str:
    return f"_synced_{key}"


def requested(param: str) -> str | None:
    """The link's value of ``param``, stripped; None when absent or empty."""
    value = st.query_params.get(param)
    value = value.strip() if isinstance(value, str) else None
    return value or None


def link_changed(param: str, key: str) -> bool:
    """Whether the link holds a value for ``param`` other than the one this page last wrote."""
    value = requested(param)
    return value is not None and value != st.session_state.get(_synced_key(key))


def seed_choice(
    param: str,
    key: str,
    options: Sequence[str],
    *,
    default: str,
    invalid_message: Callable[[str], str] | None,
    quiet: Collection[str] = (),
) -> None:
    """Put the link's value (or the default) in ``st.session_state[key]`` before the widget.

    The link wins when the widget has no state yet or the link changed since this page wrote
    it; a value that is not an option shows the warning ``invalid_message(value)``
    and falls back to ``default``. Values in ``quiet`` fall back without a warning: an
    indicator of another dimension, left in the link by the page the user came from.
    """
    current = st.session_state.get(key)
    if current in options and not link_changed(param, key):
        return
    value = requested(param)
    if value is not None and value in options:
        st.session_state[key] = value
        return
    if value is not None and invalid_message and value not in quiet:
        st.warning(invalid_message(md(value)), icon=":material/warning:")  # from the link
    st.session_state[key] = current if current in options else default


def write_choice(param: str, key: str, value: str | None) -> None:
    """Keep ``?param=`` in step with the chosen value (absent when there is none)."""
    st.session_state[_synced_key(key)] = value
    if value is None:
        if param in st.query_params:
            del st.query_params[param]
    elif st.query_params.get(param) != value:
        st.query_params[param] = value
