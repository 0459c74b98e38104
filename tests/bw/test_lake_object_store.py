"""An ``s3://`` data path without any server: settings from the environment, the secret's
statement, and the clear ``data`` errors of a wrong scheme, missing keys and a closed port."""

from __future__ import annotations

import socket

import duckdb
import pytest

from bw import config
from bw.store import lake

SECRET = "s3cr'et-never-shown"


@pytest.fixture
def keys(monkeypatch):
    """Object store settings as an operator exports them, for a store on a closed local port."""
    with socket.socket() as probe:  # a port nobody listens on once the probe is closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    for name, value in {
        "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
        "AWS_SECRET_ACCESS_KEY": SECRET,
        "AWS_REGION": "eu-central-1",
        "BW_LAKE_S3_ENDPOINT": f"127.0.0.1:{port}",
        "BW_LAKE_S3_URL_STYLE": "path",
        "BW_LAKE_S3_USE_SSL": "0",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_SESSION_TOKEN", raising=False)
    return port


def test_the_settings_come_from_the_environment_and_hide_the_secret(keys, monkeypatch):
    settings = config.object_store_settings()
    assert (settings.key_id, settings.secret, settings.region) == (
        "AKIDEXAMPLE",
        SECRET,
        "eu-central-1",
    )
    assert settings.endpoint == f"127.0.0.1:{keys}" and settings.url_style == "path"
    assert settings.use_ssl is False
    assert SECRET not in repr(settings) and "AKIDEXAMPLE" not in repr(settings)
    monkeypatch.delenv("AWS_REGION")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    monkeypatch.delenv("BW_LAKE_S3_USE_SSL")
    settings = config.object_store_settings()
    assert settings.region == "eu-west-1" and settings.use_ssl is True


def test_the_secret_statement_quotes_its_values_and_is_scoped_to_the_bucket(keys):
    statement = lake._secret_statement(config.object_store_settings(), scope="s3://bw-lake")
    assert "SECRET 's3cr''et-never-shown'" in statement
    assert "SCOPE 's3://bw-lake'" in statement and "USE_SSL false" in statement
    assert "SESSION_TOKEN" not in statement  # unset values are left out, not sent empty
    assert statement.startswith("CREATE OR REPLACE TEMPORARY SECRET")
    assert lake._bucket("s3://bw-lake/prod/lake/") == "s3://bw-lake"


def test_missing_keys_are_a_data_error_that_names_the_variables(keys, monkeypatch):
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    with (
        duckdb.connect() as con,
        pytest.raises(lake.LakeUnreachableError, match="set AWS_ACCESS_KEY_ID") as refused,
    ):
        lake.use_object_store(con, "s3://bw-lake/prod/")
    assert refused.value.params["part"] == "data"


def test_a_data_path_of_another_scheme_is_refused_clearly(keys):
    with (
        duckdb.connect() as con,
        pytest.raises(lake.LakeUnreachableError, match="neither a folder nor an s3://"),
    ):
        lake.use_object_store(con, "gs://bw-lake/prod/")


def test_a_closed_endpoint_is_a_data_error_without_the_secret(keys):
    with pytest.raises(lake.LakeUnreachableError, match="cannot be reached") as refused:
        lake.open_object_store("s3://bw-lake/prod/")
    said = str(refused.value)
    assert refused.value.params["part"] == "data"
    assert f"object store at 127.0.0.1:{keys}" in said
    assert SECRET not in said and "s3cr" not in said
