"""The public site: home, directory of certified units, profiles, photos, PDF, robots.txt; error pages.
Anyone, without logging in. Templates receive plain dicts of whitelisted fields, never a Unit."""

import mimetypes
from collections import Counter, OrderedDict
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

from apps.core.ratelimit import hit as rate_hit
from apps.geo import maps
from apps.geo.models import District, Province, Subdistrict, Village
from apps.registry.enums import TargetType
from apps.registry.models import Unit
from apps.registry.photos import photo_file_response

from . import selectors as sel
from .cache import TIMEOUT as CACHE_TIMEOUT
from .cache import cached, generation, shared
from .diagram import bar_chart
from .gate import allowed_names, withheld
from .pages import meta as _meta
from .pages import page as _page
from .pages import public_get
from .profiles import (
    absolute,
    load_unit,
    profile_context,
    profile_path,
    profile_status,
    thumb_path,
)

PER_PAGE = 20


# --- home -------------------------------------------------------------------------------------------


def _row(r, last_fy):
    """A card of the directory and the home page, from a row of selectors.directory_cards."""
    unit = Unit(
        pk=r["pk"],
        name=r["name"],
        target_type=r["target_type"],
        title=r["title"],
        first_name=r["first_name"],
        last_name=r["last_name"],
    )
    summary = r["public_profile__pub_summary"]
    cover = r["public_profile__cover_photo_id"] if r["public_profile__cover_photo__is_public"] else None
    return {
        "name": r["name"],
        "type": unit.get_target_type_display(),
        "sub_type": r["sub_type"],
        "district": District(name_th=r["district__name_th"]).label,
        "subdistrict": r["subdistrict__name_th"] or "",
        "village": str(Village(moo=r["village__moo"], name=r["village__name"])) if r["village__name"] else "",
        "url": profile_path(r["pk"], r["name"]),
        "last_fy": last_fy,
        "summary": _short(withheld(summary, allowed_names(unit), unit_id=r["pk"], field="pub_summary"))
        if summary
        else "",
        "cover": thumb_path(cover) if cover else None,
    }


def _short(text, limit=160):
    return text[:limit] + ("…" if len(text) > limit else "")


@public_get
def home(request):
    def build():
        fy = sel.latest_certified_year()
        province_id = sel.home_province_id(fy)
        ctx = {"fy": fy, "types": list(TargetType)}
        if fy and province_id:
            fig = sel.figures(fy, province_id)
            ctx.update(
                fig=fig,
                province=District.objects.filter(province_id=province_id)
                .select_related("province")
                .first()
                .province,
            )
            ctx["type_chart"] = bar_chart(
                [(str(t.label), n) for t, n in fig["by_type"]],
                title=_("หน่วยนับที่ผ่านการรับรองแยกตามประเภท"),
                unit_label=_("หน่วยนับ"),
            )
            ctx["district_chart"] = bar_chart(
                [(d.name_th, n) for d, n in fig["by_district"]],
                title=_("หน่วยนับที่ผ่านการรับรองแยกตามอำเภอ"),
                unit_label=_("หน่วยนับ"),
            )
            ctx["diagram"], ctx["map_caption"] = _home_map(fy, province_id, fig)
            ctx["exemplars"] = [
                {
                    "district": ex.district.label,
                    "name": ex.enrolment.unit.name,
                    "url": profile_path(ex.enrolment.unit_id, ex.enrolment.unit.name),
                }
                for ex in sel.exemplars(fy, province_id)
            ]
        latest = dict(
            sel.public_units().order_by("-last_certified_on", "name", "pk").values_list("pk", "last_fy")[:6]
        )
        ctx["latest"] = [_row(r, latest[r["pk"]]) for r in sel.directory_cards(list(latest))]
        title = _(settings.PROGRAMME_NAME) if settings.PROGRAMME_NAME else ""
        return {
            "title": title,
            "head": _meta(
                request,
                title=title,
                path="/",
                description=_(
                    "หน่วยนับที่ผ่านการรับรองมาตรฐานการพัฒนาชุมชน (มชช.) "
                    "ผู้นำชุมชน กลุ่ม/องค์กรชุมชน เครือข่ายองค์การชุมชน และชุมชน"
                ),
            ),
            "body": render_to_string("public/_home.html", ctx, request=request),
        }

    return _page(request, cached(request, "home", build))


