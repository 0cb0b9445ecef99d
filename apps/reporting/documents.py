"""Report documents: A4 PDFs in Thai (through apps.core.pdf.render_pdf) and xlsx, built from snapshots."""

import datetime as dt
import io
import logging

from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.pdf import media_src, render_pdf
from apps.core.xlsx import safe_cell as cell  # noqa: E402 — the one formula escaper
from apps.registry.enums import TargetType

log = logging.getLogger(__name__)


def _date(iso):
    return dt.date.fromisoformat(iso) if iso else None


def _image_src(name):
    """A URL WeasyPrint may fetch for a stored image, or None when the file is missing or unreadable,
    so that one broken photo shows a note instead of breaking the whole PDF."""
    if not name:
        return None
    try:
        if not default_storage.exists(name):
            return None
        from PIL import Image

        with default_storage.open(name, "rb") as fh, Image.open(fh) as im:
            im.verify()
    except Exception:  # any unreadable image is shown as "cannot display"
        log.warning("photo %s cannot be rendered", name)
        return None
    return media_src(name)


PHOTOS_PER_ROW = 4


def _photo_src(p):
    """The thumbnail a report prints (the original only for a snapshot taken before its thumbnail was made)."""
    return _image_src(p.get("thumb")) or _image_src(p.get("image"))


def _rows(items, n=PHOTOS_PER_ROW):
    return [items[i : i + n] for i in range(0, len(items), n)]


def photo_sections(photos, *, by="unit", empty_label=""):
    """[{stage, label, groups: [{name, rows: [[photo, …], …]}]}] in stage order: each stage's photos by unit (or by
    district, for the province's summary), in rows of PHOTOS_PER_ROW, for a grid of thumbnails in a PDF."""
    stages = {}
    for p in photos:
        stage = stages.setdefault(p["stage"], {"stage": p["stage"], "label": p["stage_label"], "groups": {}})
        name = p.get(by) or empty_label
        stage["groups"].setdefault(name, []).append(p)
    return [
        {**st, "groups": [{"name": name, "rows": _rows(items)} for name, items in st["groups"].items()]}
        for _n, st in sorted(stages.items())
    ]


def submission_context(snapshot, *, submission=None, preview=False):
    photos = []
    for p in snapshot.get("photos", []):
        photos.append({**p, "src": _photo_src(p), "taken_on": _date(p.get("taken_on"))})
    return {
        "s": snapshot,
        "sub": submission,
        "preview": preview,
        "due_on": _date(snapshot.get("due_on")),
        "photos": photos,
        "photo_stages": photo_sections(photos, empty_label=_("งานของอำเภอ")),
        "printed_at": timezone.now(),
    }


def submission_pdf(snapshot, *, submission=None, preview=False, progress=None):
    ctx = submission_context(snapshot, submission=submission, preview=preview)
    if progress:
        progress(40)
    return render_pdf("reporting/pdf/submission.html", ctx)


def province_summary_pdf(context, progress=None):
    if progress:
        progress(40)
    photos = [
        {**p, "src": _photo_src(p), "taken_on": _date(p.get("taken_on"))} for p in context.get("photos", [])
    ]
    return render_pdf(
        "reporting/pdf/province_summary.html",
        {**context, "photo_stages": photo_sections(photos, by="district"), "printed_at": timezone.now()},
    )


def _sheet(wb, title, header, rows, first=False):
    ws = wb.active if first else wb.create_sheet()
    ws.title = title[:31]
    ws.append([cell(h) for h in header])
    for r in rows:
        ws.append([cell(v) for v in r])
    for col in ws.columns:
        width = max(len(str(c.value or "")) for c in col)
        ws.column_dimensions[col[0].column_letter].width = min(60, max(10, width + 2))
    return ws


_DEVELOPMENT_HEADER = {
    "plans": ["ประเมินตนเอง (%)", "ผ่านเกณฑ์", "สถานะแผน", "เป้าหมายการพัฒนา", "จำนวนกิจกรรม", "งบประมาณ (บาท)"],
    "results": [
        "ประเมินตนเอง (%)",
        "ผ่านเกณฑ์",
        "กิจกรรมที่ทำแล้ว",
        "กิจกรรมทั้งหมด",
        "ติดตามนิเทศ (ครั้ง)",
        "ผลการประเมินระดับอำเภอ",
        "คะแนนเฉลี่ยระดับอำเภอ (%)",
    ],
}


def _development_cells(kind, u):
    """The columns a plans or results report adds to a unit's row (snapshot schema 2; older rows give blanks)."""
    sa, plan, district = u.get("assessment") or {}, u.get("plan") or {}, u.get("district") or {}
    passed = {True: "ผ่าน", False: "ยังไม่ผ่าน"}.get(sa.get("passed"), "")
    if kind == "plans":
        return [
            sa.get("percent"),
            passed,
            plan.get("status_label", "ยังไม่มีแผน"),
            " · ".join(plan.get("goals", [])),
            plan.get("activities"),
            plan.get("budget"),
        ]
    if kind == "results":
        return [
            sa.get("percent"),
            passed,
            plan.get("done"),
            plan.get("activities"),
            u.get("visits", 0),
            district.get("decision_label", "ยังไม่ประเมิน"),
            district.get("mean"),
        ]
    return []


