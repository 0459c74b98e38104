"""The record of an account, apart from :mod:`bw.users` so the store can build it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bw.auth import Role

#: An account that may only log in through OIDC has no password hash.
NO_PASSWORD = ""


@dataclass(frozen=True, slots=True)
class User:
    """An account as listed (never with its hash)."""

    name: str  # 'a.jansen'
    role: Role
    created_at: datetime
    created_by: str  # 'cli'
    has_password: bool  # False: logs in only through OIDC
