"""What the public may see: certified units (a certificate that is not revoked) whose profile is not hidden.
Every public page starts from here; views hand templates dicts of whitelisted fields (profiles.public_facts)."""

import re
import unicodedata

from django.db.models import Count, Exists, F, Max, OuterRef, Q, Subquery
from django.utils.translation import gettext as _

from apps.certification.models import Certificate
from apps.evaluation.models import Exemplar
from apps.geo.models import District
from apps.registry.models import Photo, Unit

from .models import OfficeContact


def clean_text(value, limit=100):
    """User input for filters and search: no NUL bytes (PostgreSQL refuses them), bounded length."""
    return (value or "").replace("\x00", "").strip()[:limit]


def unit_slug(name):
    """A readable slug that keeps Thai letters and marks (django's slugify drops Thai vowel signs)."""
    out = [ch if unicodedata.category(ch)[0] in "LMN" else "-" for ch in (name or "").lower()]
    slug = re.sub("-{2,}", "-", "".join(out)).strip("-")[:80].strip("-")
    return slug or "unit"


def valid_certificates():
    return Certificate.objects.filter(revoked_at__isnull=True)


def certified_units(fiscal_year=None):
    """Units with a certificate that is not revoked (of `fiscal_year` when given), hidden ones included."""
    certs = valid_certificates().filter(unit=OuterRef("pk"))
    if fiscal_year:
        certs = certs.filter(year__fiscal_year=fiscal_year)
    return Unit.objects.filter(Exists(certs))


def public_units(fiscal_year=None):
    """The directory: certified, not hidden, only whitelisted columns, with its latest certificate year."""
    latest = valid_certificates().filter(unit=OuterRef("pk")).order_by("-year__fiscal_year", "-certified_on")
    return (
        certified_units(fiscal_year)
        .exclude(public_profile__is_hidden=True)
        .select_related("district", "subdistrict", "village", "public_profile__cover_photo")
        .annotate(
            last_fy=Subquery(latest.values("year__fiscal_year")[:1]),
            last_certified_on=Subquery(latest.values("certified_on")[:1]),
        )
    )


def public_photos():
    """Photos the public may load: marked public, of a certified unit that is not hidden."""
    return Photo.objects.filter(
        is_public=True, unit__in=certified_units().exclude(public_profile__is_hidden=True)
    )


def latest_certified_year():
    """The B.E. fiscal year of the newest valid certificate (this year's figures), or None."""
    row = (
        valid_certificates()
        .order_by("-year__fiscal_year")
        .values("year__fiscal_year", "year__province_id")
        .first()
    )
    return row["year__fiscal_year"] if row else None


def home_province_id(fiscal_year=None):
    """The province the site shows figures for: the one with the most valid certificates."""
    qs = valid_certificates()
    if fiscal_year:
        qs = qs.filter(year__fiscal_year=fiscal_year)
    row = qs.values("year__province_id").annotate(n=Count("pk")).order_by("-n", "year__province_id").first()
    return row["year__province_id"] if row else None


def counts_by_district(units_qs, province_id):
    """{district code: count} for every district of the province (zeros included), ordered by code."""
    counts = dict(
        units_qs.filter(district__province_id=province_id)
        .order_by()
        .values_list("district_id")
        .annotate(n=Count("pk", distinct=True))
    )
    return [(d, counts.get(d.code, 0)) for d in District.objects.filter(province_id=province_id)]


def counts_by_province(units_qs):
    """{province code: count} of the units (provinces without any left out)."""
    return dict(
        units_qs.order_by().values_list("district__province_id").annotate(n=Count("pk", distinct=True))
    )


def provinces_with_certificates(fiscal_year=None):
    """The codes of the provinces that have valid certificates (of `fiscal_year` when given)."""
    qs = valid_certificates()
    if fiscal_year:
        qs = qs.filter(year__fiscal_year=fiscal_year)
    return set(qs.order_by().values_list("year__province_id", flat=True).distinct())


def figures(fiscal_year, province_id):
    """Certified units of one year: per target type, per district, and the district × type table."""
    from apps.registry.enums import TargetType

    qs = (
        certified_units(fiscal_year)
        .exclude(public_profile__is_hidden=True)
        .filter(district__province_id=province_id)
    )
    cells = {}
    for row in qs.order_by().values("district_id", "target_type").annotate(n=Count("pk", distinct=True)):
        cells[(row["district_id"], row["target_type"])] = row["n"]
    districts = list(District.objects.filter(province_id=province_id))
    by_type = [(tt, sum(n for (d, t), n in cells.items() if t == tt.value)) for tt in TargetType]
    table = []
    for d in districts:
        row = [cells.get((d.code, tt.value), 0) for tt in TargetType]
        table.append({"district": d, "cells": row, "total": sum(row)})
    return {
        "by_type": by_type,
        "by_district": [(r["district"], r["total"]) for r in table],
        "table": table,
        "type_totals": [n for _, n in by_type],
        "total": sum(n for _, n in by_type),
    }


def directory_units(fiscal_year=None):
    """The directory's units as a bare queryset (no joins, no annotations) to filter, count and page."""
    return certified_units(fiscal_year).exclude(public_profile__is_hidden=True)


def directory_index():
    """Every directory unit in the directory's order (newest certificate year first, then name) with what the
    filters, the map and the cards read: [(pk, district, subdistrict, village, target_type, sub_type, last_fy)].
    One grouped pass; the view keeps it per public-data generation, so a request filters, counts and pages it
    without SQL."""
    return list(
        directory_units()
        .annotate(
            sort_fy=Max("certificates__year__fiscal_year", filter=Q(certificates__revoked_at__isnull=True))
        )
        .order_by(F("sort_fy").desc(nulls_last=True), "name", "pk")
        .values_list(
            "pk", "district_id", "subdistrict_id", "village_id", "target_type", "sub_type", "sort_fy"
        )
    )


