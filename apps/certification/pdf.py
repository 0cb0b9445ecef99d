"""The certificate document: Thai, A4 landscape, with a QR code to the public verification page."""

import segno
from django.utils.safestring import mark_safe

from apps.core.pdf import render_pdf
from apps.core.thaitext import width_em

from .models import Certificate, CertificateSettings


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


NAME_WIDTH_PT = 690  # the name's line on an A4 landscape sheet inside the border (≈ 243 mm)


def name_size(name, largest=36, smallest=15, lines=3):
    """The unit's name on a เกียรติบัตร: the largest size (pt) at which it fits on one line, else on at most
    three lines at a size that fills them, never below `smallest` (a 200-character name shrinks, never
    overflows: it wraps at Thai word boundaries within the sheet)."""
    ems = width_em(name) or 1
    for n in range(1, lines + 1):
        size = NAME_WIDTH_PT * n / ems
        if size >= largest:
            return largest
        if size >= 22 or n == lines:
            return max(smallest, int(size))
    return smallest


def qr_png(url):
    """A QR code as a PNG data: URL: on a batch of 150 pages WeasyPrint draws an image far faster than 150
    inline SVG paths."""
    return segno.make(url, error="m", mask=0, boost_error=False).png_data_uri(
        scale=4, border=2, dark="#1a1a1a"
    )


def honour_certificates_context(ceremony, honours):
    settings = CertificateSettings.objects.filter(year_id=ceremony.year_id).first()
    certs = {
        c.enrolment.unit_id: c
        for c in Certificate.objects.filter(
            year_id=ceremony.year_id,
            revoked_at__isnull=True,
            enrolment__unit__in=[h.unit_id for h in honours],
        ).select_related("enrolment")
    }
    items = []
    for h in honours:
        cert = certs.get(h.unit_id)
        items.append(
            {
                "h": h,
                "u": h.unit,
                "size": name_size(h.unit.name),
                "cert": cert,
                "qr": qr_png(cert.verify_url()) if cert else "",
            }
        )
    return {"ceremony": ceremony, "settings": settings, "items": items}


def render_honour_certificates(ceremony, honours):
    return render_pdf(
        "certification/honour_certificates_pdf.html", honour_certificates_context(ceremony, honours)
    )