def submission_xlsx(snapshot):
    from openpyxl import Workbook

    wb = Workbook()
    head = [
        ["รายงาน", snapshot["kind_label"]],
        ["อำเภอ", snapshot["district"]["name"]],
        ["จังหวัด", snapshot["province"]["name"]],
        ["ปีงบประมาณ", snapshot["fiscal_year"]],
        ["หน่วยนับทั้งหมด", snapshot["totals"]["units"]],
        ["รายใหม่", snapshot["totals"]["new"]],
        ["ต่อเนื่องจากปีก่อน", snapshot["totals"]["carried"]],
    ]
    _sheet(wb, "สรุป", ["หัวข้อ", "ค่า"], head, first=True)
    type_labels = {t["type"]: t["label"] for t in snapshot["types"]}
    _sheet(
        wb,
        "หน่วยนับ",
        [
            "ประเภท",
            "ประเภทย่อย",
            "ชื่อ",
            "ที่ตั้ง",
            "ผู้ประสานงาน",
            "สมาชิก/ครัวเรือน",
            "ขั้นตอน",
            "ผล",
            "รายใหม่/ต่อเนื่อง",
            *_DEVELOPMENT_HEADER.get(snapshot["kind"], []),
        ],
        [
            [
                type_labels.get(u["type"], u["type"]),
                u["sub_type"],
                u["name"],
                u["place"],
                u["contact"],
                u["members"],
                u["stage_label"],
                u["outcome_label"],
                "ต่อเนื่องจากปีก่อน" if u["carried_over"] else "รายใหม่",
                *_development_cells(snapshot["kind"], u),
            ]
            for u in snapshot["units"]
        ],
    )
    if snapshot.get("exemplar"):
        ex = snapshot["exemplar"]
        _sheet(
            wb,
            "ต้นแบบอำเภอ",
            ["หน่วยนับ", "เหตุผลที่เสนอ", "ไฟล์นำเสนอ"],
            [[ex["unit"], ex["reason"], "มี" if ex["presentation"] else "ยังไม่มี"]],
        )
    if snapshot.get("photos"):
        _sheet(
            wb,
            "ภาพกิจกรรม",
            ["ขั้นตอน", "คำบรรยายภาพ", "หน่วยนับ", "วันที่ถ่าย"],
            [[p["stage_label"], p["caption"], p["unit"], p["taken_on"] or ""] for p in snapshot["photos"]],
        )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def tables_xlsx(tables):
    """tables: list of (title, header, rows) → one sheet each (dashboards, review grid)."""
    from openpyxl import Workbook

    wb = Workbook()
    for i, (title, header, rows) in enumerate(tables):
        _sheet(wb, title, header, rows, first=i == 0)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def national_summary_pdf(data, progress=None):
    """The national annual summary: the map, the country's totals, every province (A4 landscape)."""
    from apps.geo import maps

    the_map = maps.choropleth(
        maps.national_map(),
        {r["province"].code: r["enrolled"] for r in data["rows"]},
        title="หน่วยนับที่เข้าสู่ระบบ รายจังหวัด",
        unit="หน่วยนับ",
        area_label="จังหวัด",
        dom_id="pdf-map",
    )
    if progress:
        progress(50)
    ctx = {**data, "map": the_map, "types": list(TargetType), "printed_at": timezone.now()}
    return render_pdf("reporting/pdf/national_summary.html", ctx)


def national_rows(data):
    """The provinces' table of the national summary (xlsx and tests): header and rows."""
    header = (
        ["รหัส", "จังหวัด", "อำเภอ"]
        + [f"ขั้น {s.value}" for s in data["stages"]]
        + ["เข้าสู่ระบบ", "เป้าหมาย", "ผ่านการประเมิน"]
        + [f"{t.label} ({part})" for t in TargetType for part in ("เป้าหมาย", "เข้าสู่ระบบ", "ผ่าน")]
        + ["รายงานตรงเวลา", "รายงานช้า", "รายงานครบกำหนด", "ตรงเวลา (%)", "ใบรับรอง", "เชิดชูเกียรติ"]
    )
    rows = []
    for r in data["rows"]:
        p = r["province"]
        if r["year_id"] is None:
            rows.append([p.code, p.name_th, "ยังไม่เปิดปีงบประมาณนี้"])
            continue
        rows.append(
            [p.code, p.name_th, r["districts"], *r["stages"], r["enrolled"], r["target"], r["passed"]]
            + [c[k] for c in r["by_type"] for k in ("target", "enrolled", "passed")]
            + [r["on_time"], r["late"], r["due"], r["on_time_pct"], r["certified"], r["honours"]]
        )
    t = data["totals"]
    rows.append(
        ["", "รวมทั้งประเทศ", "", *t["stages"], t["enrolled"], t["target"], t["passed"]]
        + [c[k] for c in t["by_type"] for k in ("target", "enrolled", "passed")]
        + [t["on_time"], t["late"], t["due"], t["on_time_pct"], t["certified"], t["honours"]]
    )
    return header, rows


def national_summary_xlsx(data):
    header, rows = national_rows(data)
    by_type = [
        [str(c["type"].label), c["target"], c["enrolled"], c["passed"]] for c in data["totals"]["by_type"]
    ]
    stages = [[str(s.label), n] for s, n in zip(data["stages"], data["totals"]["stages"], strict=True)]
    return tables_xlsx(
        [
            (f"รายจังหวัด {data['fiscal_year']}", header, rows),
            ("แยกประเภท", ["ประเภท", "เป้าหมาย", "เข้าสู่ระบบ", "ผ่านการประเมิน"], by_type),
            ("รายขั้นตอน", ["ขั้นตอน", "หน่วยนับ"], stages),
        ]
    )
