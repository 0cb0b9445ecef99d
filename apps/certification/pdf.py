"""The certificate document: Thai, A4 landscape, with a QR code to the public verification page."""

import segno
from django.utils.safestring import mark_safe

from apps.core.pdf import render_pdf

from .models import CertificateSettings


def qr_svg(url, scale=3):
    """An inline <svg> QR code (WeasyPrint draws inline SVG; no file, no data: URL to fetch)."""
    return mark_safe(segno.make(url, error="m").svg_inline(scale=scale, border=2, dark="#1a1a1a"))


def certificate_context(certs):
    certs = list(certs)
    settings_by_year = {
        s.year_id: s for s in CertificateSettings.objects.filter(year_id__in={c.year_id for c in certs})
    }
    items = []
    for c in certs:
        items.append({"c": c, "qr": qr_svg(c.verify_url()), "settings": settings_by_year.get(c.year_id)})
    return {"items": items}


def render_certificates_pdf(certs):
    return render_pdf("certification/certificate_pdf.html", certificate_context(certs))
