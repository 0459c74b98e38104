"""Typed records of the feature tables, shared by the store's readers and the feature rules.

Each feature module (:mod:`bw.programmes`, :mod:`bw.workshops`, …) re-exports its records, so
callers keep importing them from there; the store modules import them from here, which keeps
the import graph free of cycles.
"""
