"""The file store every node shares (DESIGN §8 "Storage"): the local folder or an S3-compatible bucket, always through
Django's storage API, and the plumbing around it:

- writes are whole or absent: the local folder writes into `.partial/` and links the finished file under its final
  name (no reader ever sees half a file under a real name); S3 makes an object visible only when its upload
  completes (a single put, or a multipart upload's completion);
- a request that fails after saving files removes the files it saved (StorageErrorMiddleware), so a refused upload
  leaves neither a row nor a file behind; a store that is down answers with one Thai page (503);
- `serve()` is the one way a view hands out a file it has access-checked: streamed from the store, or on S3 a
  redirect to a signed URL that lives a few minutes and names the file;
- `check()` is the health check's "storage" part.
"""

import contextvars
import errno
import logging
import os
import posixpath
import tempfile
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import FileResponse, HttpResponseRedirect
from django.utils.encoding import escape_uri_path
from storages.backends.s3 import S3Storage

log = logging.getLogger(__name__)

PARTIAL_DIR = ".partial"
# Errors of the store itself (not "this file is missing"): the disk, its permissions, the object store's service.
_DISK_ERRNOS = {errno.ENOSPC, errno.EACCES, errno.EROFS, errno.EIO, errno.EDQUOT, errno.EPERM}

_saved = contextvars.ContextVar("mchch_saved_files", default=None)


def is_storage_error(exc):
    """True for a failure of the store (object store unreachable or refusing, disk full or read-only)."""
    from botocore.exceptions import BotoCoreError, ClientError

    if isinstance(exc, BotoCoreError):
        return True
    if isinstance(exc, ClientError):
        code = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0
        return code != 404
    if isinstance(exc, OSError) and not isinstance(exc, FileNotFoundError):
        return exc.errno in _DISK_ERRNOS
    return False


class _Tracked:
    """Remember the names saved while a request runs, so that a failed request can take them back."""

    def save(self, name, content, max_length=None):
        saved = super().save(name, content, max_length=max_length)
        names = _saved.get()
        if names is not None:
            names.append((self, saved))
        return saved


def start_tracking():
    return _saved.set([])


def stop_tracking(token, *, failed):
    names = _saved.get() or []
    _saved.reset(token)
    if not failed:
        return []
    removed = []
    for storage, name in names:
        try:
            storage.delete(name)
            removed.append(name)
        except Exception:  # the store may be the thing that is down: log, the status page lists strays
            log.warning("could not remove %s after a failed request", name, exc_info=True)
    return removed


class LocalStorage(_Tracked, FileSystemStorage):
    """MEDIA_ROOT, written atomically: the bytes go to `.partial/` first and are hard-linked under the final name
    only once complete (the link fails if the name is taken, so two writers never share a name)."""

    def _save(self, name, content):
        partial = self.path(PARTIAL_DIR)
        os.makedirs(partial, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=partial, prefix=uuid.uuid4().hex[:8] + "-")
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in (
                    content.chunks()
                    if hasattr(content, "chunks")
                    else iter(lambda: content.read(1 << 20), b"")
                ):
                    out.write(chunk.encode() if isinstance(chunk, str) else chunk)
                out.flush()
                os.fsync(out.fileno())
            if self.file_permissions_mode is not None:
                os.chmod(tmp, self.file_permissions_mode)
            full_path = self.path(name)
            os.makedirs(os.path.dirname(full_path), exist_ok=True)
            while True:
                try:
                    os.link(tmp, full_path)
                    break
                except FileExistsError:
                    name = self.get_available_name(name)
                    full_path = self.path(name)
                except OSError as exc:
                    if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
                        raise
                    # a filesystem without hard links: a rename is still atomic, the name checked just before
                    if os.path.exists(full_path):
                        name = self.get_available_name(name)
                        full_path = self.path(name)
                    os.rename(tmp, full_path)
                    break
        finally:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
        return os.path.relpath(full_path, self.location).replace("\\", "/")

    def listdir(self, path):
        dirs, files = super().listdir(path)
        if path in ("", ".", "/"):
            dirs = [d for d in dirs if d != PARTIAL_DIR]
        return dirs, files


