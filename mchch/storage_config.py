"""Where uploads and generated files live (DESIGN §8 "Storage"), read from the environment by mchch/settings.py.

Without STORAGE_URL and AWS_STORAGE_BUCKET_NAME the local folder MEDIA_ROOT is the store (the embedded default).
With either one, every node writes to and reads from one S3-compatible bucket (MinIO in docker-compose, moto's
server in the tests, any S3 in production):

    STORAGE_URL=s3://bucket[/prefix]?endpoint_url=http://127.0.0.1:9000&region=us-east-1&expire=300
    STORAGE_URL=s3://ACCESS_KEY:SECRET_KEY@bucket?endpoint_url=...

Query options: endpoint_url, region, expire (seconds a signed download URL lives, default 300),
addressing_style (path|virtual), public_endpoint_url (the address browsers reach the store at, when it differs
from the one the nodes use: signed URLs are made for it), serve (redirect|stream: whether a checked download is
a redirect to a signed URL or streamed through the app; stream when browsers cannot reach the store).
Credentials come from the URL or from the usual AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.
The AWS_* form: AWS_STORAGE_BUCKET_NAME, AWS_S3_ENDPOINT_URL, AWS_S3_REGION_NAME, AWS_QUERYSTRING_EXPIRE,
AWS_LOCATION."""

from urllib.parse import parse_qs, unquote, urlsplit

BACKEND = "apps.core.objectstore.PrivateS3Storage"
LOCAL_BACKEND = "apps.core.objectstore.LocalStorage"
DEFAULT_EXPIRE = 300
SERVE_MODES = ("redirect", "stream")


class StorageConfigError(ValueError):
    pass


def _int(value, name):
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise StorageConfigError(f"{name} must be a whole number of seconds, not {value!r}") from None
    if not 10 <= n <= 7 * 24 * 3600:
        raise StorageConfigError(f"{name} must be between 10 s and 7 days, not {n}")
    return n


def s3_options(storage_url="", environ=None):
    """The OPTIONS of the S3 storage, or None for the local folder. `environ` is os.environ-like."""
    environ = environ or {}
    if storage_url:
        parts = urlsplit(storage_url)
        if parts.scheme not in ("s3", "minio"):
            raise StorageConfigError(f"STORAGE_URL must start with s3://, not {parts.scheme or '(none)'}://")
        if not parts.hostname:
            raise StorageConfigError("STORAGE_URL names no bucket: s3://bucket?endpoint_url=…")
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        unknown = set(query) - {
            "endpoint_url",
            "region",
            "expire",
            "addressing_style",
            "public_endpoint_url",
            "serve",
        }
        if unknown:
            raise StorageConfigError(f"STORAGE_URL has unknown options: {', '.join(sorted(unknown))}")
        opts = {
            # urlsplit lower-cases the host; a bucket name is lower case anyway
            "bucket_name": parts.hostname,
            "location": parts.path.strip("/"),
            "endpoint_url": query.get("endpoint_url"),
            "region_name": query.get("region") or environ.get("AWS_S3_REGION_NAME") or "us-east-1",
            "querystring_expire": _int(query.get("expire", DEFAULT_EXPIRE), "expire"),
            "addressing_style": query.get("addressing_style")
            or ("path" if query.get("endpoint_url") else None),
            "public_endpoint_url": query.get("public_endpoint_url"),
            "serve": query.get("serve", "redirect"),
        }
        if parts.username:
            opts["access_key"] = unquote(parts.username)
            opts["secret_key"] = unquote(parts.password or "")
    elif environ.get("AWS_STORAGE_BUCKET_NAME"):
        endpoint = environ.get("AWS_S3_ENDPOINT_URL")
        opts = {
            "bucket_name": environ["AWS_STORAGE_BUCKET_NAME"],
            "location": environ.get("AWS_LOCATION", "").strip("/"),
            "endpoint_url": endpoint,
            "region_name": environ.get("AWS_S3_REGION_NAME") or "us-east-1",
            "querystring_expire": _int(
                environ.get("AWS_QUERYSTRING_EXPIRE", DEFAULT_EXPIRE), "AWS_QUERYSTRING_EXPIRE"
            ),
            "addressing_style": environ.get("AWS_S3_ADDRESSING_STYLE") or ("path" if endpoint else None),
            "public_endpoint_url": environ.get("AWS_S3_PUBLIC_ENDPOINT_URL"),
            "serve": environ.get("STORAGE_SERVE", "redirect"),
        }
    else:
        return None
    if opts["serve"] not in SERVE_MODES:
        raise StorageConfigError(f"serve must be one of {', '.join(SERVE_MODES)}, not {opts['serve']!r}")
    opts.update(
        # private objects, signed short-lived URLs, never overwrite: a second upload of a name gets a new name
        # as on the local folder
        default_acl="private",
        querystring_auth=True,
        file_overwrite=False,
    )
    return {k: v for k, v in opts.items() if v is not None and v != ""}


def storages(storage_url, environ, staticfiles_backend):
    """The STORAGES setting: the default store from the environment, static files as before."""
    opts = s3_options(storage_url, environ)
    default = {"BACKEND": LOCAL_BACKEND} if opts is None else {"BACKEND": BACKEND, "OPTIONS": opts}
    return {"default": default, "staticfiles": {"BACKEND": staticfiles_backend}}
