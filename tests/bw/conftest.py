"""Fixtures for the bw unit tests."""

import pytest

from tests.bw.tiny_store import create_tiny_store


@pytest.fixture
def con(tmp_path):
    """A new tiny store (see tests/bw/tiny_store.py), closed after the test."""
    connection = create_tiny_store(tmp_path / "test.duckdb")
    yield connection
    connection.close()
