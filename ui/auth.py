"""The acting user of this session, as pages ask for it before a write.

Until accounts and login exist, every session of a writable app is the lokale-modus actor
(the rights the app has always given); a read-only replica's sessions are anonymous viewers.
"""

from __future__ import annotations

from bw.auth import ANONYMOUS, LOCAL_ACTOR, Actor
from ui.store import can_write


def current_actor() -> Actor:
    """Who is acting in this session."""
    return LOCAL_ACTOR if can_write() else ANONYMOUS
