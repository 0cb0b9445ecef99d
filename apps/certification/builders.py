"""Builder of certificate PDFs (apps.core.generated): one certificate, or every valid certificate of a year (the
ceremony print), optionally of one district. Registered in apps.py."""

from django.utils.translation import gettext as _

from apps.core.generated import Built, Unavailable

CERTIFICATE_KIND = "certificate_pdf"
YEAR_KIND = "certificates_year_pdf"


def _certificates_for(gf):
    from apps.registry.models import ProgrammeYear

    from .models import Certificate

    qs = Certificate.objects.select_related(
        "unit__district__province", "unit__subdistrict", "unit__village", "year__province"
    )
    model = gf.content_type.model_class() if gf.content_type_id else None
    if model is Certificate:
        return list(qs.filter(pk=gf.object_id))
    if model is ProgrammeYear:
        qs = qs.filter(year_id=gf.object_id, revoked_at__isnull=True).order_by("seq")
        if gf.params.get("district"):
            qs = qs.filter(unit__district_id=gf.params["district"])
        return list(qs)
    return []


def certificates_pdf(gf, progress):
    from .pdf import render_certificates_pdf

    certs = _certificates_for(gf)
    if not certs:
        raise Unavailable(_("ไม่พบใบรับรองที่จะพิมพ์"))
    progress(20)
    return Built(render_certificates_pdf(certs), f"certificates-{gf.token}.pdf")


CEREMONY_KIND = "ceremony_honours_pdf"


def ceremony_pdf(gf, progress):
    """The เกียรติบัตร of one ceremony, one A4 landscape page per recipient whose certificate still stands."""
    from .honours import printable_honours
    from .models import Ceremony
    from .pdf import render_honour_certificates

    ceremony = Ceremony.objects.select_related("year__province").filter(pk=gf.object_id).first()
    if ceremony is None:
        raise Unavailable()
    honours = printable_honours(ceremony)
    if not honours:
        raise Unavailable(_("พิธีนี้ยังไม่มีเกียรติบัตรที่จะพิมพ์"))
    progress(20)
    return Built(render_honour_certificates(ceremony, honours), f"honours-{ceremony.pk}.pdf")
