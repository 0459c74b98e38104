"""UI strings in Dutch (default) and English, and the current language.

The language lives in ``st.session_state["lang"]`` (the key of the language switch in the
sidebar) and in the URL as ``?lang=en``, so a shared link opens in the same language.
Every string the app shows goes through :func:`t`. The strings are gettext catalogues a
translator edits with any ``.po`` editor: ``ui/locale/<lang>/LC_MESSAGES/bw.po``, whose
msgids are the keys the code asks for (``issue.bad_decimals``) and whose msgstrs are the
texts. tests/app/test_i18n.py keeps both catalogues in step.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from babel.messages.pofile import read_po

#: Languages the UI speaks, the default first.
LANGUAGES: tuple[str, ...] = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
#: Session-state key (and widget key) of the language, and its URL query parameter.
LANG_KEY = "lang"
LANG_PARAM = "lang"

#: The name of each language, in that language, for the switch.
LANGUAGE_NAMES: dict[str, str] = {"nl": "Nederlands", "en": "English"}

#: Where the catalogues live: ``<lang>/LC_MESSAGES/bw.po``.
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
#: The gettext domain, the catalogues' file name.
DOMAIN = "bw"


def catalogue_path(lang: str) -> Path:
    """The ``.po`` file holding the UI strings of ``lang``."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(lang: str) -> dict[str, str]:
    """Every key of ``lang``'s catalogue with its text, in the file's order.

    Read from the ``.po`` itself rather than a compiled ``.mo``: there is no build step a
    translator could forget, and both catalogues load in a few hundredths of a second, once
    per process. An entry without a text is left out, so a test reports the key as missing.
    """
    with catalogue_path(lang).open("rb") as po:
        catalogue = read_po(po, locale=lang, domain=DOMAIN)
    return {message.id: message.string for message in catalogue if message.id and message.string}


#: Every UI string per language.
STRINGS: dict[str, dict[str, str]] = {lang: read_catalogue(lang) for lang in LANGUAGES}


def current_language() -> str:
    """The language of this session: the switch's value, else ``?lang=``, else Dutch.

    The first call in a session copies a valid ``?lang=`` into session state, so the language
    switch (``key="lang"``) starts on the language of the link.
    """
    lang = st.session_state.get(LANG_KEY)
    if lang in LANGUAGES:
        return lang
    requested = st.query_params.get(LANG_PARAM)
    lang = requested if requested in LANGUAGES else DEFAULT_LANGUAGE
    st.session_state[LANG_KEY] = lang
    return lang


def t(key: str, **fmt: object) -> str:
    """The UI string ``key`` in the current language, with ``{placeholders}`` filled in."""
    text = STRINGS[current_language()][key]
    return text.format(**fmt) if fmt else text


def sync_language_param() -> None:
    """Keep ``?lang=`` in the URL in step with the chosen language (absent for Dutch)."""
    lang = current_language()
    if lang == DEFAULT_LANGUAGE:
        if LANG_PARAM in st.query_params:
            del st.query_params[LANG_PARAM]
    elif st.query_params.get(LANG_PARAM) != lang:
        st.query_params[LANG_PARAM] = lang
