"""Server-side SVG choropleths drawn from the real district boundaries (no tiles, no script, no network).

Boundaries: `apps/geo/data/thailand-districts.topojson` (928 districts with their official codes; OCHA/HDX
"Thailand – Subnational Administrative Boundaries", RTSD/ITOS 2019, CC BY-IGO, simplified by the public repository
Sompobch/thailand-geojson-topojson; see apps/geo/data/README.md). Every map shows the credit line `CREDIT`.

Work done once per process and cached (`national_map()`, `province_map(code)`): decoding the TopoJSON arcs
(absolute or quantized + delta-encoded), projecting (equirectangular, x scaled by the cosine of the middle
latitude), simplifying each arc (Douglas–Peucker, so that two neighbours keep one shared edge), dissolving a
province's districts into its outline and writing compact path strings (integer relative moves). A page render
only joins cached strings with colours: `choropleth(shapes, values, ...)`.
"""

import json
import math
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

DATA = Path(__file__).parent / "data" / "thailand-districts.topojson"
CREDIT = "Royal Thai Survey Department; OCHA"

# ColorBrewer "Greens" (5 classes) for values above zero; zero and "no data" apart.
PALETTE = ["#c7e9c0", "#a1d99b", "#74c476", "#31a354", "#006d2c"]
ZERO = "#f4f8f2"
NO_DATA = "#d0d3d6"
CLASSES = len(PALETTE)

NATIONAL_SIZE = 730  # the longer side in viewBox units; one unit ≈ 2 km
PROVINCE_SIZE = 600
TOLERANCE = 0.9  # Douglas–Peucker tolerance in viewBox units


@dataclass(frozen=True)
class Shape:
    code: str
    name: str
    d: str


@dataclass(frozen=True)
class MapShapes:
    width: int
    height: int
    shapes: tuple  # of Shape, in code order

    @property
    def codes(self):
        return [s.code for s in self.shapes]


# --- decoding ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _District:
    code: str
    province: str
    name: str
    province_name: str
    polygons: tuple  # polygons → rings → arc references (~i is arc i reversed)


