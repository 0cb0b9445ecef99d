"""A local S3 server for the storage tests (moto in server mode on 127.0.0.1, a random port): the same code paths
as MinIO or S3 in production, over HTTP, with no network beyond the loopback."""

import socket
import uuid

import boto3
import pytest

KEY = "testing"


class MotoS3:
    def __init__(self):
        from moto.server import ThreadedMotoServer

        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        self.server.start()
        host, port = self.server.get_host_and_port()
        self.endpoint = f"http://{host}:{port}"
        self.client = boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name="us-east-1",
            aws_access_key_id=KEY,
            aws_secret_access_key=KEY,
        )

    def new_bucket(self):
        name = f"mchch-{uuid.uuid4().hex[:12]}"
        self.client.create_bucket(Bucket=name)
        return name

    def storage_url(self, bucket, **options):
        from urllib.parse import urlencode

        return f"s3://{KEY}:{KEY}@{bucket}?" + urlencode({"endpoint_url": self.endpoint, **options})

    def keys(self, bucket):
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=bucket)
        return sorted(o["Key"] for page in pages for o in page.get("Contents", ()))

    def stop(self):
        self.server.stop()


def closed_port():
    """A loopback port nobody listens on: an object store that is down."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def moto_s3():
    server = MotoS3()
    yield server
    server.stop()


def use_s3(settings, storage_url):
    from mchch import storage_config

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": storage_config.BACKEND, "OPTIONS": storage_config.s3_options(storage_url, {})},
    }