def _home_map(fy, province_id, fig):
    """The country by province when several provinces certify units, else the province by district."""
    with_data = sel.provinces_with_certificates()
    directory = reverse("public:directory")
    if len(with_data) > 1:
        counts = sel.counts_by_province(certified_units_shown(fy))
        return maps.choropleth(
            maps.national_map(),
            {code: counts.get(code, 0) for code in with_data},
            title=_("แผนที่จังหวัด: จำนวนหน่วยนับที่ผ่านการรับรอง ปีงบประมาณ %(fy)s") % {"fy": fy},
            link=lambda code: directory + "?" + urlencode({"year": fy, "province": code}),
            unit=_("หน่วยนับ"),
            area_label=_("จังหวัด"),
            dom_id="home-map",
        ), _("แผนที่จังหวัด (แตะจังหวัดเพื่อดูรายชื่อ)")
    return maps.choropleth(
        maps.province_map(province_id),
        {d.code: n for d, n in fig["by_district"]},
        title=_("แผนที่อำเภอ: จำนวนหน่วยนับที่ผ่านการรับรอง ปีงบประมาณ %(fy)s") % {"fy": fy},
        link=lambda code: directory + "?" + urlencode({"year": fy, "district": code}),
        unit=_("หน่วยนับ"),
        area_label=_("อำเภอ"),
        dom_id="home-map",
    ), _("แผนที่อำเภอ (แตะอำเภอเพื่อดูรายชื่อ)")


def certified_units_shown(fy):
    return sel.certified_units(fy).exclude(public_profile__is_hidden=True)


# --- directory --------------------------------------------------------------------------------------


def _directory_options():
    """The filter options, the same for every directory request (kept per public-data generation)."""
    province_ids = sel.provinces_with_certificates()
    districts = list(District.objects.filter(province_id__in=province_ids))
    by_province = {}
    for d in districts:
        by_province.setdefault(d.province_id, []).append(d)
    return {
        "years": sorted(
            set(sel.valid_certificates().order_by().values_list("year__fiscal_year", flat=True).distinct()),
            reverse=True,
        ),
        "sub_types": sorted(
            set(
                sel.certified_units()
                .exclude(sub_type="")
                .order_by()
                .values_list("sub_type", flat=True)
                .distinct()
            )
        ),
        "province_ids": province_ids,
        "provinces": list(Province.objects.filter(code__in=province_ids).order_by("code")),
        "districts": districts,
        "districts_by_province": by_province,
    }


_memo = {}


def _per_generation(name, build):
    """A value every directory request shares, kept per public-data generation: in the shared cache, and in
    this process for the current generation only (a change bumps the generation in the shared cache)."""
    gen = generation()
    if _memo.get("generation") != gen:
        _memo.clear()
        _memo["generation"] = gen
    if name not in _memo:
        _memo[name] = build()
    return _memo[name]


class _Index:
    """The directory kept per public-data generation in each process (apps.public.selectors.directory_index):
    the rows in the directory's order and, for a search, where each unit, district, subdistrict and village
    sits in that order, so a request reads only the positions its words matched."""

    def __init__(self, rows):
        self.rows = rows
        self.position = {}
        self.by_place = {}
        self.last_fy = {}
        for i, (pk, district, subdistrict, village, _t, _s, fy) in enumerate(rows):
            self.position[pk] = i
            self.last_fy[pk] = fy
            for key in (("d", district), ("s", subdistrict), ("v", village)):
                if key[1]:
                    self.by_place.setdefault(key, []).append(i)

    def positions(self, unit_pks, districts, subdistricts, villages):
        """The positions (in the directory order) of the units a search matched."""
        out = {self.position[pk] for pk in unit_pks if pk in self.position}
        for tag, keys in (("d", districts), ("s", subdistricts), ("v", villages)):
            for key in keys:
                out.update(self.by_place.get((tag, key), ()))
        return sorted(out)


def _directory_index():
    return _per_generation("directory-index", lambda: _Index(_per_generation_shared_rows()))


def _per_generation_shared_rows():
    return shared("directory-index:v2", sel.directory_index)


def _year_units(fiscal_year):
    key = f"directory-year-{fiscal_year}"
    return _per_generation(key, lambda: shared(key, lambda: sel.directory_year_units(fiscal_year)))


