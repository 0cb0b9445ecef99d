"""Files built in the background (report PDFs, certificate PDFs, PowerPoint summaries, xlsx exports): one way to
ask for one (`request_file`) and one task that builds any of them (apps.core.tasks.build_generated_file).

Each kind registers a builder in its app's ready(): `builder(gf, progress) -> Built`. A builder re-fetches what
it needs from gf.object_id / gf.params (tasks take ids), calls progress(0–100) when it knows, and raises
`Unavailable` when its object is gone or has nothing to show (the person waiting reads the Thai message)."""

import datetime as dt
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import GeneratedFile
from .queue import enqueue

BUILD_TASK = "apps.core.tasks.build_generated_file"

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"

BUILDERS = {}


@dataclass
class Built:
    content: bytes
    name: str
    content_type: str = PDF


class Unavailable(LookupError):
    """The file cannot be built: its object is gone or there is nothing in it. `message` is shown in Thai."""

    def __init__(self, message=None):
        super().__init__(message)
        self.message = message


def register(kind, builder):
    BUILDERS[kind] = builder


def builder_for(kind):
    try:
        return BUILDERS[kind]
    except KeyError:
        raise Unavailable(_("ไม่รู้จักเอกสารประเภทนี้")) from None


def request_file(
    about,
    *,
    kind,
    title,
    by,
    params=None,
    keep=False,
    ttl=dt.timedelta(days=7),
    readers=None,
    perm=None,
    back=None,
):
    """Create the GeneratedFile row and queue its build once the caller's transaction commits. `about` decides
    who may download it (the object's visible_to); None: only its owner. `readers="province"` narrows it to
    people who read the whole province, `perm` to those with that permission on `about`. A file with `keep`
    never expires (part of a submission snapshot). `back`: where the progress page links back to."""
    params = dict(params or {})
    for key, value in (("readers", readers), ("perm", perm), ("back", back)):
        if value:
            params[key] = value
    gf = GeneratedFile.objects.create(
        kind=kind,
        title=title[:255],
        owner=by if getattr(by, "is_authenticated", False) else None,
        content_type=ContentType.objects.get_for_model(about) if about is not None else None,
        object_id=str(about.pk) if about is not None else "",
        params=params,
        keep=keep,
        expires_at=None if keep or ttl is None else timezone.now() + ttl,
    )
    enqueue(BUILD_TASK, gf.pk)
    return gf


def record(about, *, kind, title, by, built, readers=None):
    """A file already built in this process (demo data): stored and marked done at once, no task queued;
    downloads are access-checked as for a requested one."""
    gf = GeneratedFile(
        kind=kind,
        title=title[:255],
        owner=by if getattr(by, "is_authenticated", False) else None,
        content_type=ContentType.objects.get_for_model(about) if about is not None else None,
        object_id=str(about.pk) if about is not None else "",
        params={"readers": readers} if readers else {},
        status=GeneratedFile.Status.DONE,
        progress=100,
        content_type_name=built.content_type,
        finished_at=timezone.now(),
    )
    gf.file.save(built.name, ContentFile(built.content), save=False)
    gf.save()
    return gf


def request_download(user, *, kind, title, params, back=None, ttl=dt.timedelta(days=1)):
    """A download the person just asked for on a page (xlsx, PDF), built by the worker instead of inside the
    request: only its owner may fetch it (the view checked access before asking). Asking again for the same
    file while it is still being built (a double click, a reload) gives back the job already queued."""
    busy = GeneratedFile.objects.filter(
        owner=user,
        kind=kind,
        status__in=[GeneratedFile.Status.PENDING, GeneratedFile.Status.RUNNING],
        created_at__gte=timezone.now() - dt.timedelta(minutes=10),
    )
    wanted = {**params, **({"back": back} if back else {})}
    for gf in busy.order_by("-created_at")[:20]:
        if gf.params == wanted:
            return gf
    return request_file(None, kind=kind, title=title, by=user, params=params, back=back, ttl=ttl)