def directory_year_units(fiscal_year):
    """The pks of the directory units certified in `fiscal_year` (the year filter; kept per generation)."""
    return set(directory_units(fiscal_year).values_list("pk", flat=True))


def search_matches(q):
    """What the search `q` matches, in one query: the pks of units whose name, sub-type or published summary
    contain it, and the codes of the districts and subdistricts and the ids of the villages whose names do
    (their units match too). Each part is answered on PostgreSQL by its trigram index (migrations public 0003,
    0004); `%` and `_` are plain text (escaped as Django escapes `contains`). On SQLite, plain scans.
    Returns ({unit pks}, {district codes}, {subdistrict codes}, {village ids})."""
    from django.db import connection

    # Thai has no case: words without cased letters are matched as they are (LIKE on the column, answered by
    # the plain trigram indexes of migration 0004), the others case-insensitively (UPPER() indexes of 0003).
    op = "contains" if q.upper() == q.lower() else "icontains"
    sql, params = _search_sql(connection.vendor, op)
    like = connection.ops.prep_for_like_query(q)
    found = {"u": set(), "d": set(), "s": set(), "v": set()}
    with connection.cursor() as cursor:
        cursor.execute(sql, [p.replace(_WORDS, like) if isinstance(p, str) else p for p in params])
        for tag, key in cursor.fetchall():
            found[tag].add(key)
    return (
        {int(k) for k in found["u"]},
        found["d"],
        found["s"],
        {int(k) for k in found["v"]},
    )


# Stands for the search words in the search query compiled once per process (building it with the ORM cost
# more than running it); replaced by the escaped words of each request.
_WORDS = "\ue001"
_compiled_search = {}


def _search_sql(vendor, op):
    """The UNION ALL of search_matches with `_WORDS` for the words, compiled by the ORM once per database
    vendor and lookup."""
    if (vendor, op) not in _compiled_search:
        from django.db.models import CharField, Value
        from django.db.models.functions import Cast

        from apps.geo.models import Subdistrict, Village

        from .models import PublicProfile

        def tagged(qs, tag, key):
            return (
                qs.order_by()
                .annotate(t=Value(tag, output_field=CharField()), k=Cast(key, CharField()))
                .values_list("t", "k")
            )

        lookup = {f"name__{op}": _WORDS}
        parts = [
            tagged(Unit.objects.filter(**lookup), "u", "pk"),
            tagged(Unit.objects.filter(**{f"sub_type__{op}": _WORDS}), "u", "pk"),
            tagged(
                PublicProfile.objects.filter(**{f"pub_summary__{op}": _WORDS}, published_at__isnull=False),
                "u",
                "unit_id",
            ),
            tagged(District.objects.filter(**{f"name_th__{op}": _WORDS}), "d", "code"),
            tagged(Subdistrict.objects.filter(**{f"name_th__{op}": _WORDS}), "s", "code"),
            tagged(Village.objects.filter(**lookup), "v", "pk"),
        ]
        _compiled_search[(vendor, op)] = parts[0].union(*parts[1:], all=True).query.sql_with_params()
    return _compiled_search[(vendor, op)]


def directory_cards(ids):
    """What the cards of the units `ids` show, in the order of `ids`, but the certificate year (the caller
    knows it: the directory's index, the home page's query): plain rows of only the card's columns (the
    directory draws up to twenty cards a request; model instances with their joined rows cost more than the
    query)."""
    if not ids:
        return []
    rows = {r["pk"]: r for r in Unit.objects.filter(pk__in=ids).order_by().values(*CARD_FIELDS)}
    return [rows[pk] for pk in ids if pk in rows]


# What a directory card reads (views._row): nothing else is loaded.
CARD_FIELDS = (
    "pk",
    "name",
    "target_type",
    "sub_type",
    "title",
    "first_name",
    "last_name",
    "district__name_th",
    "subdistrict__name_th",
    "village__name",
    "village__moo",
    "public_profile__pub_summary",
    "public_profile__cover_photo_id",
    "public_profile__cover_photo__is_public",
)


def office_lines(district):
    """The district office's public contact as lines, for documents built below the public site
    (apps.core.contacts); the office's name alone when no contact is recorded."""
    office = OfficeContact.objects.filter(district_id=district.pk).first()
    if office is None:
        return [_("สำนักงานพัฒนาชุมชน%(d)s") % {"d": district.label}]
    lines = [office.name, office.address]
    if office.phone:
        lines.append(_("โทรศัพท์ %(p)s") % {"p": office.phone})
    lines += [office.email, office.website]
    return [line for line in lines if line]


def exemplars(fiscal_year, province_id):
    """This year's district exemplars (guideline 2.8) whose unit the public may see, in district order."""
    return list(
        Exemplar.objects.filter(
            year__fiscal_year=fiscal_year,
            year__province_id=province_id,
            enrolment__unit__in=public_units().values("pk"),
        )
        .select_related("district", "enrolment__unit")
        .order_by("district_id")
    )


def privacy_controllers():
    """One row per province that runs the programme: its controller and DPO (data), or the office's default
    name when the province has not filled them in yet."""
    from apps.geo.models import Province

    provinces = (
        Province.objects.filter(programme_years__isnull=False)
        .distinct()
        .select_related("privacy_contact")
        .order_by("name_th")
    )
    rows = []
    for p in provinces:
        c = getattr(p, "privacy_contact", None)
        rows.append({"province": p.name_th, "contact": c})
    return rows
