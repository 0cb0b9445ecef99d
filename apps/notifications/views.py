"""Inbox and preferences (everyone with a role), calendar feed (secret token), reminder rules and the
delivery log (provincial staff). Views are thin: services do the writing."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core import calendar
from apps.core.access import require_perm, staff_view, visible_or_404
from apps.core.middleware import never_compress
from apps.registry.models import ProgrammeYear

from . import ics, line, services
from .forms import DeliveryFilterForm, PreferencesForm, RuleForm
from .models import CalendarToken, Delivery, LineAccount, Notification, NotificationPreference, ReminderRule

# --- inbox -------------------------------------------------------------------------------------------------


@staff_view
def inbox(request):
    qs = Notification.objects.visible_to(request.user)
    only_unread = request.GET.get("unread") == "1"
    if only_unread:
        qs = qs.unread()
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/inbox.html",
        {
            "page": page,
            "only_unread": only_unread,
            "unread_count": Notification.objects.visible_to(request.user).unread().count(),
        },
    )


@staff_view
@require_POST
def inbox_read(request, pk):
    n = visible_or_404(Notification, request.user, pk=pk)
    services.mark_read(n)
    if (
        request.POST.get("open")
        and n.url
        and url_has_allowed_host_and_scheme(n.url, allowed_hosts={request.get_host(), *_site_hosts()})
    ):
        return redirect(n.url)
    return redirect("notifications:inbox")


def _site_hosts():
    from urllib.parse import urlparse

    from django.conf import settings

    return {urlparse(settings.SITE_URL).netloc}


@staff_view
@require_POST
def inbox_read_all(request):
    n = services.mark_all_read(request.user)
    messages.success(request, _("ทำเครื่องหมายว่าอ่านแล้ว %(n)d ข้อความ") % {"n": n})
    return redirect("notifications:inbox")


@staff_view
@never_compress  # the calendar-feed link is a secret
def inbox_settings(request):
    pref = NotificationPreference.objects.filter(user=request.user).first()
    line_on = line.configured()
    line_account = LineAccount.objects.filter(user=request.user).first() if line_on else None
    form = PreferencesForm(request.POST or None, pref=pref, with_line=line_account is not None)
    if request.method == "POST" and form.is_valid():
        services.save_preferences(
            request.user,
            daily_digest=form.cleaned_data["daily_digest"],
            muted_kinds=form.muted_kinds(),
            channels=form.channels(),
        )
        messages.success(request, _("บันทึกการตั้งค่าการแจ้งเตือนแล้ว"))
        return redirect("notifications:settings")
    token = services.active_token(request.user)
    feed_url = (
        request.build_absolute_uri(reverse("notifications:calendar_feed", args=[token.token]))
        if token
        else ""
    )
    friend_url = settings.LINE_ADD_FRIEND_URL if line_on else ""
    return render(
        request,
        "notifications/settings.html",
        {
            "form": form,
            "token": token,
            "feed_url": feed_url,
            "line_on": line_on,
            "line_account": line_account,
            "friend_url": friend_url,
            "friend_qr": _qr_svg(friend_url) if friend_url else "",
        },
    )


def _qr_svg(url):
    import segno
    from django.utils.safestring import mark_safe

    return mark_safe(segno.make(url, error="m").svg_inline(scale=4, border=2, dark="#1a1a1a"))  # noqa: S308


@staff_view
@require_POST
def calendar_regenerate(request):
    services.regenerate_token(request.user)
    messages.success(request, _("สร้างลิงก์ปฏิทินใหม่แล้ว ลิงก์เดิม (ถ้ามี) ใช้ไม่ได้อีกต่อไป"))
    return redirect("notifications:settings")


@staff_view
@require_POST
def calendar_revoke(request):
    services.revoke_token(request.user)
    messages.success(request, _("ยกเลิกลิงก์ปฏิทินแล้ว"))
    return redirect("notifications:settings")


def calendar_feed(request, token):
    """Public by secret: no login (calendar apps cannot log in). Unknown → 404, revoked → 410, no data."""
    row = CalendarToken.objects.select_related("user").filter(token=token).first()
    if row is None or not row.user.is_active:
        raise Http404
    if row.revoked_at is not None:
        return HttpResponse(_("ลิงก์ปฏิทินนี้ถูกยกเลิกแล้ว"), status=410, content_type="text/plain; charset=utf-8")
    CalendarToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
    body = ics.calendar(calendar.events_for(row.user), name=_("กำหนดการ มชช."))
    resp = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    resp["Content-Disposition"] = 'inline; filename="mchch.ics"'
    resp["Cache-Control"] = "private, max-age=900"
    return resp


# --- reminder rules ----------------------------------------------------------------------------------------


@staff_view
def rule_list(request):
    years = list(ProgrammeYear.objects.visible_to(request.user).select_related("province"))
    year = None
    if request.GET.get("year"):
        year = next((y for y in years if str(y.pk) == request.GET["year"]), None)
        if year is None:
            raise Http404
    elif years:
        year = max(years, key=lambda y: (y.is_open, y.fiscal_year))
    rules = []
    if year:
        due = {d.kind: d.due_on for d in year.deadlines.all()}
        rules = sorted(
            ReminderRule.objects.filter(year=year), key=lambda r: (due.get(r.kind) is None, due.get(r.kind))
        )
        for r in rules:
            r.due_on = due.get(r.kind)
    return render(
        request,
        "notifications/rules.html",
        {
            "years": years,
            "year": year,
            "rules": rules,
            "can_edit": bool(year) and request.user.has_perm("notifications.edit_rule", year),
        },
    )


@staff_view
def rule_edit(request, pk):
    rule = visible_or_404(ReminderRule, request.user, pk=pk)
    require_perm(request.user, "notifications.edit_rule", rule)
    form = RuleForm(request.POST or None, rule=rule)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.save_rule(rule, by=request.user, version=form.cleaned_data["version"], **data)
        except ValidationError as exc:
            for msg in exc.messages:
                form.add_error(None, msg)
        else:
            messages.success(request, _("บันทึกกฎการแจ้งเตือนแล้ว"))
            return redirect(reverse("notifications:rules") + f"?year={rule.year_id}")
    return render(request, "notifications/rule_form.html", {"rule": rule, "form": form})


# --- operations --------------------------------------------------------------------------------------------


def _filtered_deliveries(request):
    form = DeliveryFilterForm(request.GET or None)
    qs = Delivery.objects.visible_to(request.user).select_related("recipient", "province")
    if form.is_valid():
        c = form.cleaned_data
        if c["status"]:
            qs = qs.filter(status=c["status"])
        if c["kind"]:
            qs = qs.filter(kind=c["kind"])
        if c["q"]:
            qs = qs.filter(
                Q(recipient__email__icontains=c["q"])
                | Q(recipient__first_name__icontains=c["q"])
                | Q(recipient__last_name__icontains=c["q"])
            )
        if c["date_from"]:
            qs = qs.filter(created_at__date__gte=c["date_from"])
        if c["date_to"]:
            qs = qs.filter(created_at__date__lte=c["date_to"])
    return form, qs


@staff_view
def delivery_list(request):
    require_perm(request.user, "notifications.view_deliveries")
    form, qs = _filtered_deliveries(request)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "notifications/deliveries.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "n_failed": qs.filter(status="failed").count(),
        },
    )


@staff_view
@require_POST
def delivery_retry(request, pk):
    d = visible_or_404(Delivery, request.user, pk=pk)
    require_perm(request.user, "notifications.retry_delivery", d)
    try:
        services.retry(d, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("ส่งใหม่แล้ว: %(t)s") % {"t": d.title})
    return redirect("notifications:deliveries")


@staff_view
@require_POST
def delivery_retry_failed(request):
    require_perm(request.user, "notifications.view_deliveries")
    _form, qs = _filtered_deliveries(request)
    allowed = [
        d.pk for d in qs.filter(status="failed") if request.user.has_perm("notifications.retry_delivery", d)
    ]
    n = services.retry_failed(Delivery.objects.filter(pk__in=allowed), by=request.user)
    messages.success(request, _("ส่งใหม่ %(n)d รายการ") % {"n": n})
    return redirect("notifications:deliveries")
