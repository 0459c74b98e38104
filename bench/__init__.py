"""Benchmarks of bw at scale, run as ``python -m bw bench`` (never imported by the app).

Kept out of the domain package: they build synthetic stores and time bw from outside.
"""
