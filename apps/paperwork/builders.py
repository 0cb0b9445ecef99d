"""Builders of an official document's files (apps.core.generated, registered in apps.py): the Thai A4 PDF in the
layout of the ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ, and the same text as an editable .docx."""

import io
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from apps.core.generated import Built, Unavailable
from apps.core.pdf import media_src
from apps.core.thaidates import format_date

PDF_KIND = "paperwork_pdf"
DOCX_KIND = "paperwork_docx"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

GARUDA_CM = {"order": 3, "announcement": 3, "letter": 3, "memo": 1.5, "minutes": 0}


def _document(gf):
    from .models import OfficialDocument

    doc = (
        OfficialDocument.objects.select_related(
            "office__province", "office__district", "number", "replaces__number"
        )
        .filter(pk=gf.object_id)
        .first()
    )
    if doc is None:
        raise Unavailable(_("ไม่พบหนังสือนี้แล้ว"))
    return doc


# Words a line must not split (Pango breaks Thai by dictionary and ignores a no-break space there): kept in a
# nowrap span in the PDF.
GLUE = re.compile(r"(พ\.ศ\. [๐-๙0-9]+|ปีงบประมาณ|ครั้งที่ [๐-๙0-9/]+|จำนวน [๐-๙0-9]+ หน่วยนับ|[๐-๙0-9]+ หน่วยนับ)")


def glue(text):
    return mark_safe(GLUE.sub(r'<span class="nw">\1</span>', str(escape(text))))


def view_of(doc, *, for_pdf=True):
    """Everything the PDF and the .docx print, as text, Thai digits applied when the office uses them."""
    office = doc.office

    def t(text):
        text = office.digits(text)
        return glue(text) if for_pdf else text

    body = doc.body or {}

    def block(b):
        if "table" in b:
            tb = b["table"]
            widths = tb.get("widths") or [None] * len(tb["head"])
            head = [{"t": t(h), "w": w} for h, w in zip(tb["head"], widths, strict=False)]
            return {"table": {"head": head, "rows": [[t(c) for c in r] for r in tb["rows"]]}}
        if "ol" in b:
            return {"ol": [t(x) for x in b["ol"]]}
        key = "h" if "h" in b else "p"
        return {key: t(b[key])}

    replaces = body.get("replaces")
    replaces_line = ""
    if replaces:
        import datetime as dt

        replaces_line = t(
            _("(แทนฉบับเดิม%(n)s ลงวันที่ %(d)s)")
            % {
                "n": (" " + replaces["number"]) if replaces.get("number") else "",
                "d": format_date(dt.date.fromisoformat(replaces["dated"])),
            }
        )
    return {
        "layout": doc.layout,
        "thai_digits": office.thai_digits,
        "office_name": office.name,
        "office_address": office.address,
        "is_example": office.is_example,
        "garuda": media_src(office.garuda) if office.garuda else "",
        "garuda_file": office.garuda if office.garuda else None,
        "garuda_label": office.garuda_label,
        "garuda_cm": GARUDA_CM.get(doc.layout, 0),
        "number": t(doc.number.text) if doc.number_id else "",
        "date": t(format_date(doc.dated)),
        "subject": t(doc.subject),
        "recipient": t(doc.recipient),
        "heading": [t(h) for h in body.get("heading", [])],
        "refs": [t(x) for x in body.get("refs", [])],
        "attachments": [t(x) for x in body.get("attachments", [])],
        "blocks": [block(b) for b in body.get("blocks", [])],
        "closing": t(body.get("closing", "")),
        "given": t(body.get("given", "")),
        "signature_label": body.get("signature_label", ""),
        "sign_name": doc.sign_name,
        "sign_position": t(doc.sign_position),
        "sign_acting": t(doc.sign_acting),
        "replaces": replaces_line,
        "version": doc.version,
    }


def render_document_pdf(doc):
    from apps.core.pdf import render_pdf

    return render_pdf("paperwork/document_pdf.html", {"d": view_of(doc)})


def document_pdf(gf, progress):
    doc = _document(gf)
    progress(30)
    return Built(render_document_pdf(doc), f"{doc.kind}-{doc.pk}-v{doc.version}.pdf")


def document_docx(gf, progress):
    doc = _document(gf)
    progress(30)
    return Built(render_document_docx(doc), f"{doc.kind}-{doc.pk}-v{doc.version}.docx", DOCX)


