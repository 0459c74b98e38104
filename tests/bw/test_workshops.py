"""Workshops: validation as a table of examples, moderation and roles, finalising, adopting
proposals as streefwaarden, the state replay as a Hypothesis invariant, and many writers at
once through cursors of one connection losing nothing."""

import threading
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bw import targets, workshops
from bw.auth import ANONYMOUS, Actor, PermissionDenied, Role
from bw.workshops import Event, Session, WorkshopError

FACILITATOR = Actor("f.visser", Role.FACILITATOR)


@pytest.fixture
def session(con):
    return workshops.create_session(
        con,
        title="Gezond ouder worden",
        region_code="GM0001",
        phase="beleidsvorming",
        themes=["gezondheid", "milieu_en_grondstoffen"],
        actor=FACILITATOR,
    )


def _argument(con, code, **changes):
    values = {
        "theme_id": "gezondheid",
        "text": "Meer groen in de wijk",
        "sentiment": "positief",
        "scale": "wijk",
        "time_frame": "nu",
    }
    values.update(changes)
    return workshops.add_argument(con, code, **values)


def test_a_session_gets_a_short_unambiguous_code(con, session):
    assert len(session.code) == 6
    assert not set(session.code) & set("0O1I")
    assert session.is_open and session.created_by == "f.visser"
    assert workshops.read_session(con, session.code.lower()) == session
    assert workshops.read_session(con, "ZZZZZZ") is None


def test_codes_are_unique(con):
    codes = {
        workshops.create_session(
            con,
            title=f"S{i}",
            region_code="GM0001",
            phase="agendering",
            themes=["gezondheid"],
            actor=FACILITATOR,
        ).code
        for i in range(30)
    }
    assert len(codes) == 30


@pytest.mark.parametrize("actor", [ANONYMOUS, Actor("a", Role.ANALYST)])
def test_only_facilitators_create_sessions(con, actor):
    with pytest.raises(PermissionDenied):
        workshops.create_session(
            con,
            title="X",
            region_code="GM0001",
            phase="agendering",
            themes=["gezondheid"],
            actor=actor,
        )


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"title": "  "}, "empty_text"),
        ({"title": "x" * 121}, "text_too_long"),
        ({"phase": "brainstorm"}, "unknown_phase"),
        ({"themes": []}, "no_themes"),
        ({"themes": ["geluk"]}, "unknown_theme"),
        ({"region_code": "GM9999"}, "unknown_region"),
    ],
)
def test_bad_session_input_is_refused_with_a_code(con, changes, code):
    values = {
        "title": "Casus",
        "region_code": "GM0001",
        "phase": "agendering",
        "themes": ["gezondheid"],
    }
    values.update(changes)
    with pytest.raises(WorkshopError) as caught:
        workshops.create_session(con, **values, actor=FACILITATOR)
    assert caught.value.code == code
    assert workshops.read_sessions(con) == []


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"text": ""}, "empty_text"),
        ({"text": "   \n "}, "empty_text"),
        ({"text": "x" * (workshops.MAX_TEXT + 1)}, "text_too_long"),
        ({"theme_id": "wonen"}, "unknown_theme"),  # exists, but not in this session
        ({"scale": "heelal"}, "unknown_scale"),
        ({"time_frame": "morgen"}, "unknown_time"),
        ({"sentiment": "boos"}, "unknown_sentiment"),
        ({"indicator_ids": ["t.nope"]}, "unknown_indicator"),
        ({"author": "x" * 41}, "name_too_long"),
        ({"stakeholders": ["a"] * 11}, "bad_stakeholders"),
    ],
)
def test_bad_arguments_are_refused_and_change_nothing(con, session, changes, code):
    with pytest.raises(WorkshopError) as caught:
        _argument(con, session.code, **changes)
    assert caught.value.code == code
    assert workshops.read_state(con, session.id).arguments == {}


def test_an_unknown_code_is_refused(con, session):
    with pytest.raises(WorkshopError) as caught:
        _argument(con, "ABCDEF")
    assert caught.value.code == "unknown_code"


