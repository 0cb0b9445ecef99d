"""Server-rendered SVG bar chart (the maps are apps.geo.maps). No script, no tiles."""

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe


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


__all__ = ["bar_chart", "escape"]
