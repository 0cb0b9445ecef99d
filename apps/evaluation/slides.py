"""The exemplar's PowerPoint (python-pptx, 16:9) drawn from deck.gather: a title slide with the programme's mark,
the unit and its story, the plan's goals against what was achieved, photos of each stage placed inside their
boxes at their own proportions, the scores by standard as a native (editable) bar chart, lessons, partners and
the district office's contact. Thai text is set in Sarabun as the theme font and on every run (latin and
complex-script faces), and each text box shrinks its size until the text fits, cutting with "…" only below
the smallest size."""

import io
import math

from django.utils.translation import gettext as _
from lxml import etree
from PIL import Image, ImageDraw, ImageOps
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
from pptx.enum.text import MSO_ANCHOR
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from apps.core.thaidates import format_date
from apps.core.thaitext import EM_PER_CHAR, width_em

from .deck import gather

FONT = "Sarabun"
GREEN = RGBColor(0x1F, 0x5F, 0x3A)
BLUE = RGBColor(0x1F, 0x5F, 0x8B)
GOLD = RGBColor(0xF6, 0xC4, 0x45)
GREY = RGBColor(0x55, 0x5B, 0x61)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)

W, H = Emu(12192000), Emu(6858000)  # 13.33 × 7.5 in, 16:9
MARGIN = Emu(457200)  # 0.5 in
BODY_TOP = Emu(1150000)
BODY_W = W - 2 * MARGIN
BODY_H = H - BODY_TOP - Emu(600000)
EMU_PER_PT = 12700
INSET_W, INSET_H = 2 * 91440, 2 * 45720  # a text box's default insets, both sides


# --- fitting text ------------------------------------------------------------------------------------


def _lines_needed(lines, width_pt, size):
    per_line = max(1.0, width_pt / size)  # ems that fit on one line
    return sum(max(1, math.ceil(width_em(line) / per_line)) for line in lines)


def fit(lines, width, height, max_pt, min_pt):
    """(lines, size in pt): the largest size from max_pt down to min_pt at which the lines fit the box; below
    min_pt the last lines are dropped and the last kept one ends with "…"."""
    width_pt = (width - INSET_W) / EMU_PER_PT
    height_pt = (height - INSET_H) / EMU_PER_PT
    for size in range(max_pt, min_pt - 1, -1):
        if _lines_needed(lines, width_pt, size) * size * 1.42 <= height_pt:
            return lines, size
    kept = list(lines)
    while len(kept) > 1 and _lines_needed(kept, width_pt, min_pt) * min_pt * 1.42 > height_pt:
        kept.pop()
    last = kept[-1] if kept else ""
    per_line = width_pt / min_pt
    room = int(
        (height_pt / (min_pt * 1.42) - _lines_needed(kept[:-1], width_pt, min_pt)) * per_line / EM_PER_CHAR
    )
    if len(kept) < len(lines) or width_em(last) > room * EM_PER_CHAR:
        kept[-1] = last[: max(1, room - 1)].rstrip() + "…"
    return kept, min_pt


# --- drawing -----------------------------------------------------------------------------------------


