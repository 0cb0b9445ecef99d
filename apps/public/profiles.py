"""What a public profile shows, for its page, its PDF and the directory: the unit loaded in a constant number of
queries, the whitelist of its facts (public_facts) and every free text passed through the privacy checker once
more (gate.py). Templates receive these plain dicts, never a Unit."""

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.certification.models import Certificate, Honour
from apps.core.pdf import media_src
from apps.evaluation.models import Exemplar
from apps.registry.enums import TargetType
from apps.registry.models import Photo, Unit

from . import selectors as sel
from .gate import allowed_names, withheld
from .models import OfficeContact, PublicProfile


def absolute(path):
    return settings.SITE_URL + path


def profile_path(unit_id, name):
    return reverse("public:profile", kwargs={"pk": unit_id, "slug": sel.unit_slug(name)})


def photo_path(photo_id):
    return reverse("public:photo", args=[photo_id])


def thumb_path(photo_id):
    return reverse("public:photo_thumb", args=[photo_id])


def load_unit(pk):
    """The unit with its certificates, honours and public photos in a constant number of queries."""
    chosen = PublicProfile.photos.through.objects.filter(photo_id=OuterRef("pk"), publicprofile__unit_id=pk)
    return (
        Unit.objects.select_related(
            "district__province", "subdistrict", "village", "public_profile__cover_photo"
        )
        .prefetch_related(
            Prefetch(
                "certificates",
                queryset=Certificate.objects.select_related("year").order_by(
                    "-year__fiscal_year", "-certified_on"
                ),
            ),
            Prefetch("honours", queryset=Honour.objects.select_related("year", "kind").order_by("-given_on")),
            "historic_certificates",  # issued before the system (issue 20 item 5)
            Prefetch(
                "photos",
                to_attr="public_photo_list",
                queryset=Photo.objects.filter(is_public=True)
                .annotate(chosen=Exists(chosen))
                .order_by("-taken_on", "pk"),
            ),
        )
        .filter(pk=pk)
        .first()
    )


def public_facts(unit):
    """The whitelist: what a profile may say about a unit. Nothing else reaches public templates or PDFs."""
    facts = {
        "id": unit.pk,
        "name": unit.name,
        "type": unit.get_target_type_display(),
        "target_type": unit.target_type,
        "sub_type": unit.sub_type,
        "district": unit.district.label,
        "district_code": unit.district_id,
        "province": unit.district.province.name_th,
        "subdistrict": unit.subdistrict.name_th if unit.subdistrict_id else "",
        "village": str(unit.village) if unit.village_id else "",
        "founded_on": unit.founded_on if unit.target_type != TargetType.LEADER else None,
        "members_count": unit.members_count
        if unit.target_type in (TargetType.GROUP, TargetType.NETWORK)
        else None,
        "households": unit.households if unit.target_type == TargetType.COMMUNITY else None,
        # A leader: name and role only (DESIGN §2), never ID, phone or address.
        "position": unit.position if unit.target_type == TargetType.LEADER else "",
    }
    return facts


def profile_context(unit):
    """What a profile page and its PDF show; every free text passes the privacy checker once more (gate.py)."""
    allowed = allowed_names(unit, consented=True)

    def safe(text, field):
        return withheld(text, allowed, unit_id=unit.pk, field=field)

    certs = [c for c in unit.certificates.all() if c.revoked_at is None]
    profile = getattr(unit, "public_profile", None) if hasattr(unit, "public_profile") else None
    photos = unit.public_photo_list
    if any(p.chosen for p in photos):
        photos = [p for p in photos if p.chosen]
    photos = photos[:12]
    cover = (
        profile.cover_photo if profile and profile.cover_photo_id and profile.cover_photo.is_public else None
    )
    cover = cover or (photos[0] if photos else None)
    years = {}
    for c in certs:
        years.setdefault(c.year.fiscal_year, {"certificates": [], "honours": []})["certificates"].append(
            {
                "number": c.number,
                "certified_on": c.certified_on,
                "awarded_on": c.awarded_on,
                "valid_until": c.valid_until,
                "verify_url": f"/verify/{c.code}/",
                "code": c.code,
            }
        )
    for h in unit.historic_certificates.all():
        years.setdefault(h.fiscal_year, {"certificates": [], "honours": []})["certificates"].append(
            {
                "number": h.number,
                "historic": True,
                "valid_until": h.valid_until,
                "verify_url": f"/verify/{h.code}/",
                "code": h.code,
            }
        )
    standing = {c.year_id for c in unit.certificates.all() if not c.revoked_at}
    for h in unit.honours.all():
        if h.kind.requires_certified and h.year_id not in standing:
            continue  # its certificate was revoked after the honour: no longer shown to the public
        years.setdefault(h.year.fiscal_year, {"certificates": [], "honours": []})["honours"].append(
            {
                "kind": h.kind.name,
                "title": safe(h.title, "honour.title") or h.kind.name,
                "given_by": safe(h.given_by, "honour.given_by"),
                "given_on": h.given_on,
            }
        )
    exemplar = (
        Exemplar.objects.filter(enrolment__unit=unit, year_id__in=standing)
        .select_related("year", "district")
        .order_by("-year__fiscal_year")
        .first()
    )
    published = profile if profile and profile.is_published else None
    office = OfficeContact.objects.filter(district_id=unit.district_id).first()
    return {
        "exemplar": {
            "fy": exemplar.year.fiscal_year,
            "district": exemplar.district.label,
            "story": safe(exemplar.story, "exemplar.story"),
            "lessons": [
                x for x in (safe(line, "exemplar.lessons") for line in exemplar.lessons.splitlines()) if x
            ],
        }
        if exemplar
        else None,
        "u": public_facts(unit),
        "text": {
            "summary": safe(published.pub_summary, "pub_summary"),
            "results": safe(published.pub_results, "pub_results"),
            "practices": safe(published.pub_practices, "pub_practices"),
            "updated": published.published_at,
        }
        if published
        else None,
        "photos": [
            {
                "id": p.pk,
                "url": photo_path(p.pk),
                "caption": safe(p.caption, "photo.caption"),
                "taken_on": p.taken_on,
                "thumb": thumb_path(p.pk),
                "width": p.thumb_width,
                "height": p.thumb_height,
                "uri": media_src(p.image) if p.image else None,
                # the PDF's small pictures print the thumbnail (the original only for the cover)
                "thumb_uri": media_src(p.thumbnail or p.image) if p.image else None,
            }
            for p in photos
        ],
        "cover": {
            "id": cover.pk,
            "url": photo_path(cover.pk),
            "thumb": thumb_path(cover.pk),
            "caption": safe(cover.caption, "photo.caption"),
        }
        if cover
        else None,
        "years": sorted(years.items(), reverse=True),
        "latest_cert": certs[0] if certs else None,
        "office": {
            "name": office.name,
            "address": office.address,
            "phone": office.phone,
            "email": office.email,
            "website": office.website,
        }
        if office
        else {
            "name": _("สำนักงานพัฒนาชุมชน%(d)s") % {"d": unit.district.label},
            "address": _("ที่ว่าการ%(d)s จังหวัด%(p)s")
            % {"d": unit.district.label, "p": unit.district.province.name_th},
            "phone": "",
            "email": "",
            "website": "",
        },
        "path": profile_path(unit.pk, unit.name),
    }


def profile_status(unit):
    if unit is None or not unit.certificates.all():
        return "missing"
    if all(c.revoked_at for c in unit.certificates.all()):
        return "revoked"
    if hasattr(unit, "public_profile") and unit.public_profile.is_hidden:
        return "hidden"
    return "ok"