def test_participants_need_no_account_and_get_a_default_pseudonym(con, session):
    first = _argument(con, f" {session.code.lower()[:3]}-{session.code[3:]} ")
    second = _argument(
        con,
        session.code,
        author="  Vos ",
        indicator_ids=["t.up"],
        stakeholders=["Gemeenteraad"],
        scale="buiten_eu",
        time_frame="later",
    )
    state = workshops.read_state(con, session.id)
    assert state.arguments[first].author == "deelnemer"
    assert state.arguments[second].author == "Vos"
    assert state.arguments[second].indicator_ids == ("t.up",)
    assert [a.id for a in state.visible()] == [first, second]


@pytest.mark.parametrize(
    ("scale", "level", "place"),
    [
        ("straat_buurt", "GM", "hier"),
        ("wijk", "GM", "hier"),
        ("gemeente", "GM", "hier"),
        ("regio_provincie", "GM", "elders"),
        ("nederland", "GM", "elders"),
        ("eu", "GM", "elders"),
        ("buiten_eu", "GM", "elders"),
        ("gemeente", "WK", "hier"),
        ("regio_provincie", "PV", "hier"),
        ("regio_provincie", "group", "hier"),
        ("nederland", "PV", "elders"),
        ("nederland", "NL", "hier"),
        ("eu", "NL", "elders"),
    ],
)
def test_scale_places_an_argument_hier_or_elders(scale, level, place):
    assert workshops.place_of(scale, case_level=level) == place


def test_moderation_edit_hide_merge_keeps_every_version(con, session):
    a = _argument(con, session.code, text="Meer groen")
    b = _argument(con, session.code, text="Groen in de wijk", author="Uil")
    c = _argument(con, session.code, text="Scheldwoord")
    workshops.edit_argument(
        con,
        session.id,
        a,
        theme_id="gezondheid",
        text="Meer groen, minder steen",
        sentiment="positief",
        scale="wijk",
        time_frame="later",
        actor=FACILITATOR,
    )
    workshops.merge_arguments(con, session.id, b, a, actor=FACILITATOR)
    workshops.hide_argument(con, session.id, c, actor=FACILITATOR)
    state = workshops.read_state(con, session.id)
    assert [x.id for x in state.visible()] == [a]
    assert state.arguments[a].text == "Meer groen, minder steen"
    assert state.arguments[a].versions == 2 and state.arguments[a].edited_by == "f.visser"
    assert [x.id for x in state.merged_under(a)] == [b]
    assert [x.id for x in state.hidden()] == [c]
    kinds = [e.kind for e in workshops.read_events(con, session.id)]
    assert kinds == ["argument"] * 3 + ["edit", "merge", "hide"]  # nothing overwritten
    workshops.hide_argument(con, session.id, c, actor=FACILITATOR, hidden=False)
    assert c in [x.id for x in workshops.read_state(con, session.id).visible()]


def test_a_merge_into_itself_or_back_is_refused(con, session):
    a, b = _argument(con, session.code), _argument(con, session.code)
    with pytest.raises(WorkshopError, match="itself"):
        workshops.merge_arguments(con, session.id, a, a, actor=FACILITATOR)
    workshops.merge_arguments(con, session.id, a, b, actor=FACILITATOR)
    with pytest.raises(WorkshopError) as caught:
        workshops.merge_arguments(con, session.id, b, a, actor=FACILITATOR)
    assert caught.value.code == "bad_merge"


@pytest.mark.parametrize("actor", [ANONYMOUS, Actor("a", Role.ANALYST)])
def test_moderation_needs_the_workshop_right(con, session, actor):
    a = _argument(con, session.code)
    for call in (
        lambda: workshops.hide_argument(con, session.id, a, actor=actor),
        lambda: workshops.merge_arguments(con, session.id, a, a, actor=actor),
        lambda: workshops.choose_indicator(con, session.id, "t.up", minimum=1.0, actor=actor),
        lambda: workshops.finalise_session(con, session.id, actor=actor),
    ):
        with pytest.raises(PermissionDenied):
            call()


