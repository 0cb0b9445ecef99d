"""LINE: the webhook (public, POST, signed by LINE), the account-link page and unlinking (signed-in users).
Without LINE_CHANNEL_TOKEN and LINE_CHANNEL_SECRET every one of them answers 404."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from apps.core.access import staff_view

from . import line, linking
from .forms import LineLinkForm
from .models import LineAccount


def _require_line():
    if not line.configured():
        raise Http404


@csrf_exempt  # LINE cannot send a CSRF token; the body's HMAC signature authenticates it instead
@require_POST
def webhook(request):
    _require_line()
    try:
        linking.handle_webhook(request.body, request.headers.get("X-Line-Signature", ""))
    except linking.BadSignature:
        return HttpResponse(status=400)
    return HttpResponse("OK", content_type="text/plain")


@staff_view
def link(request):
    """Opened from the link LINE's chat gave the officer: confirm, then go to LINE with a fresh nonce."""
    _require_line()
    form = LineLinkForm(request.POST or request.GET)
    if request.method == "POST" and form.is_valid():
        return redirect(linking.start_link(request.user, form.cleaned_data["linkToken"]))
    account = LineAccount.objects.filter(user=request.user).first()
    return render(
        request,
        "notifications/line_link.html",
        {"form": form, "valid": form.is_valid(), "account": account},
        status=200 if form.is_valid() else 400,
    )


@staff_view
@require_POST
def unlink(request):
    _require_line()
    if linking.unlink(request.user):
        messages.success(request, _("ยกเลิกการเชื่อมบัญชี LINE แล้ว การแจ้งเตือนจะส่งทางอีเมลแทน"))
    return redirect("notifications:settings")