def _faces(rpr):
    """Set the latin and the complex-script (Thai) faces: PowerPoint draws Thai with the cs face."""
    for tag in ("a:latin", "a:ea", "a:cs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = etree.SubElement(rpr, qn(tag))
        el.set("typeface", FONT)
    # schema order: fills come before the faces
    for tag in ("a:latin", "a:ea", "a:cs"):
        el = rpr.find(qn(tag))
        rpr.remove(el)
        rpr.append(el)


def _style(run, size, bold=False, color=None):
    run.font.size = Pt(size)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    _faces(run._r.get_or_add_rPr())


def text(
    slide, lines, left, top, width, height, *, max_pt=24, min_pt=12, bold=False, color=None, bullets=False
):
    lines = [line for line in (lines if isinstance(lines, list) else [lines]) if line]
    shown = [f"• {line}" if bullets else line for line in lines]
    shown, size = fit(shown, width, height, max_pt, min_pt) if shown else ([], max_pt)
    box = slide.shapes.add_textbox(left, top, width, height)
    tf = box.text_frame
    tf.word_wrap = True
    tf.vertical_anchor = MSO_ANCHOR.TOP
    for i, line in enumerate(shown):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        p.space_after = Pt(size * 0.25)
        _style(p.add_run(), size, bold, color)
        p.runs[0].text = line
    return box


def _band(slide, title, footer):
    band = slide.shapes.add_shape(1, 0, 0, W, Emu(900000))  # 1 = rectangle
    band.fill.solid()
    band.fill.fore_color.rgb = GREEN
    band.line.fill.background()
    text(slide, title, MARGIN, Emu(150000), BODY_W, Emu(650000), max_pt=30, min_pt=20, bold=True, color=WHITE)
    text(slide, footer, MARGIN, H - Emu(480000), BODY_W, Emu(400000), max_pt=12, min_pt=10, color=GREY)


def _logo_png():
    """The programme's mark (static/img/logo.svg) as a PNG: a blue disc, a gold arc and a white head."""
    img = Image.new("RGBA", (256, 256), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse((8, 8, 248, 248), fill=(0x1F, 0x5F, 0x8B))
    d.arc((56, 104, 200, 216), start=200, end=340, fill=(0xF6, 0xC4, 0x45), width=20)
    d.ellipse((100, 68, 156, 124), fill=(255, 255, 255))
    out = io.BytesIO()
    img.save(out, "PNG")
    out.seek(0)
    return out


def _picture(slide, photo, left, top, width, height):
    """Place the photo inside the box at its own proportions (never stretched), centred; False when it
    cannot be read."""
    try:
        with photo.image.open("rb") as fh:
            img = ImageOps.exif_transpose(Image.open(fh))
            img = img.convert("RGB")
            img.thumbnail((1600, 1600))
    except (OSError, ValueError, Image.DecompressionBombError):
        return False
    pw, ph = img.size
    scale = min(width / pw, height / ph)
    w, h = int(pw * scale), int(ph * scale)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=82)
    buf.seek(0)
    slide.shapes.add_picture(buf, left + (width - w) // 2, top + (height - h) // 2, w, h)
    return True


def _theme_fonts(prs):
    """Sarabun as the theme's major and minor fonts, latin and complex script, so text typed later in
    PowerPoint is Thai-ready too."""
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    for scheme in ("a:majorFont", "a:minorFont"):
        el = root.find(f".//{qn(scheme)}")
        for tag in ("a:latin", "a:cs"):
            face = el.find(qn(tag))
            if face is not None:
                face.set("typeface", FONT)
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# --- the slides --------------------------------------------------------------------------------------


def _title_slide(prs, deck):
    s = prs.slides.add_slide(prs.slide_layouts[6])
    s.shapes.add_picture(_logo_png(), MARGIN, Emu(420000), Emu(1000000), Emu(1000000))
    text(
        s,
        deck.district,
        MARGIN + Emu(1200000),
        Emu(600000),
        BODY_W - Emu(1200000),
        Emu(700000),
        max_pt=26,
        min_pt=18,
        color=GREEN,
    )
    text(s, deck.title, MARGIN, Emu(1900000), BODY_W, Emu(2000000), max_pt=48, min_pt=26, bold=True)
    text(s, deck.subtitle, MARGIN, Emu(4200000), BODY_W, Emu(1300000), max_pt=24, min_pt=16, color=GREY)
    bar = s.shapes.add_shape(1, 0, H - Emu(300000), W, Emu(300000))
    bar.fill.solid()
    bar.fill.fore_color.rgb = GOLD
    bar.line.fill.background()


def _story_slide(prs, deck, footer):
    s = prs.slides.add_slide(prs.slide_layouts[6])
    _band(s, _("หน่วยนับและเรื่องราว"), footer)
    left_w = Emu(int(BODY_W * 0.38))
    text(s, deck.facts, MARGIN, BODY_TOP, left_w, BODY_H, max_pt=22, min_pt=14)
    story = deck.story or [_("อำเภอยังไม่ได้บันทึกเรื่องราวของหน่วยนับ")]
    text(
        s,
        story,
        MARGIN + left_w + Emu(300000),
        BODY_TOP,
        BODY_W - left_w - Emu(300000),
        BODY_H,
        max_pt=22,
        min_pt=13,
    )


def _goal_slides(prs, deck, footer):
    rows = deck.goals
    if not rows:
        s = prs.slides.add_slide(prs.slide_layouts[6])
        _band(s, _("แผนพัฒนาตนเองและผลที่ได้"), footer)
        text(s, _("ยังไม่มีเป้าหมายในแผนพัฒนาตนเอง"), MARGIN, BODY_TOP, BODY_W, BODY_H)
        return
    per_slide = 5
    pages = [rows[i : i + per_slide] for i in range(0, len(rows), per_slide)]
    col_w = [int(BODY_W * 0.32), int(BODY_W * 0.36), BODY_W - int(BODY_W * 0.32) - int(BODY_W * 0.36)]
    for n, page in enumerate(pages, 1):
        s = prs.slides.add_slide(prs.slide_layouts[6])
        title = _("แผนพัฒนาตนเองและผลที่ได้")
        if len(pages) > 1:
            title += f" ({n}/{len(pages)})"
        _band(s, title, footer)
        head_h = Emu(520000)
        row_h = Emu(int((BODY_H - head_h) / len(page)))
        table = s.shapes.add_table(len(page) + 1, 3, MARGIN, BODY_TOP, BODY_W, BODY_H).table
        table.rows[0].height = head_h
        for r in range(1, len(page) + 1):
            table.rows[r].height = row_h
        for i, w in enumerate(col_w):
            table.columns[i].width = Emu(w)
        heads = [_("เป้าหมาย"), _("กิจกรรม"), _("ผลที่ได้")]
        cells = [[[h] for h in heads]]
        for row in page:
            cells.append(
                [
                    [row.goal],
                    [a for a, _p, _n in row.activities] or ["—"],
                    [f"{p}{': ' + note if note else ''}" for _a, p, note in row.activities] or ["—"],
                ]
            )
        for r, values in enumerate(cells):
            for c, lines in enumerate(values):
                cell = table.cell(r, c)
                lines, size = fit(lines, Emu(col_w[c]), row_h if r else head_h, 16 if r else 18, 10)
                tf = cell.text_frame
                tf.word_wrap = True
                for i, line in enumerate(lines):
                    p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
                    _style(p.add_run(), size, bold=(r == 0), color=WHITE if r == 0 else None)
                    p.runs[0].text = line


def _photo_slides(prs, deck, footer):
    for shots in deck.stages:
        s = prs.slides.add_slide(prs.slide_layouts[6])
        _band(s, _("ภาพกิจกรรม: %(stage)s") % {"stage": shots.stage}, footer)
        n = len(shots.photos)
        gap = Emu(300000)
        box_w = Emu(int((BODY_W - gap * (n - 1)) / n))
        box_h = BODY_H - Emu(700000)
        labels = [_("ก่อน"), _("หลัง")] if n == 2 else [""]
        for i, photo in enumerate(shots.photos):
            x = MARGIN + i * (box_w + gap)
            if not _picture(s, photo, x, BODY_TOP, box_w, box_h):
                text(s, _("อ่านไฟล์ภาพไม่ได้"), x, BODY_TOP, box_w, Emu(500000), color=GREY)
            when = format_date(photo.taken_on) if photo.taken_on else ""
            caption = " · ".join(x for x in (labels[i], photo.caption, when) if x)
            text(s, caption, x, BODY_TOP + box_h + Emu(80000), box_w, Emu(600000), max_pt=16, min_pt=11)


def _chart_slide(prs, deck, footer):
    s = prs.slides.add_slide(prs.slide_layouts[6])
    _band(s, _("ผลคะแนนรายมาตรฐาน"), footer)
    chart_w = Emu(int(BODY_W * 0.62))
    if deck.chart_categories and deck.chart_series:
        data = CategoryChartData(number_format="0.0")
        data.categories = deck.chart_categories
        for name, values in deck.chart_series:
            data.add_series(name, [float(v) if v is not None else None for v in values])
        chart = s.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, MARGIN, BODY_TOP, chart_w, BODY_H, data).chart
        chart.has_legend = True
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        axis = chart.value_axis
        axis.minimum_scale, axis.maximum_scale, axis.major_unit = 0, 100, 20
        axis.has_major_gridlines = True
        chart.category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
        chart.category_axis.reverse_order = True
        plot = chart.plots[0]
        plot.has_data_labels = True
        plot.data_labels.number_format = "0.0"
        plot.data_labels.number_format_is_linked = False
        chart.font.size = Pt(13)
        _faces(chart.font._rPr)
        for series, color in zip(plot.series, (GOLD, GREEN), strict=False):
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = color
    else:
        text(s, _("ยังไม่มีคะแนนจากการประเมินตนเองหรือคณะกรรมการ"), MARGIN, BODY_TOP, chart_w, BODY_H)
    right = MARGIN + chart_w + Emu(300000)
    text(
        s,
        deck.results or [_("ยังไม่มีผลการประเมินในปีนี้")],
        right,
        BODY_TOP,
        W - right - MARGIN,
        BODY_H,
        max_pt=20,
        min_pt=12,
        bullets=True,
    )


def _closing_slides(prs, deck, footer):
    if deck.lessons:
        s = prs.slides.add_slide(prs.slide_layouts[6])
        _band(s, _("บทเรียนที่ได้รับและปัจจัยความสำเร็จ"), footer)
        text(s, deck.lessons, MARGIN, BODY_TOP, BODY_W, BODY_H, max_pt=24, min_pt=13, bullets=True)
    s = prs.slides.add_slide(prs.slide_layouts[6])
    _band(s, _("ภาคีการพัฒนาและการติดต่อ"), footer)
    half = Emu(int((BODY_W - Emu(300000)) / 2))
    text(
        s,
        [_("ภาคีการพัฒนา")],
        MARGIN,
        BODY_TOP,
        half,
        Emu(550000),
        max_pt=22,
        min_pt=16,
        bold=True,
        color=GREEN,
    )
    text(
        s,
        deck.partners or [_("ยังไม่ได้บันทึกภาคีการพัฒนา")],
        MARGIN,
        BODY_TOP + Emu(600000),
        half,
        BODY_H - Emu(600000),
        max_pt=20,
        min_pt=12,
        bullets=bool(deck.partners),
    )
    right = MARGIN + half + Emu(300000)
    text(s, [_("ติดต่อ")], right, BODY_TOP, half, Emu(550000), max_pt=22, min_pt=16, bold=True, color=GREEN)
    text(s, deck.contact, right, BODY_TOP + Emu(600000), half, BODY_H - Emu(600000), max_pt=20, min_pt=12)


def render(deck, *, footer):
    prs = Presentation()
    prs.slide_width, prs.slide_height = W, H
    _theme_fonts(prs)
    _title_slide(prs, deck)
    _story_slide(prs, deck, footer)
    _goal_slides(prs, deck, footer)
    _photo_slides(prs, deck, footer)
    _chart_slide(prs, deck, footer)
    _closing_slides(prs, deck, footer)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def build(exemplar):
    deck = gather(exemplar)
    footer = _("%(d)s · มชช. ปีงบประมาณ %(fy)s") % {"d": deck.district, "fy": exemplar.year.fiscal_year}
    return render(deck, footer=footer)
