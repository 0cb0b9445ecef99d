"""Server-rendered SVG charts (no JavaScript, no CDN). Each chart is drawn from the same rows that the page
shows as a table and exports to xlsx, so the picture and the numbers cannot disagree."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

PALETTE = ["#1f5f99", "#3f8fcf", "#e0a526", "#5aa469", "#b5473a", "#7a5c99", "#8a8f96"]


def _svg(width, height, title, body):
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(title)}" font-family="Sarabun, sans-serif" font-size="13">'
        f"<title>{escape(title)}</title>{body}</svg>"
    )


def _legend(series, y=14, x0=0):
    parts, x = [], x0
    for s in series:
        parts.append(
            f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{s["color"]}"/>'
            f'<text x="{x + 16}" y="{y}">{escape(s["label"])}</text>'
        )
        x += 24 + 8 * len(s["label"])
    return "".join(parts), x


def stacked_bars(title, categories, series, *, label_width=150, bar_width=420, row=26):
    """Horizontal stacked bars: one row per category; `series` = [{"label", "values": [...], "color"?}]."""
    series = [{**s, "color": s.get("color") or PALETTE[i % len(PALETTE)]} for i, s in enumerate(series)]
    totals = [sum(s["values"][i] for s in series) for i in range(len(categories))]
    top = max(totals or [0]) or 1
    legend, legend_w = _legend(series)
    legend_rows = 1 + legend_w // (label_width + bar_width + 40)
    y0 = 14 + 20 * legend_rows
    parts = [f'<g class="legend">{legend}</g>'] if legend_rows == 1 else []
    if legend_rows > 1:  # wrap the legend on narrow charts
        x, y = 0, 14
        for s in series:
            w = 24 + 8 * len(s["label"])
            if x + w > label_width + bar_width + 40:
                x, y = 0, y + 20
            parts.append(
                f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{s["color"]}"/>'
                f'<text x="{x + 16}" y="{y}">{escape(s["label"])}</text>'
            )
            x += w
    for i, cat in enumerate(categories):
        y = y0 + i * row
        parts.append(
            f'<text x="{label_width - 6}" y="{y + row / 2 + 4}" text-anchor="end">{escape(cat)}</text>'
        )
        x = label_width
        for s in series:
            v = s["values"][i]
            if v:
                w = bar_width * v / top
                parts.append(
                    f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row - 6}" fill="{s["color"]}">'
                    f"<title>{escape(cat)} · {escape(s['label'])}: {v}</title></rect>"
                )
                if w > 18:
                    parts.append(
                        f'<text x="{x + w / 2:.1f}" y="{y + row / 2 + 4}" text-anchor="middle" '
                        f'fill="#fff" font-size="11">{v}</text>'
                    )
                x += w
        parts.append(f'<text x="{x + 4:.1f}" y="{y + row / 2 + 4}" fill="#444">{totals[i]}</text>')
    height = y0 + row * len(categories) + 6
    return _svg(label_width + bar_width + 40, height, title, "".join(parts))


def columns(title, categories, series, *, height=220, col=56):
    """Vertical grouped columns: one group per category (e.g. fiscal years)."""
    series = [{**s, "color": s.get("color") or PALETTE[i % len(PALETTE)]} for i, s in enumerate(series)]
    top = max([v for s in series for v in s["values"]] or [0]) or 1
    legend, legend_w = _legend(series)
    group = col * len(series) + 24
    width = max(legend_w, 40 + group * len(categories))
    base = height - 24
    plot = base - 40
    parts = [legend, f'<line x1="30" y1="{base}" x2="{width}" y2="{base}" stroke="#999"/>']
    for i, cat in enumerate(categories):
        gx = 40 + i * group
        for j, s in enumerate(series):
            v = s["values"][i]
            h = plot * v / top
            x = gx + j * col
            parts.append(
                f'<rect x="{x}" y="{base - h:.1f}" width="{col - 6}" height="{h:.1f}" fill="{s["color"]}">'
                f"<title>{escape(cat)} · {escape(s['label'])}: {v}</title></rect>"
                f'<text x="{x + (col - 6) / 2}" y="{base - h - 4:.1f}" text-anchor="middle" '
                f'font-size="11">{v}</text>'
            )
        parts.append(
            f'<text x="{gx + (group - 24) / 2}" y="{base + 18}" text-anchor="middle">{escape(cat)}</text>'
        )
    return _svg(width, height, title, "".join(parts))
