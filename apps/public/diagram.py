"""Server-rendered SVG: a schematic district diagram of the province and a bar chart. No script, no tiles."""

import math

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

# Rough geography of Phitsanulok on a 4 × 4 grid (column, row); other provinces fall back to code order.
LAYOUTS = {
    "65": {
        "6503": (2, 0),
        "6502": (3, 0),
        "6506": (0, 1),
        "6507": (1, 1),
        "6508": (2, 1),
        "6504": (0, 2),
        "6501": (1, 2),
        "6509": (2, 2),
        "6505": (1, 3),
    },
}
TILE, GAP = 118, 8
SHADES = ["#eef4f1", "#cfe5da", "#a6d0bb", "#6fb093", "#3d8d6b", "#1f6b4c"]


def _shade(n, top):
    if not n:
        return SHADES[0]
    return SHADES[1 + min(len(SHADES) - 2, int((len(SHADES) - 2) * n / max(top, 1)))]


def district_diagram(counts, province_id, link=None, selected=None, title=""):
    """counts: [(District, n)]. Each district is a tile with its name and count; a tile links to `link(code)`."""
    layout = LAYOUTS.get(province_id)
    if not layout or any(d.code not in layout for d, _ in counts):
        cols = max(1, math.ceil(math.sqrt(len(counts))))
        layout = {d.code: (i % cols, i // cols) for i, (d, _) in enumerate(counts)}
    width = (max((c for c, _ in layout.values()), default=0) + 1) * (TILE + GAP)
    height = (max((r for _, r in layout.values()), default=0) + 1) * (TILE + GAP)
    top = max((n for _, n in counts), default=0)
    parts = [
        format_html(
            '<svg class="district-map" viewBox="0 0 {} {}" role="img" aria-labelledby="dm-title" '
            'xmlns="http://www.w3.org/2000/svg"><title id="dm-title">{}</title>',
            width,
            height,
            title,
        )
    ]
    for d, n in counts:
        col, row = layout[d.code]
        x, y = col * (TILE + GAP) + GAP / 2, row * (TILE + GAP) + GAP / 2
        fill = _shade(n, top)
        ink = "#ffffff" if fill in SHADES[3:] else "#17372a"
        stroke = (
            ' stroke="#c2410c" stroke-width="4"'
            if selected == d.code
            else ' stroke="#ffffff" stroke-width="1"'
        )
        name = d.name_th if len(d.name_th) <= 10 else d.name_th[:9] + "…"
        tile = format_html(
            '<g class="tile"><title>{} {} </title>'
            '<rect x="{}" y="{}" width="{}" height="{}" rx="14" fill="{}"{}></rect>'
            '<text x="{}" y="{}" text-anchor="middle" font-size="15" fill="{}">{}</text>'
            '<text x="{}" y="{}" text-anchor="middle" font-size="34" font-weight="700" fill="{}">{}</text></g>',
            d.label,
            n,
            x,
            y,
            TILE,
            TILE,
            fill,
            mark_safe(stroke),
            x + TILE / 2,
            y + 30,
            ink,
            name,
            x + TILE / 2,
            y + 80,
            ink,
            n,
        )
        if link:
            tile = format_html('<a href="{}" aria-label="{} {}">{}</a>', link(d.code), d.label, n, tile)
        parts.append(tile)
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))


def bar_chart(rows, title="", unit_label=""):
    """rows: [(label, n)] → horizontal bars with the value at the end of each bar."""
    label_w, bar_w, row_h = 190, 320, 34
    top = max((n for _, n in rows), default=0) or 1
    height = row_h * len(rows) + 10
    parts = [
        format_html(
            '<svg class="bar-chart" viewBox="0 0 {} {}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">',
            label_w + bar_w + 60,
            height,
            title,
        )
    ]
    for i, (label, n) in enumerate(rows):
        y = 5 + i * row_h
        w = round(bar_w * n / top, 1)
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" font-size="15" fill="#17372a">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" rx="4" fill="#2f7d5b"><title>{}: {} {}</title></rect>'
                '<text x="{}" y="{}" font-size="15" font-weight="700" fill="#17372a">{}</text>',
                label_w - 8,
                y + 21,
                label,
                label_w,
                y + 4,
                w,
                row_h - 10,
                label,
                n,
                unit_label,
                label_w + w + 6,
                y + 21,
                n,
            )
        )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))


__all__ = ["district_diagram", "bar_chart", "escape"]