def test_an_argument_of_another_session_cannot_be_moderated(con, session):
    other = workshops.create_session(
        con,
        title="Ander",
        region_code="GM0002",
        phase="agendering",
        themes=["gezondheid"],
        actor=FACILITATOR,
    )
    foreign = _argument(con, other.code)
    with pytest.raises(WorkshopError) as caught:
        workshops.hide_argument(con, session.id, foreign, actor=FACILITATOR)
    assert caught.value.code == "unknown_argument"


def test_reviewers_comment_with_the_code(con, session):
    a = _argument(con, session.code)
    workshops.add_comment(con, session.code, text="Welke bron?", argument_id=a, author="R")
    workshops.add_comment(con, session.code, text="Mooi overzicht")
    state = workshops.read_state(con, session.id)
    assert [c.text for c in state.comments_on(a)] == ["Welke bron?"]
    assert [c.author for c in state.comments_on(None)] == ["reviewer"]
    with pytest.raises(WorkshopError) as caught:
        workshops.add_comment(con, session.code, text="?", argument_id=999)
    assert caught.value.code == "unknown_argument"


def test_a_finalised_session_refuses_contributions(con, session):
    _argument(con, session.code)
    done = workshops.finalise_session(con, session.id, actor=FACILITATOR)
    assert done.status == "finalised" and done.finalised_by == "f.visser"
    for call in (
        lambda: _argument(con, session.code),
        lambda: workshops.add_comment(con, session.code, text="Te laat"),
        lambda: workshops.hide_argument(con, session.id, 1, actor=FACILITATOR),
        lambda: workshops.finalise_session(con, session.id, actor=FACILITATOR),
    ):
        with pytest.raises(WorkshopError) as caught:
            call()
        assert caught.value.code == "finalised"
    assert len(workshops.read_state(con, session.id).arguments) == 1


@pytest.mark.parametrize(
    ("indicator", "minimum", "ambition", "code"),
    [
        ("t.up", 40.0, 30.0, "direction_mismatch"),  # higher is better
        ("t.down", 3.0, 5.0, "direction_mismatch"),  # lower is better
        ("t.up", 40.0, 140.0, "implausible_value"),  # a percentage
        ("t.nope", 1.0, 2.0, "unknown_indicator"),
        ("t.up", float("nan"), 2.0, "bad_number"),
    ],
)
def test_a_proposal_on_the_wrong_side_is_refused(con, session, indicator, minimum, ambition, code):
    with pytest.raises(WorkshopError) as caught:
        workshops.choose_indicator(
            con, session.id, indicator, minimum=minimum, ambition=ambition, actor=FACILITATOR
        )
    assert caught.value.code == code
    assert workshops.read_state(con, session.id).proposals == ()


def test_proposals_become_targets_after_finalising(con, session):
    workshops.choose_indicator(
        con, session.id, "t.up", minimum=30.0, ambition=40.0, target_year=2030, actor=FACILITATOR
    )
    workshops.choose_indicator(
        con, session.id, "t.down", minimum=5.0, ambition=3.0, actor=FACILITATOR
    )
    workshops.choose_indicator(con, session.id, "t.count", actor=FACILITATOR)  # no values yet
    workshops.choose_indicator(
        con, session.id, "t.up", minimum=35.0, ambition=45.0, target_year=2030, actor=FACILITATOR
    )  # changed its mind
    with pytest.raises(WorkshopError) as caught:
        workshops.adopt_proposals(con, session.id, actor=FACILITATOR)
    assert caught.value.code == "not_finalised"
    workshops.finalise_session(con, session.id, actor=FACILITATOR)
    plan = workshops.plan_adoption(con, session.id)
    assert [t.indicator_id for t, _ in plan.targets] == ["t.down", "t.up"]
    assert plan.skipped == ("t.count",) and plan.ok
    with pytest.raises(PermissionDenied):
        workshops.adopt_proposals(con, session.id, actor=ANONYMOUS)
    workshops.adopt_proposals(con, session.id, actor=Actor("a.jansen", Role.ANALYST))
    current = targets.read_current_target(con, "GM0001", "t.up")
    assert (current.minimum, current.ambition, current.target_year) == (35.0, 45.0, 2030)
    assert "Gezond ouder worden" in current.rationale and session.code in current.rationale
    history = targets.read_target_history(con, "GM0001", "t.up")
    assert history["set_by"].tolist() == ["a.jansen"]


