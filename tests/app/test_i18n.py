"""Both UI catalogues have the same keys, none empty or repeated, with the same placeholders."""

import ast
import re
import string
from collections import Counter
from pathlib import Path

import pytest

from ui import i18n
from ui.i18n import DEFAULT_LANGUAGE, LANGUAGES, STRINGS, catalogue_path

ROOT = Path(__file__).resolve().parents[2]


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def test_default_language_is_dutch_and_both_languages_exist():
    assert DEFAULT_LANGUAGE == "nl"
    assert set(LANGUAGES) == set(STRINGS) == {"nl", "en"}


def test_languages_have_the_same_keys():
    nl, en = set(STRINGS["nl"]), set(STRINGS["en"])
    assert sorted(nl - en) == [], "keys missing in English"
    assert sorted(en - nl) == [], "keys missing in Dutch"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_empty_strings(lang):
    assert [key for key, text in STRINGS[lang].items() if not text.strip()] == []


def test_placeholders_match_between_languages():
    differing = {
        key: (_placeholders(text), _placeholders(STRINGS["en"][key]))
        for key, text in STRINGS["nl"].items()
        if _placeholders(text) != _placeholders(STRINGS["en"][key])
    }
    assert differing == {}


def _literal_keys(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "t"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    }


def test_every_literal_key_used_in_the_ui_exists():
    sources = [ROOT / "app.py", *sorted((ROOT / "app_pages").glob("*.py"))]
    sources += sorted((ROOT / "ui").glob("*.py"))
    used = set().union(*(_literal_keys(path) for path in sources))
    assert used, "no t('…') calls found"
    assert sorted(used - set(STRINGS["nl"])) == []


def test_domain_words_are_dutch_in_the_dutch_ui():
    dutch = " ".join(STRINGS["nl"].values()).lower()
    for word in ("streefwaarde", "opgaven", "indicatorenplan", "hier en nu", "later", "elders"):
        assert word in dutch


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_defines_each_key_once_and_names_its_language(lang):
    # Babel merges a repeated msgid into the first one silently; a translator's copy-paste
    # would then lose a text without a word, so count the msgids in the file itself.
    text = catalogue_path(lang).read_text(encoding="utf-8")
    ids = re.findall(r'^msgid "(.+)"$', text, flags=re.MULTILINE)
    assert sorted(key for key, n in Counter(ids).items() if n > 1) == []
    assert len(ids) == len(STRINGS[lang])
    assert f'"Language: {lang}\\n"' in text


def test_an_edited_catalogue_is_what_the_ui_shows(tmp_path, monkeypatch):
    po = tmp_path / "nl" / "LC_MESSAGES" / "bw.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: nl\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        '#. a translator\'s comment\nmsgid "app.title"\nmsgstr "Brede welvaart, vertaald"\n\n'
        'msgid "store.open_failed"\nmsgstr ""\n"De database {path} kan niet "\n"open: {error}"\n\n'
        'msgid "nav.later"\nmsgstr ""\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    assert i18n.read_catalogue("nl") == {
        "app.title": "Brede welvaart, vertaald",
        "store.open_failed": "De database {path} kan niet open: {error}",
    }  # an untranslated entry is left out, so test_languages_have_the_same_keys names it