class PrivateS3Storage(_Tracked, S3Storage):
    """A private bucket: objects are never public, downloads are signed URLs that expire (STORAGE_URL's expire).
    `public_endpoint_url` signs URLs for the address browsers reach the store at; `serve` says whether checked
    downloads redirect there or stream through the app."""

    def __init__(self, *, public_endpoint_url=None, serve="redirect", **options):
        from botocore.config import Config

        options.setdefault(
            "client_config",
            Config(
                connect_timeout=3,
                read_timeout=30,
                retries={"max_attempts": 2, "mode": "standard"},
                s3={"addressing_style": options.get("addressing_style") or "auto"},
                signature_version="s3v4",
            ),
        )
        # a download larger than this spills from memory to a temporary file while it is served
        options.setdefault("max_memory_size", 5 * 1024 * 1024)
        super().__init__(**options)
        self.public_endpoint_url = public_endpoint_url
        self.serve_mode = serve
        self._signer = None

    def _signing_client(self):
        if not self.public_endpoint_url:
            return self.connection.meta.client
        if self._signer is None:
            session = self._create_session()
            self._signer = session.client(
                "s3",
                region_name=self.region_name,
                endpoint_url=self.public_endpoint_url,
                config=self.client_config,
                verify=self.verify,
            )
        return self._signer

    def signed_url(self, name, *, expire=None, filename=None, content_type=None, inline=False):
        params = {"Bucket": self.bucket_name, "Key": self._normalize_name(name)}
        if filename:
            kind = "inline" if inline else "attachment"
            params["ResponseContentDisposition"] = f"{kind}; filename*=UTF-8''{escape_uri_path(filename)}"
        if content_type:
            params["ResponseContentType"] = content_type
        return self._signing_client().generate_presigned_url(
            "get_object", Params=params, ExpiresIn=expire or self.querystring_expire
        )


def is_object_store(storage=None):
    return isinstance(storage or default_storage, S3Storage)


def serve(
    fieldfile,
    *,
    filename=None,
    as_attachment=False,
    content_type=None,
    embedded=False,
    cache_control=None,
    fh=None,
):
    """Hand out a file the caller has already access-checked. On the local folder: streamed. On an object
    store: a redirect to a signed URL of a few minutes (the store sends the bytes, with the file's name and type),
    unless the file is shown inside our own pages (`embedded`, e.g. a photo in an <img>: the page's Content
    Security Policy allows only our own origin) or the store is set to stream. Raises FileNotFoundError when
    the file is gone (views turn it into 404)."""
    storage = fieldfile.storage
    name = fieldfile.name
    filename = filename or posixpath.basename(name)
    if isinstance(storage, PrivateS3Storage) and storage.serve_mode == "redirect" and not embedded:
        if not storage.exists(name):
            raise FileNotFoundError(name)
        response = HttpResponseRedirect(
            storage.signed_url(name, filename=filename, content_type=content_type, inline=not as_attachment)
        )
        response["Cache-Control"] = "private, no-store"
        return response
    response = FileResponse(
        fh if fh is not None else fieldfile.open("rb"),
        as_attachment=as_attachment,
        filename=filename,
        content_type=content_type,
    )
    if cache_control:
        response["Cache-Control"] = cache_control
    return response


def check():
    """The health check's "storage" part: write, read back and remove a small object. Raises when the store
    cannot do one of them."""
    storage = default_storage
    name = (
        f"{PARTIAL_DIR}/healthz-{uuid.uuid4().hex}"
        if not is_object_store()
        else f"healthz/{uuid.uuid4().hex}"
    )
    from django.core.files.base import ContentFile

    saved = storage.save(name, ContentFile(b"ok"))
    try:
        with storage.open(saved, "rb") as fh:
            if fh.read() != b"ok":
                raise RuntimeError("the store returned other bytes than written")
    finally:
        storage.delete(saved)
    if is_object_store():
        return {"backend": "s3", "bucket": storage.bucket_name}
    return {"backend": "filesystem", "root": str(settings.MEDIA_ROOT)}


def serve_or_404(fieldfile, **kwargs):
    """serve(), with a missing file (or an empty field) as 404."""
    from django.http import Http404

    if not fieldfile:
        raise Http404
    try:
        return serve(fieldfile, **kwargs)
    except (FileNotFoundError, ValueError):
        raise Http404 from None