def test_adoption_is_refused_when_nothing_was_proposed(con, session):
    workshops.finalise_session(con, session.id, actor=FACILITATOR)
    with pytest.raises(WorkshopError) as caught:
        workshops.adopt_proposals(con, session.id, actor=FACILITATOR)
    assert caught.value.code == "no_proposals"


def test_a_write_conflict_is_retried_then_reported_as_busy(con):
    import duckdb

    calls = []

    def conflicting(cursor):
        calls.append(1)
        raise duckdb.TransactionException("Conflict on tuple deletion!")

    with pytest.raises(WorkshopError) as caught:
        workshops._write(con, conflicting, attempts=3, sleep=lambda seconds: None)
    assert caught.value.code == "busy" and len(calls) == 3
    outcomes = iter([True, False])

    def once(cursor):
        if next(outcomes):
            raise duckdb.TransactionException("Conflict")
        return cursor.execute("SELECT 42").fetchone()[0]

    assert workshops._write(con, once, sleep=lambda seconds: None) == 42


# --- many writers at once ----------------------------------------------------------------------

THREADS, PER_THREAD = 16, 30


def test_parallel_writers_lose_nothing(con, session):
    """16 participants × 30 arguments through cursors of one connection, while a moderator
    hides and edits at the same time: every argument is there exactly once, every edit kept."""
    errors: list[BaseException] = []
    start = threading.Barrier(THREADS + 2)  # participants, moderator, this thread

    def participant(n: int) -> None:
        try:
            start.wait()
            for i in range(PER_THREAD):
                _argument(con, session.code, text=f"argument {n}-{i}", author=f"p{n}")
        except BaseException as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)

    edits: list[tuple[int, str]] = []

    def moderator() -> None:
        try:
            start.wait()
            done = 0
            while done < 40:
                state = workshops.read_state(con, session.id)
                fresh = sorted(set(state.arguments) - {target for target, _ in edits})
                if not fresh:
                    continue
                target = fresh[0]
                text = f"bewerkt {done}"
                workshops.edit_argument(
                    con,
                    session.id,
                    target,
                    theme_id="gezondheid",
                    text=text,
                    sentiment="neutraal",
                    scale="gemeente",
                    time_frame="nu",
                    actor=FACILITATOR,
                )
                edits.append((target, text))
                if done % 4 == 0:
                    workshops.hide_argument(con, session.id, target, actor=FACILITATOR)
                done += 1
        except BaseException as error:  # noqa: BLE001
            errors.append(error)

    threads = [threading.Thread(target=participant, args=(n,)) for n in range(THREADS)]
    threads.append(threading.Thread(target=moderator))
    for thread in threads:
        thread.start()
    start.wait()
    for thread in threads:
        thread.join()
    assert errors == []
    events = workshops.read_events(con, session.id)
    added = [e.text for e in events if e.kind == "argument"]
    assert sorted(added) == sorted(
        f"argument {n}-{i}" for n in range(THREADS) for i in range(PER_THREAD)
    )
    assert len(set(added)) == THREADS * PER_THREAD
    state = workshops.read_state(con, session.id)
    for target, text in edits:
        assert state.arguments[target].text == text
    assert len([e for e in events if e.kind == "edit"]) == len(edits) == 40
    assert len(state.hidden()) == 10
    assert len(state.visible()) == THREADS * PER_THREAD - 10


