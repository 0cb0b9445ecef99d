"""STORAGE_URL and the AWS_* settings → STORAGES (mchch/storage_config.py): the local folder by default, a private
S3 bucket with short-lived signed URLs when configured, a clear error for a bad value."""

import pytest

from mchch.storage_config import BACKEND, LOCAL_BACKEND, StorageConfigError, s3_options, storages


def test_nothing_set_is_the_local_folder():
    assert s3_options("", {}) is None
    assert storages("", {}, "static.Backend") == {
        "default": {"BACKEND": LOCAL_BACKEND},
        "staticfiles": {"BACKEND": "static.Backend"},
    }


def test_storage_url_with_credentials_and_options():
    opts = s3_options(
        "s3://AK%40x:S%2Fy@mchch/prod?endpoint_url=http://127.0.0.1:9000&region=ap-southeast-1&expire=120"
        "&public_endpoint_url=https://files.example.org&serve=stream",
        {},
    )
    assert opts == {
        "bucket_name": "mchch",
        "location": "prod",
        "endpoint_url": "http://127.0.0.1:9000",
        "region_name": "ap-southeast-1",
        "querystring_expire": 120,
        "addressing_style": "path",
        "public_endpoint_url": "https://files.example.org",
        "serve": "stream",
        "access_key": "AK@x",
        "secret_key": "S/y",
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
    }
    assert storages("s3://b", {}, "x")["default"]["BACKEND"] == BACKEND


def test_the_usual_aws_settings():
    opts = s3_options("", {"AWS_STORAGE_BUCKET_NAME": "site-files", "AWS_QUERYSTRING_EXPIRE": "600"})
    assert opts["bucket_name"] == "site-files" and opts["querystring_expire"] == 600
    assert (
        opts["default_acl"] == "private" and "endpoint_url" not in opts and opts["region_name"] == "us-east-1"
    )
    assert s3_options("", {"AWS_STORAGE_BUCKET_NAME": "b"})["querystring_expire"] == 300  # short by default


@pytest.mark.parametrize(
    "url, message",
    [
        ("http://bucket", "must start with s3://"),
        ("s3://?endpoint_url=x", "names no bucket"),
        ("s3://b?expire=soon", "whole number"),
        ("s3://b?expire=5", "between 10 s and 7 days"),
        ("s3://b?serve=sometimes", "serve must be one of"),
        ("s3://b?endpoint=x", "unknown options: endpoint"),
    ],
)
def test_a_bad_storage_url_says_what_is_wrong(url, message):
    with pytest.raises(StorageConfigError, match=message):
        s3_options(url, {})
