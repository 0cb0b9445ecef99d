"""The storage tests run twice: on the local folder (the embedded default) and on an S3 server (moto)."""

import posixpath
from pathlib import Path

import pytest

from tests.objectstore import use_s3


class Store:
    def __init__(self, kind, settings, bucket=None, s3=None):
        self.kind, self.settings, self.bucket, self.s3 = kind, settings, bucket, s3

    def names(self):
        """Every file name in the store, as the store itself lists it (not through Django)."""
        if self.kind == "s3":
            return self.s3.keys(self.bucket)
        root = Path(self.settings.MEDIA_ROOT)
        return sorted(
            p.relative_to(root).as_posix()
            for p in root.rglob("*")
            if p.is_file() and not p.relative_to(root).as_posix().startswith(".partial/")
        )

    def under(self, folder):
        return [n for n in self.names() if n.startswith(folder.rstrip("/") + "/")]

    def read(self, name):
        if self.kind == "s3":
            return self.s3.client.get_object(Bucket=self.bucket, Key=name)["Body"].read()
        return (Path(self.settings.MEDIA_ROOT) / name).read_bytes()

    def write(self, name, data):
        if self.kind == "s3":
            self.s3.client.put_object(Bucket=self.bucket, Key=name, Body=data)
        else:
            path = Path(self.settings.MEDIA_ROOT) / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)

    def basename(self, name):
        return posixpath.basename(name)


@pytest.fixture(params=["filesystem", "s3"])
def store(request, settings):
    if request.param == "filesystem":
        return Store("filesystem", settings)
    s3 = request.getfixturevalue("moto_s3")
    bucket = s3.new_bucket()
    use_s3(settings, s3.storage_url(bucket, expire=60))
    return Store("s3", settings, bucket=bucket, s3=s3)
