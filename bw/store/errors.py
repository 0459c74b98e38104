"""The store's refusals: one base class, and the cases a caller tells apart."""

from __future__ import annotations

from bw.errors import BwError


class StoreError(BwError):
    """A store that cannot be opened or written as asked; the message says why."""


class SchemaTooNewError(StoreError):
    """The store file was written by a newer version of bw."""


class StoreInUseError(StoreError):
    """Another process holds the store file open for writing."""


class StoreFilledError(StoreError):
    """A new store's first write found it filled by another process meanwhile (a lake)."""


class SchemaTooOldError(StoreError):
    """A read-only open found a store that needs a migration first."""