def parse_filters(params):
    """Valid filters, the labels of ignored ones, and the options of each select. Unknown values are ignored."""
    opts = _per_generation("directory-options", lambda: shared("directory-options:v2", _directory_options))
    years, sub_types, province_ids, provinces = (
        opts["years"],
        opts["sub_types"],
        opts["province_ids"],
        opts["provinces"],
    )
    f, ignored = OrderedDict(), []

    def take(name, label, valid, convert=str):
        raw = sel.clean_text(params.get(name))
        if not raw:
            return
        try:
            value = convert(raw)
        except (TypeError, ValueError):
            value = None
        if value is not None and value in valid:
            f[name] = value
        else:
            ignored.append(label)

    take("year", _("ปีงบประมาณ"), set(years), int)
    take("type", _("ประเภท"), {t.value for t in TargetType})
    take("sub_type", _("ประเภทย่อย"), set(sub_types))
    take("province", _("จังหวัด"), province_ids)
    by_province = opts["districts_by_province"]
    if "district" in params:
        # A district code starts with its province's: only that province's districts are looked through.
        province = f.get("province") or sel.clean_text(params.get("district"))[:2]
        take("district", _("อำเภอ"), {d.code for d in by_province.get(province, ())})
    subdistricts = list(Subdistrict.objects.filter(district_id=f["district"])) if "district" in f else []
    take("subdistrict", _("ตำบล"), {s.code for s in subdistricts} if subdistricts else set())
    q = sel.clean_text(params.get("q"))
    if q:
        f["q"] = q
    return (
        f,
        ignored,
        {
            "years": years,
            "sub_types": sub_types,
            "provinces": provinces,
            # The district select lists one province's districts: the chosen one (or the district's), or the
            # only province with data; with several provinces and none chosen the map picks a province first.
            "districts": opts["districts"]
            if len(province_ids) == 1
            else by_province.get(f.get("province") or f.get("district", "")[:2], []),
            "subdistricts": subdistricts,
            "all_districts": opts["districts"],
        },
    )


def _directory_map(f, options, by_area, url_with):
    """A chosen province (or the only one with data): its districts; else the country by province.
    Each area links to the directory filtered by it, the other filters kept."""
    province_id = f.get("province") or (f["district"][:2] if "district" in f else None)
    if province_id is None and len(options["provinces"]) == 1:
        province_id = options["provinces"][0].code
    if province_id:
        per_district = Counter(district_id for _pk, district_id in by_area)
        counts = {
            d: per_district.get(d.code, 0) for d in options["all_districts"] if d.province_id == province_id
        }
        return maps.choropleth(
            maps.province_map(province_id),
            {d.code: n for d, n in counts.items()},
            title=_("แผนที่อำเภอ: จำนวนหน่วยนับตามตัวกรองนี้"),
            link=lambda code: url_with(district=code, subdistrict=None, page=None),
            selected=f.get("district"),
            unit=_("หน่วยนับ"),
            area_label=_("อำเภอ"),
            dom_id="directory-map",
        )
    if not options["provinces"]:
        return ""
    counts = Counter(district_id[:2] for _pk, district_id in by_area)
    return maps.choropleth(
        maps.national_map(),
        {p.code: counts.get(p.code, 0) for p in options["provinces"]},
        title=_("แผนที่จังหวัด: จำนวนหน่วยนับตามตัวกรองนี้"),
        link=lambda code: url_with(province=code, district=None, subdistrict=None, page=None),
        unit=_("หน่วยนับ"),
        area_label=_("จังหวัด"),
        dom_id="directory-map",
    )


# A crawler walking every page must not cost a deep OFFSET: the directory shows at most MAX_PAGES pages of
# PER_PAGE units; narrower filters or a search reach the rest.
MAX_PAGES = 50


