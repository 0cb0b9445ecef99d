"""Starting background work from a service: a task is named, not imported, and leaves after the current
transaction commits (so a worker never looks for a row that is not there yet, and a rolled-back change starts
nothing). Tasks call services, never the reverse: a services module does not import a tasks module
(import-linter holds it; docs/architecture.md)."""

from celery import current_app
from django.db import transaction


def task(name):
    """The registered Celery task called `name` (the tasks modules are imported by Celery's autodiscovery)."""
    app = current_app
    if name not in app.tasks:
        app.loader.import_default_modules()
    try:
        return app.tasks[name]
    except KeyError:
        raise LookupError(f"no Celery task is registered as {name!r}") from None


def enqueue(name, *args, **kwargs):
    """Run the task `name` with these arguments once the surrounding transaction has committed (at once when
    there is none). Check the name now, so that a typo fails in the caller, not later in the worker."""
    t = task(name)
    transaction.on_commit(lambda: t.delay(*args, **kwargs))
