"""Roles and permissions: each write is granted to the roles the product promises."""

import pytest

from bw.auth import ANONYMOUS, GRANTS, Actor, Permission, PermissionDenied, Role, allows, require


def test_a_viewer_may_write_nothing():
    assert not any(allows(ANONYMOUS, permission) for permission in Permission)
    with pytest.raises(PermissionDenied, match="viewer"):
        require(ANONYMOUS, Permission.EDIT_TARGETS)


def test_an_admin_may_do_everything():
    admin = Actor("beheer", Role.ADMIN)
    assert all(allows(admin, permission) for permission in Permission)


@pytest.mark.parametrize(
    ("role", "permission", "allowed"),
    [
        (Role.ANALYST, Permission.LOAD_DATA, True),
        (Role.ANALYST, Permission.RUN_WORKSHOPS, False),
        (Role.ANALYST, Permission.MANAGE_USERS, False),
        (Role.FACILITATOR, Permission.RUN_WORKSHOPS, True),
        (Role.FACILITATOR, Permission.LOAD_DATA, False),
        (Role.FACILITATOR, Permission.ADOPT_WORKSHOP_TARGETS, True),
    ],
)
def test_roles_hold_the_promised_permissions(role, permission, allowed):
    assert allows(Actor("x", role), permission) is allowed


def test_every_permission_has_a_grant():
    assert set(GRANTS) == set(Permission)