@lru_cache(maxsize=1)
def _topology():
    """(arcs as [(lon, lat)], districts) from the TopoJSON file, decoded once."""
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    transform = raw.get("transform")
    arcs = []
    for arc in raw["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            pts = []
            for dx, dy in arc:
                x, y = x + dx, y + dy
                pts.append((x * sx + tx, y * sy + ty))
        else:
            pts = [(p[0], p[1]) for p in arc]
        arcs.append(pts)
    districts = []
    for obj in raw["objects"].values():
        for g in obj["geometries"]:
            p = g.get("properties") or {}
            if not p.get("district_code") or g["type"] not in ("Polygon", "MultiPolygon"):
                continue
            polys = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
            districts.append(
                _District(
                    code=str(p["district_code"]),
                    province=str(p["province_code"]),
                    name=p.get("name_th") or "",
                    province_name=p.get("province_th") or "",
                    polygons=tuple(tuple(tuple(r) for r in poly) for poly in polys),
                )
            )
    districts.sort(key=lambda d: d.code)
    return arcs, tuple(districts)


def _arc_points(arcs, ref):
    return arcs[ref] if ref >= 0 else arcs[~ref][::-1]


# --- projection and simplification -----------------------------------------------------------------


class _Projection:
    """Equirectangular, x scaled by the cosine of the middle latitude, fitted into a box of `size` units."""

    def __init__(self, lon_lat_points, size):
        lons = [p[0] for p in lon_lat_points]
        lats = [p[1] for p in lon_lat_points]
        self.min_lon, self.max_lat = min(lons), max(lats)
        self.k = math.cos(math.radians((min(lats) + max(lats)) / 2))
        span_x = (max(lons) - self.min_lon) * self.k or 1e-9
        span_y = (self.max_lat - min(lats)) or 1e-9
        self.margin = 4
        self.scale = (size - 2 * self.margin) / max(span_x, span_y)
        self.width = math.ceil(span_x * self.scale + 2 * self.margin)
        self.height = math.ceil(span_y * self.scale + 2 * self.margin)

    def __call__(self, lon, lat):
        return (
            (lon - self.min_lon) * self.k * self.scale + self.margin,
            (self.max_lat - lat) * self.scale + self.margin,
        )


def _simplify(points, tol):
    """Douglas–Peucker (iterative), keeping both ends."""
    n = len(points)
    if n < 3:
        return list(points)
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    tol2 = tol * tol
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = points[a], points[b]
        dx, dy = bx - ax, by - ay
        seg2 = dx * dx + dy * dy
        best, idx = -1.0, -1
        for i in range(a + 1, b):
            px, py = points[i]
            if seg2 == 0:
                d2 = (px - ax) ** 2 + (py - ay) ** 2
            else:
                cross = dx * (py - ay) - dy * (px - ax)
                d2 = cross * cross / seg2
            if d2 > best:
                best, idx = d2, i
        if best > tol2:
            keep[idx] = True
            stack.append((a, idx))
            stack.append((idx, b))
    return [p for p, k in zip(points, keep, strict=True) if k]


class _Drawer:
    """Projects and simplifies each arc once (shared edges stay shared), writes rings as path strings."""

    def __init__(self, arcs, projection, tol):
        self.arcs, self.project, self.tol = arcs, projection, tol
        self.cache = {}

    def arc(self, i):
        if i not in self.cache:
            pts = _simplify([self.project(x, y) for x, y in self.arcs[i]], self.tol)
            self.cache[i] = [(round(x), round(y)) for x, y in pts]
        return self.cache[i]

    def ring(self, refs):
        pts = []
        for ref in refs:
            arc = self.arc(ref if ref >= 0 else ~ref)
            if ref < 0:
                arc = arc[::-1]
            pts.extend(arc if not pts else arc[1:])
        clean = []
        for p in pts:
            if not clean or p != clean[-1]:
                clean.append(p)
        if len(clean) > 1 and clean[0] == clean[-1]:
            clean.pop()
        if len(set(clean)) < 3:
            return ""
        x0, y0 = clean[0]
        out = [f"M{x0} {y0}l"]
        px, py = x0, y0
        moves = []
        for x, y in clean[1:]:
            moves.append(f"{x - px} {y - py}")
            px, py = x, y
        out.append(" ".join(moves))
        out.append("z")
        return "".join(out).replace(" -", "-")

    def rings(self, rings):
        return "".join(self.ring(r) for r in rings)


def _dissolve(arcs, districts):
    """The outline rings of a group of districts: the arcs used once within the group, chained end to start.
    None when the chain does not close (then the districts' own rings are drawn)."""
    uses = {}
    for d in districts:
        for poly in d.polygons:
            for ring in poly:
                for ref in ring:
                    i = ref if ref >= 0 else ~ref
                    uses.setdefault(i, []).append(ref)
    outer = [refs[0] for refs in uses.values() if len(refs) == 1]
    starts = {}
    for ref in outer:
        starts.setdefault(_arc_points(arcs, ref)[0], []).append(ref)
    used, rings = set(), []
    for first in outer:
        if first in used:
            continue
        ring, ref = [], first
        while True:
            used.add(ref)
            ring.append(ref)
            end = _arc_points(arcs, ref)[-1]
            if end == _arc_points(arcs, first)[0]:
                break
            nxt = next((r for r in starts.get(end, ()) if r not in used), None)
            if nxt is None:
                return None
            ref = nxt
        rings.append(ring)
    return rings


# --- the cached maps -------------------------------------------------------------------------------


def _points_of(arcs, districts):
    for d in districts:
        for poly in d.polygons:
            for ref in poly[0]:
                yield from arcs[ref if ref >= 0 else ~ref]


@lru_cache(maxsize=1)
def national_map():
    """Every province (its districts dissolved into one outline), in province-code order."""
    arcs, districts = _topology()
    drawer = _Drawer(arcs, _Projection(list(_points_of(arcs, districts)), NATIONAL_SIZE), TOLERANCE)
    by_province = {}
    for d in districts:
        by_province.setdefault(d.province, []).append(d)
    shapes = []
    for code in sorted(by_province):
        group = by_province[code]
        rings = _dissolve(arcs, group)
        if rings is None:
            rings = [r for d in group for poly in d.polygons for r in poly]
        shapes.append(Shape(code, group[0].province_name, drawer.rings(rings)))
    return MapShapes(drawer.project.width, drawer.project.height, tuple(shapes))


@lru_cache(maxsize=80)
def province_map(province_code):
    """The districts of one province, in district-code order; None for a code without boundaries."""
    arcs, districts = _topology()
    group = [d for d in districts if d.province == str(province_code)]
    if not group:
        return None
    drawer = _Drawer(arcs, _Projection(list(_points_of(arcs, group)), PROVINCE_SIZE), TOLERANCE)
    shapes = tuple(
        Shape(d.code, d.name, drawer.rings([r for poly in d.polygons for r in poly])) for d in group
    )
    return MapShapes(drawer.project.width, drawer.project.height, shapes)


def district_codes(province_code=None):
    """The district codes that have boundaries (of one province, or of the country)."""
    _arcs, districts = _topology()
    return [d.code for d in districts if province_code is None or d.province == str(province_code)]


# --- classes and rendering --------------------------------------------------------------------------


def quantile_breaks(values, k=CLASSES):
    """Upper bounds of up to k quantile classes of the values above zero (distinct, ascending)."""
    pos = sorted(v for v in values if v is not None and v > 0)
    if not pos:
        return []
    breaks = []
    for i in range(1, k + 1):
        b = pos[max(0, math.ceil(i * len(pos) / k) - 1)]
        if not breaks or b > breaks[-1]:
            breaks.append(b)
    return breaks


def _fmt(n):
    return f"{n:,}" if isinstance(n, int) else f"{n:,.1f}"


def _legend(breaks, values):
    """[(colour, label)] of the classes: zero, each quantile class, no data (those that occur)."""
    items = []
    if any(v == 0 for v in values):
        items.append((ZERO, "0"))
    low = min((v for v in values if v is not None and v > 0), default=None)
    for i, b in enumerate(breaks):
        lo = low if i == 0 else breaks[i - 1]
        if i == 0:
            label = _fmt(lo) if lo == b else f"{_fmt(lo)}–{_fmt(b)}"
        elif isinstance(b, int) and isinstance(lo, int):
            label = _fmt(b) if lo + 1 == b else f"{_fmt(lo + 1)}–{_fmt(b)}"
        else:
            label = f"{_fmt(lo)}–{_fmt(b)}"
        items.append((PALETTE[i + len(PALETTE) - len(breaks)], label))
    if any(v is None for v in values):
        items.append((NO_DATA, _("ไม่มีข้อมูล")))
    return items


def _colour(v, breaks):
    if v is None:
        return NO_DATA
    if v <= 0 or not breaks:
        return ZERO
    return PALETTE[min(bisect_left(breaks, v), len(breaks) - 1) + len(PALETTE) - len(breaks)]


def choropleth(
    shapes,
    values,
    *,
    title,
    link=None,
    selected=None,
    unit="",
    area_label="",
    dom_id="map",
):
    """A <figure>: the SVG (every shape a link with a <title>), the legend, the credit and the data table.

    shapes: a MapShapes; values: {code: number or None} (a code missing or None: grey, "no data");
    link(code) → URL or None; selected: a code drawn with a strong outline."""
    if shapes is None:
        return ""
    vals = [values.get(s.code) for s in shapes.shapes]
    breaks = quantile_breaks(vals)
    no_data = _("ไม่มีข้อมูล")
    paths, rows, last = [], [], None
    for s, v in zip(shapes.shapes, vals, strict=True):
        shown = no_data if v is None else f"{_fmt(v)} {unit}".strip()
        tip = f"{s.name}: {shown}"
        fill = _colour(v, breaks)
        href = link(s.code) if link else None
        piece = format_html(
            '<path d="{}" fill="{}" data-code="{}"/>',
            s.d,
            fill,
            s.code,
        )
        piece = (
            format_html('<a href="{}"><title>{}</title>{}</a>', href, tip, piece)
            if href
            else format_html("<g><title>{}</title>{}</g>", tip, piece)
        )
        if s.code == selected:
            last = (piece, s.d)
        else:
            paths.append(piece)
        rows.append((s.name, href, shown))
    if last:
        paths.append(last[0])
        paths.append(
            format_html(
                '<path class="selected" d="{}" fill="none" stroke="#c2410c" stroke-width="3"/>', last[1]
            )
        )
    svg = format_html(
        '<svg class="geo-map-svg" viewBox="0 0 {} {}" width="100%" xmlns="http://www.w3.org/2000/svg" '
        'aria-labelledby="{}-title"><title id="{}-title">{}</title>'
        '<g stroke="#ffffff" stroke-width="0.6" stroke-linejoin="round">{}</g></svg>',
        shapes.width,
        shapes.height,
        dom_id,
        dom_id,
        title,
        mark_safe("".join(paths)),
    )
    legend = format_html_join(
        "",
        '<li><span class="swatch" style="background:{}"></span>{}</li>',
        _legend(breaks, vals),
    )
    table_rows = format_html_join(
        "",
        '<tr><th scope="row">{}</th><td class="num">{}</td></tr>',
        (
            (format_html('<a href="{}">{}</a>', href, name) if href else name, shown)
            for name, href, shown in rows
        ),
    )
    return format_html(
        '<figure class="geo-map" id="{}">{}'
        '<ul class="geo-legend" aria-label="{}">{}</ul>'
        '<figcaption class="geo-credit">{} {}</figcaption>'
        '<details class="geo-table"><summary>{}</summary><table class="table">'
        '<caption class="sr-only">{}</caption><thead><tr><th scope="col">{}</th><th scope="col" class="num">{}'
        "</th></tr></thead><tbody>{}</tbody></table></details></figure>",
        dom_id,
        svg,
        _("คำอธิบายสี"),
        legend,
        _("ขอบเขตการปกครอง:"),
        CREDIT,
        _("ตารางข้อมูลของแผนที่"),
        title,
        area_label or _("พื้นที่"),
        unit or _("จำนวน"),
        table_rows,
    )