class _Pages(Paginator):
    """A paginator over a known count, at most MAX_PAGES pages; `capped` when more units matched."""

    def __init__(self, count):
        super().__init__(range(min(count, MAX_PAGES * PER_PAGE)), PER_PAGE, allow_empty_first_page=True)
        self.total = count
        self.capped = count > MAX_PAGES * PER_PAGE

    @property
    def count(self):
        return self.total

    @cached_property
    def num_pages(self):
        shown = min(self.total, MAX_PAGES * PER_PAGE)
        return max(1, -(-shown // PER_PAGE))


def _page_number(raw, count):
    """The page to show for the `page` parameter, the Thai notes for a bad or too-far one, and the paginator."""
    paginator = _Pages(count)
    notes = []
    raw = sel.clean_text(raw, 30) or "1"
    try:
        number = int(raw)
    except ValueError:
        number = 1
        notes.append(_("เลขหน้าไม่ถูกต้อง จึงแสดงหน้าแรก"))
    if number < 1:
        if not notes:
            notes.append(_("เลขหน้าไม่ถูกต้อง จึงแสดงหน้าแรก"))
        number = 1
    if number > paginator.num_pages:
        shown = raw if len(raw) <= 12 else raw[:12] + "…"
        if paginator.capped:
            notes.append(
                _(
                    "ทำเนียบแสดงได้ถึงหน้าที่ %(last)s จึงแสดงหน้าที่ %(last)s แทนหน้าที่ %(n)s "
                    "กรุณาค้นหาหรือเลือกตัวกรองเพื่อดูหน่วยนับที่เหลือ"
                )
                % {"n": shown, "last": paginator.num_pages}
            )
        else:
            notes.append(
                _("ไม่มีหน้าที่ %(n)s จึงแสดงหน้าสุดท้าย (หน้าที่ %(last)s)") % {"n": shown, "last": paginator.num_pages}
            )
        number = paginator.num_pages
    return number, notes, paginator


# The longest search the directory takes (the search box says so too); longer text is cut with a Thai note.
MAX_QUERY = 100
# Stands for the search words in a map kept per filter set; replaced by the request's own words.
_Q_MARK = "\ue000"


def _cards_html(pks, last_fy):
    """The cards of one page, in order: each card's HTML kept per unit and public-data generation in the shared
    cache (one round trip for the page), so only cards not seen since the last change are loaded and drawn."""
    from django.core.cache import cache
    from django.utils.safestring import mark_safe
    from django.utils.translation import get_language

    if not pks:
        return ""
    gen, lang = generation(), get_language()
    keys = {pk: f"public:{gen}:card:{lang}:{pk}" for pk in pks}
    got = cache.get_many(list(keys.values()))
    missing = [pk for pk in pks if keys[pk] not in got]
    if missing:
        fresh = {
            keys[r["pk"]]: render_to_string("public/_card.html", {"r": _row(r, last_fy[r["pk"]])})
            for r in sel.directory_cards(missing)
        }
        cache.set_many(fresh, CACHE_TIMEOUT)
        got.update(fresh)
    return mark_safe("".join(got.get(keys[pk], "") for pk in pks))


def _filter_form(f, options):
    """The filter form, drawn once per filter set and language in each process (the selects list up to 77
    provinces); the search box gets the request's own words."""
    import hashlib

    from django.utils.html import escape
    from django.utils.safestring import mark_safe
    from django.utils.translation import get_language

    plain = sorted((k, v) for k, v in f.items() if k != "q")
    key = "form:" + hashlib.sha1(repr((get_language(), plain, "q" in f)).encode()).hexdigest()
    html = _kept(key)
    if html is None:
        shown = {**f, **({"q": _Q_MARK} if "q" in f else {})}
        html = _keep(
            key,
            render_to_string(
                "public/_directory_form.html", {"f": shown, "options": options, "types": list(TargetType)}
            ),
        )
    if "q" in f:
        html = html.replace(_Q_MARK, escape(f["q"]))
    return mark_safe(html)


def _kept(key):
    gen = generation()
    if _maps.get("generation") != gen or len(_maps) > MAPS_KEPT:
        _maps.clear()
        _maps["generation"] = gen
    return _maps.get(key)


def _keep(key, value):
    _maps[key] = value
    return value


_maps = {}
MAPS_KEPT = 128  # maps kept in each process for the current generation (then the shared cache answers)


def _facet_map(f, options, index, facet):
    """The map counts the units of the filter set without the search words (facets per filter set, not per
    query), kept per generation and filter set; its links keep the request's search words."""
    import hashlib

    from django.utils.translation import get_language

    plain = {k: v for k, v in f.items() if k != "q"}
    key = hashlib.sha1(repr((get_language(), sorted(plain.items()), "q" in f)).encode()).hexdigest()

    def build():
        base = {**plain, **({"q": _Q_MARK} if "q" in f else {})}
        directory_url = reverse("public:directory")

        def url_with(**changes):
            params = {k: v for k, v in {**base, **changes}.items() if v not in (None, "")}
            params.pop("page", None)
            return directory_url + ("?" + urlencode(params) if params else "")

        by_area = [(row[0], row[1]) for row in index.rows if facet(row)]
        return str(_directory_map(plain, options, by_area, url_with))

    html = _kept(f"map:{key}")
    if html is None:
        html = _keep(f"map:{key}", shared(f"map:{key}", build))
    if "q" in f:
        html = html.replace(urlencode({"q": _Q_MARK})[2:], urlencode({"q": f["q"]})[2:])
    from django.utils.safestring import mark_safe

    return mark_safe(html)


@public_get
def directory(request):
    # Text search is the one public query a robot could vary endlessly past the page cache.
    if request.GET.get("q") and rate_hit(request, "search", getattr(settings, "SEARCH_RATE_LIMIT", 60)):
        response = render(request, "public/too_many.html", status=429)
        response["Retry-After"] = "60"
        return response

    def build():
        f, ignored, options = parse_filters(request.GET)
        notes = []
        if len((request.GET.get("q") or "").strip()) > MAX_QUERY:
            notes.append(_("คำค้นยาวเกิน %(n)s ตัวอักษร จึงค้นหาด้วย %(n)s ตัวอักษรแรก") % {"n": MAX_QUERY})
        index = _directory_index()
        # The filters other than the search words: read from the index kept per generation, no SQL.
        year_units = _year_units(f["year"]) if "year" in f else None

        def facet(row):
            pk, _district, subdistrict, _village, target_type, sub_type, _fy = row
            return (
                (year_units is None or pk in year_units)
                and ("type" not in f or target_type == f["type"])
                and ("sub_type" not in f or sub_type == f["sub_type"])
                and ("subdistrict" not in f or subdistrict == f["subdistrict"])
            )

        def in_area(row):
            return ("province" not in f or row[1][:2] == f["province"]) and (
                "district" not in f or row[1] == f["district"]
            )

        rows = index.rows
        if "q" in f:
            # The search words: one query on the trigram indexes, then only the matched positions are read.
            positions = index.positions(*sel.search_matches(f["q"]))
            matched = [rows[i][0] for i in positions if facet(rows[i]) and in_area(rows[i])]
        else:
            matched = [row[0] for row in rows if facet(row) and in_area(row)]
        number, page_notes, paginator = _page_number(request.GET.get("page"), len(matched))
        notes += page_notes
        page = paginator.page(number)
        base = {k: v for k, v in f.items()}
        directory_url = reverse("public:directory")

        def url_with(**changes):
            params = {k: v for k, v in {**base, **changes}.items() if v not in (None, "")}
            if params.get("page") == 1:
                del params["page"]
            return directory_url + ("?" + urlencode(params) if params else "")

        ctx = {
            "cards": _cards_html(matched[(number - 1) * PER_PAGE : number * PER_PAGE], index.last_fy),
            "page": page,
            "paginator": paginator,
            "f": f,
            "ignored": ignored,
            "notes": notes,
            "options": options,
            "types": list(TargetType),
            "diagram": _facet_map(f, options, index, facet),
            "filter_form": _filter_form(f, options),
            "prev_url": url_with(page=page.previous_page_number()) if page.has_previous() else None,
            "next_url": url_with(page=page.next_page_number()) if page.has_next() else None,
            "first_url": url_with(page=None),
            "last_url": url_with(page=paginator.num_pages),
            "capped": paginator.capped,
            "clear_url": directory_url,
        }
        canonical = url_with(page=number if number > 1 else None)
        title = _("ทำเนียบหน่วยนับที่ผ่านการรับรอง มชช.")
        return {
            "title": title,
            "head": _meta(
                request,
                title=title,
                path=canonical,
                description=_(
                    "ค้นหาผู้นำชุมชน กลุ่ม/องค์กรชุมชน เครือข่าย และชุมชนที่ผ่านการรับรอง มชช. ตามปี ประเภท อำเภอ และตำบล"
                ),
            ),
            "body": render_to_string("public/_directory.html", ctx, request=request),
        }

    return _page(request, cached(request, "directory", build))


# --- profile ----------------------------------------------------------------------------------------


def _unavailable(request, unit, reason):
    """A clear Thai page instead of an error: revoked → 410, hidden → 404."""
    revoked_on = None
    if reason == "revoked":
        revoked_on = max((c.revoked_at for c in unit.certificates.all() if c.revoked_at), default=None)
    return render(
        request,
        "public/unavailable.html",
        {"reason": reason, "name": unit.name, "revoked_on": revoked_on},
        status=410 if reason == "revoked" else 404,
    )


@public_get
def profile_redirect(request, pk):
    unit = get_object_or_404(sel.certified_units().only("pk", "name"), pk=pk)
    return redirect(profile_path(unit.pk, unit.name), permanent=True)


@public_get
def profile(request, pk, slug):
    def build():
        unit = load_unit(pk)
        status = profile_status(unit)
        if status != "ok":
            return {"status": status, "name": unit.name if unit else "", "slug": ""}
        ctx = profile_context(unit)
        ctx["pdf_url"] = reverse(
            "public:profile_pdf", kwargs={"pk": unit.pk, "slug": sel.unit_slug(unit.name)}
        )
        u = ctx["u"]
        desc = (ctx["text"]["summary"] if ctx["text"] else "") or _("%(type)s %(place)s ผ่านการรับรอง มชช.") % {
            "type": u["type"],
            "place": u["district"],
        }
        return {
            "status": "ok",
            "slug": sel.unit_slug(unit.name),
            "unit_id": unit.pk,
            "title": u["name"],
            "head": _meta(
                request,
                title=u["name"],
                description=desc,
                path=ctx["path"],
                kind="article",
                image=ctx["cover"]["url"] if ctx["cover"] else None,
                allowed=allowed_names(unit),
            ),
            "body": render_to_string("public/_profile.html", ctx, request=request),
        }

    data = cached(request, "profile", build)
    if data["status"] == "missing":
        raise Http404
    if data["status"] in ("revoked", "hidden"):
        unit = load_unit(pk)
        return _unavailable(request, unit, data["status"])
    if slug != data["slug"]:
        return redirect(profile_path(pk, data["title"]), permanent=True)
    from .links import staff_url

    can_edit = request.user.is_authenticated and request.user.has_perm(
        "public.edit_profile", Unit.objects.only("pk", "district_id").get(pk=pk)
    )
    return _page(request, data, extra={"staff_url": staff_url("edit", pk) if can_edit else None})


@public_get
def profile_pdf(request, pk, slug):
    """A printable A4 profile (guideline 2.11: documents and media), built by the worker: the first visitor
    after a change gets a Thai "being prepared" page that reloads itself (202), then the file."""
    from django.core.cache import cache
    from django.utils.translation import get_language

    from apps.core.queue import task

    from . import documents

    gen, lang = generation(), get_language()
    key = documents.pdf_key(gen, lang, pk)
    data = cache.get(key)
    if data is None:
        if documents.claim(gen, lang, pk):
            # no transaction here (public_get): queued at once; run in this process when tasks are eager
            task("apps.public.tasks.build_profile_pdf").delay(pk, gen, lang)
            data = cache.get(key)
        if data is None:
            response = render(request, "public/pdf_pending.html", status=202)
            response["Refresh"] = "3"
            response["Retry-After"] = "3"
            response["Cache-Control"] = "no-store"
            return response
    if data["status"] == "missing":
        raise Http404
    if data["status"] != "ok":
        return _unavailable(request, load_unit(pk), data["status"])
    response = HttpResponse(data["pdf"], content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="mchch-profile-{pk}.pdf"'
    return response


@public_get
def photo(request, pk, thumb=False):
    """A photo the public may see (public:photo) or its thumbnail (public:photo_thumb): marked public, of a
    certified unit whose profile is not hidden."""
    p = get_object_or_404(
        sel.public_photos().only("pk", "image", "thumbnail", "thumb_width", "thumb_height"), pk=pk
    )
    ctype = mimetypes.guess_type(p.image.name)[0] or "application/octet-stream"
    return photo_file_response(p, thumb=thumb, content_type=ctype, cache_control="public, max-age=300")


@public_get
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /app/",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /units/*/pdf/",
        "Allow: /",
        f"Sitemap: {absolute(reverse('public:sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


# --- errors (wired in mchch/urls.py) -----------------------------------------------------------------


@requires_csrf_token
def error_400(request, exception=None):
    return render(request, "errors/400.html", status=400)


@requires_csrf_token
def error_403(request, exception=None):
    return render(request, "errors/403.html", status=403)


@requires_csrf_token
def error_404(request, exception=None):
    return render(request, "errors/404.html", status=404)


@requires_csrf_token
def error_500(request):
    return render(request, "errors/500.html", status=500)