def render_document_docx(doc):
    """The .docx of a document, built with python-docx: the same text as the PDF, for an office whose signatory
    wants the wording changed before signing."""
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    d = view_of(doc, for_pdf=False)
    out = Document()
    sec = out.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Cm(1.5), Cm(2), Cm(3), Cm(2)
    style = out.styles["Normal"]
    style.font.name = "TH Sarabun New"
    style.font.size = Pt(16)
    style.element.rPr.rFonts.set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cs", "TH Sarabun New"
    )
    style.paragraph_format.space_after = Pt(0)
    center, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT

    def para(text="", *, bold=False, align=None, indent=False, size=None, left=None):
        p = out.add_paragraph()
        run = p.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if align is not None:
            p.alignment = align
        if indent:
            p.paragraph_format.first_line_indent = Cm(2.5)
        if left is not None:
            p.paragraph_format.left_indent = Cm(left)
        return p

    if d["is_example"]:
        para(_("ตัวอย่าง – ข้อมูลส่วนราชการเป็นข้อมูลตัวอย่าง"), align=right, size=12)
    if d["garuda_cm"] and d["garuda_file"]:
        p = out.add_paragraph()
        p.alignment = center if d["layout"] != "memo" else None
        with d["garuda_file"].open("rb") as fh:  # from the file store, whichever it is
            p.add_run().add_picture(io.BytesIO(fh.read()), width=Cm(d["garuda_cm"]))
    layout = d["layout"]
    if layout == "memo":
        para(_("บันทึกข้อความ"), bold=True, align=center, size=29)
        para(_("ส่วนราชการ  ") + d["office_name"])
        para(_("ที่  ") + d["number"].removeprefix("ที่ ") + "    " + _("วันที่  ") + d["date"])
        para(_("เรื่อง  ") + d["subject"])
        para(_("เรียน  ") + d["recipient"])
    elif layout == "letter":
        para(d["number"])
        para(d["office_name"], align=right)
        for line in (d["office_address"] or "").splitlines():
            para(line, align=right)
        para(d["date"], left=7.5)
        para(_("เรื่อง  ") + d["subject"])
        para(_("เรียน  ") + d["recipient"])
        for i, ref in enumerate(d["refs"]):
            para((_("อ้างถึง  ") if i == 0 else "") + ref)
        for i, a in enumerate(d["attachments"], 1):
            para((_("สิ่งที่ส่งมาด้วย  ") if i == 1 else "") + (f"{i}. " if len(d["attachments"]) > 1 else "") + a)
    else:
        for i, line in enumerate(d["heading"]):
            para(line, bold=True, align=center)
            if i == 0 and layout in ("order", "announcement") and d["number"]:
                para(d["number"], bold=True, align=center)
        if layout in ("order", "announcement"):
            para(_("เรื่อง  ") + d["subject"], bold=True, align=center)
        para("------------------------------", align=center)
    if d["replaces"]:
        para(d["replaces"], align=center)
    for b in d["blocks"]:
        if "p" in b:
            para(b["p"], indent=True)
        elif "h" in b:
            para(b["h"], bold=True)
        elif "ol" in b:
            for i, item in enumerate(b["ol"], 1):
                para(f"{doc.office.digits(i)}. {item}", left=1.25)
        elif "table" in b:
            tb = b["table"]
            table = out.add_table(rows=1, cols=len(tb["head"]))
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            for cell, h in zip(table.rows[0].cells, tb["head"], strict=False):
                cell.text = ""
                cell.paragraphs[0].add_run(h["t"]).bold = True
            for row in tb["rows"]:
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=False):
                    cell.text = text
    if d["closing"]:
        para(d["closing"], indent=layout not in ("letter",), left=7.5 if layout == "letter" else None)
    if d["given"]:
        para(d["given"], left=5)
    para("")
    para("")
    if d["signature_label"]:
        para(_("(ลงชื่อ) ..................................... %(l)s") % {"l": d["signature_label"]}, left=6)
    para(f"({d['sign_name']})" if d["sign_name"] else "", align=center, left=6)
    para(d["sign_position"], align=center, left=6)
    if d["sign_acting"]:
        para(d["sign_acting"], align=center, left=6)
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()
