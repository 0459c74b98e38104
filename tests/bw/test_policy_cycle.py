"""The policy cycle content: complete against the seed document, and in our own words.

The seed ("Sturen op Impact") lives outside the repository, in ``../shared/seed``; the tests that
read it skip when it is absent, unless ``BW_REAL_DATA_REQUIRED=1`` (then they fail).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bw import config, policy_cycle
from bw.data_files import DataFileError
from bw.policy_cycle import LEVEL_IDS, PHASE_IDS, PHASES, Text

SEED = config.real_data_dir().parent.parent / "seed" / "sturen-op-impact.txt"
#: Length of a run of words that counts as copied.
COPY_WORDS = 8

SOURCE_PHASES = {
    "Agendering": "agendering",
    "Beleidsvoorbereiding": "beleidsvoorbereiding",
    "Beleidsvorming": "beleidsvorming",
    "Beleidsbeslissing": "beleidsbeslissing",
    "Beleidsuitvoering": "beleidsuitvoering",
    "Beleidsevaluatie": "beleidsevaluatie",
}
SOURCE_LEVELS = {
    "Gemeenten": "gemeenten",
    "Provincies": "provincies",
    "Rijk": "rijk",
    "Regio Deal": "regio_deal",
    "Nationaal Programma": "nationaal_programma",
}
#: Page footers repeated between the stakeholder lists (not stakeholders).
FOOTERS = ("Welke belanghebbenden", "impact gedurende", "Een eerste inzicht")


@pytest.fixture(scope="module")
def seed_text() -> str:
    if not SEED.exists():
        if config.real_data_required():
            pytest.fail(f"seed document missing: {SEED}")
        pytest.skip(f"seed document not available: {SEED}")
    return SEED.read_text(encoding="utf-8")


def _norm_name(name: str) -> str:
    return " ".join(name.split()).casefold()


def parse_stakeholders(text: str) -> dict[tuple[str, str], list[str]]:
    """The seed's stakeholder lists as {(phase id, level id): [names]}.

    A bullet may wrap over several lines (sometimes with blank lines between); a wrapped line
    that ends in a space continues with a space, one that ends mid-word (``onderzoeks``)
    continues without.
    """
    start = text.index("GEHELE BELEIDSCYCLUS?")
    end = text.index("Overige leerpunten")
    lists: dict[tuple[str, str], list[str]] = {}
    phase = level = None
    current: list[str] | None = None  # the bullet being read, as raw pieces
    for raw in text[start:end].split("\n")[1:]:
        line = raw.strip()
        header = line.rstrip(":").strip()
        if line in SOURCE_PHASES:
            phase, level, current = SOURCE_PHASES[line], None, None
        elif line.endswith(":") and header in SOURCE_LEVELS:
            level, current = SOURCE_LEVELS[header], None
            lists.setdefault((phase, level), [])
        elif line.startswith("•"):
            content = raw.split("•", 1)[1].lstrip("\t\ufffd ")
            current = None
            if content.strip():
                current = [content]
                lists[(phase, level)].append(current)  # type: ignore[arg-type]
        elif line.startswith(FOOTERS):
            current = None
        elif line and current is not None:
            current.append(raw.lstrip())
    joined = {}
    for key, bullets in lists.items():
        names = []
        for pieces in bullets:  # type: ignore[assignment]
            name = pieces[0]
            for piece in pieces[1:]:
                name = name + piece if not name.endswith((" ", "\t")) else name + " " + piece
            names.append(_norm_name(name))
        joined[key] = names
    return joined


def test_six_phases_in_the_order_of_the_cycle():
    assert tuple(SOURCE_PHASES.values()) == PHASE_IDS
    assert [phase.name.nl for phase in PHASES] == list(SOURCE_PHASES)
    assert tuple(SOURCE_LEVELS.values()) == LEVEL_IDS


def test_the_parser_reads_the_seeds_lists(seed_text):
    lists = parse_stakeholders(seed_text)
    assert lists[("agendering", "gemeenten")] == [
        "gemeenteraad",
        "college van burgemeester en wethouders",
    ]
    assert "lokaal ingebedde onderzoeksinstellingen" in lists[("beleidsevaluatie", "regio_deal")]
    assert ("beleidsvoorbereiding", "rijk") not in lists  # the source lists none there
    assert sum(len(names) for names in lists.values()) >= 60


def test_every_stakeholder_of_the_source_per_phase_and_level(seed_text):
    source = parse_stakeholders(seed_text)
    module = {
        (phase.id, level): [_norm_name(name.nl) for name in phase.stakeholders_at(level)]
        for phase in PHASES
        for level in LEVEL_IDS
        if phase.stakeholders_at(level)
    }
    assert module == source


@pytest.mark.parametrize("phase", PHASES, ids=lambda phase: phase.id)
def test_every_phase_has_content_in_both_languages(phase):
    assert phase.purpose.nl and phase.purpose.en
    assert phase.tips and phase.examples and phase.questions and phase.supports
    for text in (*phase.tips, *phase.examples, *phase.questions):
        assert text.nl.strip() and text.en.strip() and text.nl != text.en
    for group in phase.stakeholders:
        assert group.level in LEVEL_IDS
        assert all(name.nl.strip() and name.en.strip() for name in group.names)


@pytest.mark.parametrize(
    ("phase_id", "pages"),
    [
        ("agendering", ["app_pages/overzicht.py", "app_pages/vergelijken.py"]),
        ("beleidsvoorbereiding", ["app_pages/beleidsopties.py"]),
        (
            "beleidsvorming",
            ["app_pages/streefwaarden.py", "app_pages/streefwaarden.py", "app_pages/workshop.py"],
        ),
        ("beleidsbeslissing", ["app_pages/beleidsopties.py"]),
        (
            "beleidsuitvoering",
            [
                "app_pages/overzicht.py",
                "app_pages/hier_en_nu.py",
                "app_pages/later.py",
                "app_pages/elders.py",
            ],
        ),
        ("beleidsevaluatie", ["app_pages/streefwaarden.py"]),
    ],
)
def test_each_phase_points_to_the_part_of_the_product_that_supports_it(phase_id, pages):
    supports = policy_cycle.phase(phase_id).supports
    assert [support.page for support in supports] == pages
    root = Path(__file__).resolve().parents[2]
    assert all((root / page).exists() for page in pages if page)


def test_the_crucial_roles_and_the_lessons():
    assert [role.id for role in policy_cycle.ROLES] == [
        "griffier",
        "controllers_juristen",
        "secretarissen",
    ]
    names = " ".join(role.name.nl for role in policy_cycle.ROLES)
    for word in (
        "Griffier",
        "Controllers",
        "juristen",
        "Gemeentesecretaris",
        "provinciesecretaris",
        "secretaris-generaal",
    ):
        assert word in names
    lessons = " ".join(lesson.text.nl for lesson in policy_cycle.LESSONS).lower()
    for word in (
        "stap voor stap",
        "beleidskompas",
        "politiek",
        "beleidstheorie",
        "meten en monitoren",
        "factsheets",
        "cursussen",
        "na het besluit",
    ):
        assert word in lessons


def test_the_cycle_wraps_around():
    assert policy_cycle.next_phase("beleidsevaluatie").id == "agendering"
    assert policy_cycle.previous_phase("agendering").id == "beleidsevaluatie"
    assert policy_cycle.next_phase("agendering").id == "beleidsvoorbereiding"


def test_stakeholder_rows_per_language():
    nl, en = policy_cycle.stakeholder_rows("nl"), policy_cycle.stakeholder_rows("en")
    assert len(nl) == len(en) == sum(len(g.names) for p in PHASES for g in p.stakeholders)
    assert {row["level_id"] for row in nl} == set(LEVEL_IDS)
    assert nl[0]["phase"] == "Agendering" and en[0]["phase"] == "Agenda setting"


def test_the_credit_names_the_source():
    credit = policy_cycle.SOURCE_CREDIT
    assert "Sturen op Impact" in credit.nl and "Sturen op Impact" in credit.en
    assert "Nationaal Netwerk Brede Welvaart" in credit.nl


# ---------------------------------------------------------------- in our own words


def _words(text: str) -> list[str]:
    """Lower-case words without punctuation; line-broken words of the seed are rejoined."""
    text = re.sub(r"(?<=\w)-[ \t]*\n\s*(?=[^\W\d_])", "", text)  # verant-\nwoording
    text = re.sub(r"(?<=[^\W\d_])\n(?=[a-zà-ÿ])", "", text)  # beleids\ncyclus
    return re.findall(r"\w+", text.casefold())


def _ngrams(words: list[str], n: int = COPY_WORDS) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def _own_words_texts() -> list[tuple[str, Text]]:
    """Every text we wrote ourselves (names of stakeholders, and the credit, are citations)."""
    texts: list[tuple[str, Text]] = []
    for phase in PHASES:
        texts.append((f"{phase.id}.purpose", phase.purpose))
        for kind in ("tips", "examples", "questions"):
            texts += [
                (f"{phase.id}.{kind}[{i}]", text) for i, text in enumerate(getattr(phase, kind))
            ]
        for i, support in enumerate(phase.supports):
            texts += [
                (f"{phase.id}.supports[{i}].label", support.label),
                (f"{phase.id}.supports[{i}].how", support.how),
            ]
    texts += [(f"roles.{role.id}", role.what) for role in policy_cycle.ROLES]
    texts += [(f"lessons.{lesson.id}", lesson.text) for lesson in policy_cycle.LESSONS]
    texts.append(("RIJK_PREPARATION_NOTE", policy_cycle.RIJK_PREPARATION_NOTE))
    return texts


def test_the_own_words_check_catches_a_copied_sentence(seed_text):
    copied = "Gefundeerde aannames en een solide beleidstheorie zijn daarom essentieel."
    shuffled = "Een solide beleidstheorie en gefundeerde aannames zijn daarom essentieel."
    source = _ngrams(_words(seed_text))
    assert _ngrams(_words("Kortom: " + copied)) & source
    assert not _ngrams(_words(shuffled)) & source
    # a sentence broken over lines and hyphenated in the seed still counts as copied
    assert (
        _ngrams(_words("Leg tweemaal jaarlijks verantwoording af over voortgang in de P&C"))
        & source
    )


def test_no_run_of_eight_words_is_copied_from_the_source(seed_text):
    source = _ngrams(_words(seed_text))
    copied = {
        where: [" ".join(gram) for gram in sorted(_ngrams(_words(text.nl)) & source)]
        for where, text in _own_words_texts()
    }
    assert {where: grams for where, grams in copied.items() if grams} == {}


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (
            lambda text: text.replace('en = "Agenda setting"', 'eng = "Agenda setting"', 1),
            r"phases\[0\]\.name",
        ),
        (lambda text: text.replace('level = "rijk"', 'level = "rijkje"', 1), "rijkje"),
        (lambda text: text.replace("[[phases.tips]]", "[[phases.tip]]", 1), "tip"),
        (lambda text: text.replace('nl = "Gemeenteraad"', 'nl = ""', 1), "non-empty"),
    ],
    ids=["missing_language", "unknown_level", "misspelt_key", "empty_text"],
)
def test_a_bad_cycle_file_names_the_file_and_entry(tmp_path, change, says):
    path = tmp_path / "policy_cycle.toml"
    path.write_text(change(policy_cycle.CYCLE_FILE.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(DataFileError, match=rf"^policy_cycle\.toml: .*{says}"):
        policy_cycle.read_policy_cycle(path)
