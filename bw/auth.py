"""Who may do what: roles, the acting user, and the check every write makes inside bw.

The app hides buttons a role may not use, but that is a courtesy: the write functions in bw
call :func:`require` themselves, so a crafted request or a script cannot skip the check.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bw.errors import BwError


class Role(StrEnum):
    """The four roles, from least to most rights."""

    VIEWER = "viewer"  # anonymous, reads the monitor
    ANALYST = "analyst"  # loads and undoes data, edits targets and programmes
    FACILITATOR = "facilitator"  # runs workshops and turns their proposals into targets
    ADMIN = "admin"  # all of the above, and manages accounts


class Permission(StrEnum):
    """A kind of write; :data:`GRANTS` says which roles hold it."""

    LOAD_DATA = "load_data"  # load, undo, import indicators
    EDIT_TARGETS = "edit_targets"  # streefwaarden
    EDIT_PROGRAMMES = "edit_programmes"  # programmes, opgaven, doelen, activiteiten
    EDIT_POLICY_OPTIONS = "edit_policy_options"  # beleidsopties and their effects
    RUN_WORKSHOPS = "run_workshops"  # create, moderate and finalise workshop sessions
    ADOPT_WORKSHOP_TARGETS = "adopt_workshop_targets"  # turn a session's proposals into targets
    MANAGE_USERS = "manage_users"


GRANTS: dict[Permission, frozenset[Role]] = {
    Permission.LOAD_DATA: frozenset({Role.ANALYST, Role.ADMIN}),
    Permission.EDIT_TARGETS: frozenset({Role.ANALYST, Role.ADMIN}),
    Permission.EDIT_PROGRAMMES: frozenset({Role.ANALYST, Role.ADMIN}),
    Permission.EDIT_POLICY_OPTIONS: frozenset({Role.ANALYST, Role.FACILITATOR, Role.ADMIN}),
    Permission.RUN_WORKSHOPS: frozenset({Role.FACILITATOR, Role.ADMIN}),
    Permission.ADOPT_WORKSHOP_TARGETS: frozenset({Role.FACILITATOR, Role.ANALYST, Role.ADMIN}),
    Permission.MANAGE_USERS: frozenset({Role.ADMIN}),
}


@dataclass(frozen=True, slots=True)
class Actor:
    """The person (or process) doing something; its name is what history records."""

    name: str  # 'a.jansen', 'lokaal', 'cli'
    role: Role
    local: bool = False  # lokale modus: no accounts configured, app on localhost only


#: The command line on the machine that holds the store file: whoever can write the file
#: can change it anyway, so the CLI acts as admin and records the name given with --by.
def cli_actor(name: str = "cli") -> Actor:
    """The actor for a command-line write, recorded under ``name``."""
    return Actor(name=name.strip() or "cli", role=Role.ADMIN)


#: The actor of the "lokale modus" banner: one person on their own machine.
LOCAL_ACTOR = Actor(name="lokaal", role=Role.ADMIN, local=True)

#: An anonymous reader.
ANONYMOUS = Actor(name="anoniem", role=Role.VIEWER)


class PermissionDenied(BwError, PermissionError):
    """The actor's role does not allow this write; nothing was changed."""


def allows(actor: Actor, permission: Permission) -> bool:
    """Whether ``actor`` may do ``permission``."""
    return actor.role in GRANTS[permission]


def require(actor: Actor, permission: Permission) -> None:
    """Raise :class:`PermissionDenied` unless ``actor`` may do ``permission``.

    >>> require(Actor("a", Role.ANALYST), Permission.LOAD_DATA)
    >>> require(ANONYMOUS, Permission.LOAD_DATA)
    Traceback (most recent call last):
    ...
    bw.auth.PermissionDenied: anoniem (viewer) may not load_data
    """
    if not allows(actor, permission):
        raise PermissionDenied(f"{actor.name} ({actor.role}) may not {permission}")
