"""Structured logs with a request id (DESIGN §8 Operations).

The id of the request being served (RequestIdMiddleware) or of the request that queued the running task
(apps.core.taskhooks) lives in `request_id`; `RequestIdFilter` puts it on every record that reaches a handler and
`JsonFormatter` writes one JSON object per line. Stdlib only: the module is loaded by LOGGING before Django."""

import datetime as dt
import json
import logging
import re
import uuid
from contextlib import contextmanager
from contextvars import ContextVar

request_id: ContextVar[str | None] = ContextVar("request_id", default=None)

# What a proxy or client may hand us: short, no spaces, nothing a log reader or a header could misread.
_SAFE = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


def clean_request_id(value):
    """The given id when it is safe, else None."""
    return value if value and _SAFE.match(value) else None


def new_request_id():
    return uuid.uuid4().hex


@contextmanager
def bound_request_id(value):
    token = request_id.set(value)
    try:
        yield value
    finally:
        request_id.reset(token)


class RequestIdFilter(logging.Filter):
    """Adds `request_id` ("-" outside a request or task) to every record; attach it to the handlers."""

    def filter(self, record):
        if not getattr(record, "request_id", None):
            record.request_id = request_id.get() or "-"
        return True


# Attributes every LogRecord has; anything else was passed with `extra=` and goes into the JSON object.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "request_id"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, request_id, extras, exception."""

    def format(self, record):
        data = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or request_id.get(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                data[key] = value
        if record.exc_info:
            data["exc_info"] = self.formatException(record.exc_info)
        if record.stack_info:
            data["stack_info"] = self.formatStack(record.stack_info)
        return json.dumps(data, ensure_ascii=False, default=str)


TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"


def logging_config(fmt, level):
    """The LOGGING setting: `fmt` is "json" or "text"."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {
            "json": {"()": JsonFormatter},
            "text": {"format": TEXT_FORMAT},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json" if fmt == "json" else "text",
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {"weasyprint": {"level": "ERROR"}, "fontTools": {"level": "ERROR"}},
    }