def test_finalising_while_participants_write_never_lets_one_in_after(con, session):
    """Contributions either commit before the session is finalised or are refused."""
    refused, accepted = [], []
    start = threading.Barrier(9)

    def participant(n: int) -> None:
        start.wait()
        for i in range(20):
            try:
                accepted.append(_argument(con, session.code, text=f"{n}-{i}"))
            except WorkshopError as error:
                refused.append(error.code)

    threads = [threading.Thread(target=participant, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    start.wait()
    finalised = workshops.finalise_session(con, session.id, actor=FACILITATOR)
    for thread in threads:
        thread.join()
    assert set(refused) <= {"finalised"}
    events = workshops.read_events(con, session.id)
    assert sorted(e.id for e in events) == sorted(accepted)
    assert all(e.created_at <= finalised.finalised_at for e in events)


# --- the replay as an invariant ---------------------------------------------------------------

_SESSION = Session(
    1, "ABCDEF", "t", "GM0001", "agendering", ("gezondheid",), "open", "f", datetime(2026, 1, 1)
)


@st.composite
def event_sequences(draw):
    n_arguments = draw(st.integers(1, 8))
    events = [
        Event(
            i,
            "argument",
            "p",
            theme_id="gezondheid",
            text=f"a{i}",
            sentiment="positief",
            scale="wijk",
            time_frame="nu",
        )
        for i in range(1, n_arguments + 1)
    ]
    ids = st.integers(1, n_arguments + 2)  # sometimes about an unknown argument
    for next_id in range(n_arguments + 1, n_arguments + 1 + draw(st.integers(0, 25))):
        kind = draw(st.sampled_from(["edit", "hide", "unhide", "merge", "argument"]))
        if kind == "argument":
            events.append(
                Event(
                    next_id,
                    "argument",
                    "p",
                    theme_id="gezondheid",
                    text=f"a{next_id}",
                    sentiment="negatief",
                    scale="eu",
                    time_frame="later",
                )
            )
        else:
            events.append(
                Event(
                    next_id,
                    kind,
                    "f",
                    argument_id=draw(ids),
                    into_id=draw(ids) if kind == "merge" else None,
                    text=f"e{next_id}" if kind == "edit" else None,
                )
            )
    return events


@settings(max_examples=200, deadline=None)
@given(event_sequences())
def test_any_sequence_of_events_shows_every_non_hidden_argument_once(events):
    state = workshops.derive_state(_SESSION, events)
    shown = [a.id for a in state.visible()]
    shown += [m.id for a in state.visible() for m in state.merged_under(a.id)]
    assert len(shown) == len(set(shown))  # nothing twice
    for argument in state.arguments.values():
        assert (argument.id in shown) == state.is_shown(argument.id)
        if argument.hidden:
            assert argument.id not in shown
    added = {e.id for e in events if e.kind == "argument"}
    assert set(state.arguments) == added
    # the replay depends on the events, not on the order they were read in
    assert workshops.derive_state(_SESSION, list(reversed(events))) == state


def test_a_merged_argument_merged_into_itself_is_no_cycle():
    """Found by Hypothesis: 1 merged into 2, then into itself, must not point 1 at 1."""
    events = [
        Event(
            i,
            "argument",
            "p",
            theme_id="gezondheid",
            text=f"a{i}",
            sentiment="positief",
            scale="wijk",
            time_frame="nu",
        )
        for i in (1, 2)
    ]
    events += [
        Event(3, "merge", "f", argument_id=1, into_id=2),
        Event(4, "merge", "f", argument_id=1, into_id=1),
        Event(5, "merge", "f", argument_id=2, into_id=1),
    ]
    state = workshops.derive_state(_SESSION, events)
    assert state.arguments[1].merged_into == 2 and state.arguments[2].merged_into is None
    assert [a.id for a in state.visible()] == [2]
    assert [a.id for a in state.merged_under(2)] == [1]


# --- abuse: join codes, floods and borrowed names (issue 14 item 8) ----------------------------


@pytest.fixture
def clock(monkeypatch):
    """The rate limits' clock (seconds), moved by the test; limits start empty."""
    now = [5000.0]
    monkeypatch.setattr(workshops, "_now", lambda: now[0])
    workshops.reset_limits()
    yield now
    workshops.reset_limits()


def test_wrong_join_codes_are_limited_per_client(con, session, clock):
    limit = workshops.limits().join_tries_per_minute
    for index in range(limit):
        assert (
            workshops.join_session(
                con, f"ZZZZZ{workshops.CODE_ALPHABET[index]}", client="192.0.2.1"
            )
            is None
        )
    with pytest.raises(WorkshopError) as refused:
        workshops.join_session(con, session.code, client="192.0.2.1")  # even the right code
    assert refused.value.code == "too_many_tries" and 0 < refused.value.params["seconds"] <= 60
    assert workshops.join_session(con, session.code, client="192.0.2.2") == session
    clock[0] += 61
    assert workshops.join_session(con, session.code, client="192.0.2.1") == session


def test_the_same_wrong_code_again_counts_once(con, session, clock):
    """A page rerun looks the typed code up again; that is not another guess."""
    for _ in range(3 * workshops.limits().join_tries_per_minute):
        assert workshops.join_session(con, "ZZZZZZ", client="192.0.2.1") is None
    assert workshops.join_session(con, session.code, client="192.0.2.1") == session


def _post(con, code, n=1, **who):
    for _ in range(n):
        _argument(con, code, **who)


def test_posts_are_limited_per_participant_per_minute(con, session, clock):
    limit = workshops.limits().posts_per_minute
    _post(con, session.code, limit, participant="p1", client="192.0.2.1")
    with pytest.raises(WorkshopError) as refused:
        workshops.add_comment(
            con, session.code, text="nog een", participant="p1", client="192.0.2.1"
        )
    assert refused.value.code == "too_many_posts" and refused.value.params["seconds"] > 0
    _post(con, session.code, participant="p2", client="192.0.2.2")  # someone else may
    clock[0] += 61
    _post(con, session.code, participant="p1", client="192.0.2.1")
    state = workshops.read_state(con, session.id)
    assert len(state.arguments) == limit + 2  # the refused post wrote nothing


def test_a_participant_has_a_cap_per_workshop(con, session, clock, monkeypatch):
    monkeypatch.setenv("BW_WORKSHOP_MAX_POSTS", "3")
    for _ in range(3):
        _post(con, session.code, participant="p1", client="192.0.2.1")
        clock[0] += 61
    with pytest.raises(WorkshopError) as refused:
        _post(con, session.code, participant="p1", client="192.0.2.1")
    assert refused.value.code == "post_cap" and refused.value.params["limit"] == 3


def test_new_sessions_from_one_address_share_a_larger_allowance(con, session, clock):
    """A script that opens a fresh browser session per post still meets the address limit."""
    limits = workshops.limits()
    allowance = limits.posts_per_minute * limits.address_factor
    for index in range(allowance):
        _post(con, session.code, participant=f"p{index}", client="192.0.2.1")
    with pytest.raises(WorkshopError) as refused:
        _post(con, session.code, participant="fresh", client="192.0.2.1")
    assert refused.value.code == "too_many_posts"


def test_limits_are_configurable(monkeypatch):
    monkeypatch.setenv("BW_WORKSHOP_JOIN_TRIES", "3")
    monkeypatch.setenv("BW_WORKSHOP_POSTS_PER_MINUTE", "2")
    monkeypatch.setenv("BW_WORKSHOP_MAX_POSTS", "7")
    assert workshops.limits() == workshops.Limits(
        join_tries_per_minute=3, posts_per_minute=2, max_posts=7
    )


@pytest.mark.parametrize(
    "name",
    [
        "begeleider",
        " Begeleider ",
        "BEGELEIDER",
        "be-ge-lei-der",
        "f.visser",
        "F. Visser",
        "facilitator",
    ],
)
def test_a_pseudonym_never_poses_as_the_facilitator(con, session, name):
    for write in (
        lambda: _argument(con, session.code, author=name),
        lambda: workshops.add_comment(con, session.code, text="x", author=name),
    ):
        with pytest.raises(WorkshopError) as refused:
            write()
        assert refused.value.code == "reserved_name"
    assert workshops.read_state(con, session.id).arguments == {}
    _argument(con, session.code, author="begeleider van de buurt")  # not the word itself


# --- joining from a phone (issue 13) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("request_url", "bind", "lan", "link"),
    [
        # a laptop listening on the network: localhost becomes the address phones reach
        (
            "http://localhost:8501/workshop",
            "0.0.0.0",
            "192.168.1.20",
            "http://192.168.1.20:8501/workshop?workshop=K7PX3M",
        ),
        (
            "http://127.0.0.1:8501/workshop?regio=GM0363",
            "",
            "10.0.0.7",
            "http://10.0.0.7:8501/workshop?workshop=K7PX3M",
        ),
        (
            "http://localhost:8501/workshop",
            "::",
            "fd00::5",
            "http://[fd00::5]:8501/workshop?workshop=K7PX3M",
        ),
        # bound to one address: that address
        (
            "http://localhost:8501/workshop",
            "192.168.1.7",
            "10.0.0.7",
            "http://192.168.1.7:8501/workshop?workshop=K7PX3M",
        ),
        # on the network but no address found: the request's host, as it was
        (
            "http://localhost:8501/workshop",
            "0.0.0.0",
            None,
            "http://localhost:8501/workshop?workshop=K7PX3M",
        ),
        # this computer only: no address would help (the page says so)
        (
            "http://localhost:8501/workshop",
            "127.0.0.1",
            "192.168.1.20",
            "http://localhost:8501/workshop?workshop=K7PX3M",
        ),
        # reached by a name (a server behind a proxy): already reachable
        (
            "https://bw.example.nl/bw/workshop?lang=en",
            "0.0.0.0",
            "10.0.0.7",
            "https://bw.example.nl/bw/workshop?workshop=K7PX3M",
        ),
        ("", None, None, "/workshop?workshop=K7PX3M"),
    ],
)
def test_the_join_link_uses_an_address_phones_can_reach(request_url, bind, lan, link):
    assert workshops.join_url(request_url, "K7PX3M", bind_address=bind, lan_address=lan) == link


class _RecordingSocket:
    """A UDP socket that records what is done with it and refuses to send anything."""

    calls: list[str] = []

    def __init__(self, *args):
        self.calls.append("socket")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.calls.append("close")

    def connect(self, address):
        self.calls.append(f"connect {address[0]}")

    def getsockname(self):
        return ("192.168.1.20", 50000)

    def send(self, *args):
        raise AssertionError("network_address sent a packet")

    sendto = sendall = send


def test_finding_the_network_address_sends_nothing(monkeypatch):
    _RecordingSocket.calls = []
    monkeypatch.setattr(workshops.socket, "socket", _RecordingSocket)
    assert workshops.network_address() == "192.168.1.20"
    assert _RecordingSocket.calls == ["socket", "connect 10.254.254.254", "close"]


def test_without_a_route_the_network_address_falls_back_to_the_host_name(monkeypatch):
    def no_route(*args):
        raise OSError("Network is unreachable")

    monkeypatch.setattr(workshops.socket, "socket", no_route)
    monkeypatch.setattr(workshops.socket, "gethostbyname", lambda name: "127.0.1.1")
    assert workshops.network_address() is None  # a loopback answer is no network address
    monkeypatch.setattr(workshops.socket, "gethostbyname", lambda name: "10.1.2.3")
    assert workshops.network_address() == "10.1.2.3"


def test_sentiment_icons_are_characters_every_bundled_font_has():
    # The fullwidth "＋" (U+FF0B) drew an empty box in Debian's Chromium (issue 13).
    for labels in workshops.SENTIMENT_LABELS.values():
        for text in labels.values():
            icon = text.split(" ", 1)[0]
            assert not 0xFF00 <= ord(icon[0]) <= 0xFFEF, text
    assert workshops.SENTIMENT_LABELS["nl"]["positief"] == "+ positief"
