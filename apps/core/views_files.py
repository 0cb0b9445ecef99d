"""Generated files (PDF, xlsx): a progress page polled by htmx, then an access-checked download.
A file is readable by whoever can see the object it is about (its model's visible_to), or by its owner
when it is about nothing; files marked for province readers need province-wide read access, and a file asked
for with a permission (params["perm"], e.g. the ceremony print) needs it on the object (403 otherwise)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from .access import staff_view
from .audit import audit
from .models import GeneratedFile
from .objectstore import serve


def _about(gf):
    if gf.content_type_id is None:
        return None
    model = gf.content_type.model_class()
    return model, gf.object_id


def readable_file_or_404(user, token):
    gf = get_object_or_404(GeneratedFile.objects.select_related("content_type"), token=token)
    about = _about(gf)
    if about is None:
        if gf.owner_id != user.pk:
            raise Http404
    else:
        model, object_id = about
        if model is None or not hasattr(model.objects, "visible_to"):
            raise Http404
        obj = model.objects.visible_to(user).filter(pk=object_id).first()
        if obj is None:
            raise Http404
        if gf.params.get("readers") == "province" and not user.scope.reads_all_of_province(
            getattr(obj, "scope_province_id", None)
        ):
            raise Http404
        if gf.params.get("perm") and not user.has_perm(gf.params["perm"], obj):
            raise PermissionDenied
    if not gf.keep and gf.expires_at and gf.expires_at < timezone.now():
        raise Http404
    return gf


@staff_view
def file_status(request, token):
    """Progress of a generated file; htmx asks for the fragment every 2 s until it is done or failed."""
    gf = readable_file_or_404(request.user, token)
    template = (
        "core/file_status_fragment.html" if request.headers.get("HX-Request") else "core/file_status.html"
    )
    return render(
        request,
        template,
        {"gf": gf, "busy": gf.status in (GeneratedFile.Status.PENDING, GeneratedFile.Status.RUNNING)},
    )


@staff_view
def file_download(request, token):
    gf = readable_file_or_404(request.user, token)
    if gf.status != GeneratedFile.Status.DONE or not gf.file:
        raise Http404  # never serve a file that is not complete
    name = gf.file.name.rsplit("/", 1)[-1]
    try:
        response = serve(
            gf.file,
            as_attachment=request.GET.get("inline") != "1",
            filename=name,
            content_type=gf.content_type_name or "application/octet-stream",
        )
    except FileNotFoundError:
        raise Http404 from None
    # every export leaves a trace (issue 19 item 5): who took which file out, and whether it held full IDs
    audit(
        request.user,
        "export.downloaded",
        gf,
        after={"kind": gf.kind, "full_ids": bool(gf.params.get("full_ids"))},
    )
    return response
