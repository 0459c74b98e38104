"""Tests for bw.labels: every judgement class has an icon and a word in both languages."""

from __future__ import annotations

import pytest

from bw.labels import LABELS, STATUS_LABELS, TREND_LABELS, label
from bw.model import Quartile

EXPECTED_CLASSES = {
    "status": {
        "below_minimum",
        "above_minimum",
        "ambition_reached",
        "above_ceiling",
        "no_target",
        "no_data",
    },
    "trend": {"improving", "worsening", "stable", "rising", "falling", "insufficient_data"},
    "progress": {
        "on_track",
        "acceleration_needed",
        "limited_progress",
        "moving_away",
        "target_reached",
        "insufficient_data",
    },
    "comparison": {"better", "comparable", "worse", "higher", "lower"},
    "quartile": {
        "best_quartile",
        "middle",
        "worst_quartile",
        "highest_quartile",
        "lowest_quartile",
    },
}


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("kind", sorted(EXPECTED_CLASSES))
def test_label_covers_every_class_of_every_kind(kind, lang):
    assert set(LABELS[kind][lang]) == EXPECTED_CLASSES[kind]
    texts = []
    for cls in EXPECTED_CLASSES[kind]:
        text = label(kind, cls, lang=lang)
        icon, _, word = text.partition(" ")
        assert len(icon) == 1 and not icon.isalnum()  # one symbol, never colour alone
        assert word and word == LABELS[kind][lang][cls].word
        texts.append(text)
    assert len(set(texts)) == len(texts)
    assert len({text.split(" ")[0] for text in texts}) == len(texts)  # icons differ too


@pytest.mark.parametrize(
    ("kind", "cls", "lang", "expected"),
    [
        ("status", "below_minimum", "nl", "onder minimum"),
        ("status", "ambition_reached", "en", "ambition reached"),
        ("trend", "worsening", "nl", "verslechtert"),
        ("trend", "insufficient_data", "nl", "te weinig gegevens"),
        ("progress", "moving_away", "nl", "beweegt weg van doel"),
        ("progress", "acceleration_needed", "en", "acceleration needed"),
        ("comparison", "comparable", "nl", "vergelijkbaar"),
        ("quartile", "middle", "nl", "middengroep"),
        ("quartile", Quartile.WORST, "en", "worst quartile"),
        ("quartile", Quartile.HIGHEST, "nl", "hoogste kwart"),
        ("quartile", Quartile.LOWEST, "en", "lowest quartile"),
    ],
)
def test_label_words(kind, cls, lang, expected):
    assert label(kind, cls, lang=lang).endswith(" " + expected)


def test_every_quartile_class_has_a_label():
    assert set(LABELS["quartile"]["nl"]) == {str(q) for q in Quartile}


def test_dutch_and_english_words_differ_where_the_languages_do():
    assert STATUS_LABELS["nl"]["no_data"].word == "geen gegevens"
    assert STATUS_LABELS["en"]["no_data"].word == "no data"
    assert TREND_LABELS["nl"]["stable"].icon == TREND_LABELS["en"]["stable"].icon


@pytest.mark.parametrize(
    ("kind", "cls", "lang"),
    [("status", "great", "nl"), ("mood", "stable", "nl"), ("trend", "stable", "de")],
)
def test_label_refuses_unknown_input(kind, cls, lang):
    with pytest.raises(ValueError):
        label(kind, cls, lang=lang)
