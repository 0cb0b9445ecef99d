"""Public certificate verification (no login): /verify/ for a typed code, /verify/<code>/ for a QR scan.
Rate-limited per IP through the shared cache; every check is logged; no private data is shown."""

import re

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from apps.certification.history import find_by_number
from apps.certification.models import (
    CODE_ALPHABET,
    CODE_LENGTH,
    Certificate,
    HistoricCertificate,
    VerificationLog,
    display_code,
)
from apps.core.audit import current_ip

CODE_RE = re.compile(rf"^[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")
_SEPARATORS = re.compile(r"[\s\-–—_.·/]+")


def normalise_code(raw):
    """' q58d-btaq bxe7 ' → 'Q58DBTAQBXE7' (spaces, dashes and case do not matter)."""
    return _SEPARATORS.sub("", (raw or "")).upper()


from apps.core.ratelimit import hit as rate_hit  # noqa: E402


def _ip(request):
    return current_ip.get() or request.META.get("REMOTE_ADDR")


def _rate_limited(request):
    """At most VERIFY_RATE_LIMIT checks per IP per minute."""
    return rate_hit(request, "verify", getattr(settings, "VERIFY_RATE_LIMIT", 30))


def _log(request, code, result, cert=None):
    VerificationLog.objects.create(
        code=code[:64],
        certificate=cert,
        result=result,
        ip=_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:255],
    )


def _too_many(request):
    response = render(request, "public/verify_limited.html", status=429)
    response["Retry-After"] = "60"
    return response


@never_cache
def verify_form(request):
    raw = request.GET.get("code")
    error = None
    if raw is not None:
        if _rate_limited(request):
            return _too_many(request)
        code = normalise_code(raw)
        old = None if CODE_RE.match(code) else find_by_number(raw)
        if old is not None:
            # a certificate issued before the system carries only its printed number
            return redirect("public:verify_code", code=old.code)
        if not code:
            error = _("กรุณากรอกรหัสตรวจสอบที่พิมพ์อยู่ใต้คิวอาร์โค้ดบนใบรับรอง")
        elif not CODE_RE.match(code):
            _log(request, code, VerificationLog.Result.MALFORMED)
            error = _(
                "รหัส “%(c)s” ไม่ถูกต้อง รหัสตรวจสอบมี %(n)d ตัวอักษร (ตัวเลข 2–9 และอักษรอังกฤษ) เช่น ABCD-EFGH-JKMN "
                "กรุณาตรวจสอบอีกครั้ง"
            ) % {"c": raw.strip()[:40], "n": CODE_LENGTH}
        else:
            # The code page does the lookup and the logging.
            return redirect("public:verify_code", code=code)
    return render(
        request,
        "public/verify.html",
        {"error": error, "value": (raw or "")[:40]},
        status=400 if error else 200,
    )


@never_cache
def verify_code(request, code):
    if _rate_limited(request):
        return _too_many(request)
    canonical = normalise_code(code)
    if canonical != code and CODE_RE.match(canonical):
        return redirect("public:verify_code", code=canonical)
    cert = None
    if CODE_RE.match(canonical):
        cert = (
            Certificate.objects.select_related("unit__district__province", "unit__subdistrict", "year")
            .filter(code=canonical)
            .first()
        )
    if cert is None and CODE_RE.match(canonical):
        old = (
            HistoricCertificate.objects.select_related("unit__district__province", "unit__subdistrict")
            .filter(code=canonical)
            .first()
        )
        if old is not None:
            status = old.status_on(timezone.localdate())
            _log(request, canonical, status)
            return render(
                request, "public/verify_historic.html", {"c": public_historic(old), "status": status}
            )
    if cert is None:
        result = (
            VerificationLog.Result.UNKNOWN if CODE_RE.match(canonical) else VerificationLog.Result.MALFORMED
        )
        _log(request, canonical or code, result)
        return render(request, "public/verify_unknown.html", {"code": code[:40]}, status=404)
    status = cert.status_on(timezone.localdate())
    _log(request, canonical, status, cert)
    return render(request, "public/verify_result.html", {"c": public_certificate(cert), "status": status})


def public_historic(old):
    """The verify page of a certificate issued before the system: the same whitelist, with its year only."""
    unit = old.unit
    return {
        "number": old.number,
        "unit": {
            "name": unit.name,
            "get_target_type_display": unit.get_target_type_display(),
            "sub_type": unit.sub_type,
            "district": {
                "name_th": unit.district.name_th,
                "province": {"name_th": unit.district.province.name_th},
            },
        },
        "fiscal_year": old.fiscal_year,
        "valid_until": old.valid_until,
        "display_code": display_code(old.code),
    }


def public_certificate(cert):
    """The whitelist of a verify page: what anyone holding the code may learn. The revocation reason and who
    revoked stay with staff (issue 19, PDPA); the public sees only that it was revoked, and when."""
    unit = cert.unit
    return {
        "number": cert.number,
        "unit": {
            "name": unit.name,
            "get_target_type_display": unit.get_target_type_display(),
            "sub_type": unit.sub_type,
            "district": {
                "name_th": unit.district.name_th,
                "province": {"name_th": unit.district.province.name_th},
            },
        },
        "year": {"fiscal_year": cert.year.fiscal_year},
        "certified_on": cert.certified_on,
        "awarded_on": cert.awarded_on,
        "valid_until": cert.valid_until,
        "display_code": cert.display_code,
        "revoked_at": cert.revoked_at,
    }
