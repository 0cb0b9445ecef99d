"""Every reporting URL with the personas: officer (6501 acts), staff (reviews), national (reads),
neighbour (6502: 404 on 6501's reports), stranger (Chiang Mai staff: 404)."""

import pytest

from apps.core.models import GeneratedFile
from apps.reporting import services
from apps.reporting.models import Submission, SubmissionState
from tests.factories import district

pytestmark = pytest.mark.django_db


def url(year, code="6501", kind="applicant_list", action=""):
    return f"/app/reports/{year.pk}/{code}/{kind}/" + (f"{action}/" if action else "")


def submitted(year, by, code="6501", kind="applicant_list"):
    return services.submit_report(services.get_or_create_submission(year, district(code), kind), by=by)


def test_my_reports_page(as_user, year, units, officer, staff, stranger):
    r = as_user(officer).get("/app/reports/")
    assert r.status_code == 200 and "รายชื่อกลุ่มเป้าหมาย" in r.content.decode()
    assert as_user(staff).get("/app/reports/").status_code == 302  # staff go to the review screen
    assert as_user(stranger).get("/app/reports/").status_code == 302


def test_report_detail_per_persona(as_user, year, units, officer, staff, national, neighbour, stranger):
    r = as_user(officer).get(url(year))
    body = r.content.decode()
    assert r.status_code == 200 and "กลุ่มออมทรัพย์บ้านหนองพิกุล" in body and "ส่งรายงานถึงจังหวัด" in body
    for u in (staff, national):
        r = as_user(u).get(url(year))
        assert r.status_code == 200 and "ส่งรายงานถึงจังหวัด</button>" not in r.content.decode()
    assert as_user(neighbour).get(url(year)).status_code == 404
    assert as_user(stranger).get(url(year)).status_code == 404
    assert as_user(officer).get(url(year, kind="nonsense")).status_code == 404


def test_submit_view_double_click_and_permissions(
    as_user, year, units, officer, staff, national, neighbour, stranger
):
    assert as_user(neighbour).post(url(year, action="submit")).status_code == 404
    assert as_user(stranger).post(url(year, action="submit")).status_code == 404
    assert as_user(national).post(url(year, action="submit")).status_code == 403
    assert as_user(staff).post(url(year, action="submit")).status_code == 403
    c = as_user(officer)
    assert c.post(url(year, action="submit"), {"note": "ส่งแล้ว"}).status_code == 302
    r = c.post(url(year, action="submit"), {"note": "ส่งแล้ว"}, follow=True)  # the second click
    assert "ไม่ต้องส่งซ้ำ" in r.content.decode()
    sub = Submission.objects.get(year=year, district_id="6501", kind="applicant_list")
    assert sub.version == 1 and sub.state == SubmissionState.SUBMITTED


def test_submit_empty_report_shows_thai_message(as_user, year, officer):
    r = as_user(officer).post(url(year, kind="plans", action="submit"), {}, follow=True)
    assert "ยังไม่มีหน่วยนับ" in r.content.decode()


def test_accept_and_return_views(as_user, year, units, officer, staff, national, neighbour, stranger):
    sub = submitted(year, officer)
    accept, ret = f"/app/reports/submission/{sub.pk}/accept/", f"/app/reports/submission/{sub.pk}/return/"
    assert as_user(officer).post(accept).status_code == 403  # a district cannot accept its own report
    assert as_user(national).post(accept).status_code == 403
    assert as_user(neighbour).post(accept).status_code == 404
    assert as_user(stranger).post(ret, {"reason": "ไม่ครบ"}).status_code == 404
    r = as_user(staff).post(ret, {"reason": ""}, follow=True)
    assert "กรุณาระบุเหตุผล" in r.content.decode()
    assert as_user(staff).post(ret, {"reason": "กรุณาเพิ่มเครือข่าย ศอช.ต."}).status_code == 302
    r = as_user(officer).get(url(year))
    assert "กรุณาเพิ่มเครือข่าย ศอช.ต." in r.content.decode()  # the district sees what to fix
    r = as_user(officer).post(url(year, action="submit"), {"note": ""}, follow=True)
    assert "ยังไม่มีการแก้ไข" in r.content.decode()
    assert as_user(officer).post(url(year, action="submit"), {"note": "เพิ่ม ศอช.ต. แล้ว"}).status_code == 302
    assert as_user(staff).post(accept).status_code == 302
    assert Submission.objects.get(pk=sub.pk).state == SubmissionState.ACCEPTED


def test_pdf_progress_and_download(
    as_user, year, units, officer, staff, neighbour, stranger, django_capture_on_commit_callbacks
):
    c = as_user(officer)
    with django_capture_on_commit_callbacks(execute=True):
        r = c.post(url(year, action="pdf"))  # a preview of the draft
    assert r.status_code == 302 and "/app/files/" in r.url
    status = r.url
    gf = GeneratedFile.objects.get()
    assert not gf.keep and gf.status == "done"
    r = c.get(status)
    assert r.status_code == 200 and "ดาวน์โหลด" in r.content.decode()
    r = c.get(status, headers={"HX-Request": "true"})
    assert r.status_code == 200 and "hx-trigger" not in r.content.decode()
    r = c.get(status + "download/")
    assert r.status_code == 200 and b"".join(r.streaming_content).startswith(b"%PDF")
    assert as_user(staff).get(status + "download/").status_code == 200
    assert as_user(neighbour).get(status + "download/").status_code == 404
    assert as_user(stranger).get(status).status_code == 404
    assert as_user(neighbour).post(url(year, action="pdf")).status_code == 404


def test_pending_file_polls_and_is_not_served(as_user, year, units, officer):
    sub = submitted(year, officer)  # on_commit did not run: the build is still queued
    c = as_user(officer)
    r = c.get(f"/app/files/{sub.pdf.token}/", headers={"HX-Request": "true"})
    assert 'hx-trigger="every 2s"' in r.content.decode()
    assert c.get(f"/app/files/{sub.pdf.token}/download/").status_code == 404
    r = c.get(url(year))
    assert "กำลังสร้าง" in r.content.decode() or "รอคิว" in r.content.decode()


def test_xlsx_download(as_user, year, units, officer, national, neighbour, queued_download):
    import io

    from openpyxl import load_workbook

    data = queued_download(
        as_user(officer), url(year, action="xlsx")
    )  # built by the worker (issue 23 item 4)
    text = str([[c.value for c in row] for ws in load_workbook(io.BytesIO(data)) for row in ws.iter_rows()])
    assert "กลุ่มออมทรัพย์บ้านหนองพิกุล" in text
    assert queued_download(as_user(national), url(year, action="xlsx")).startswith(b"PK")
    assert as_user(neighbour).get(url(year, action="xlsx")).status_code == 404
    gf = GeneratedFile.objects.filter(kind=services.REPORT_XLSX_KIND, owner=officer).get()
    assert as_user(national).get(f"/app/files/{gf.token}/download/").status_code == 404  # its owner's only


def test_asking_twice_while_it_is_built_queues_one_file(as_user, year, units, officer):
    c = as_user(officer)
    first = c.get(url(year, action="xlsx"))  # not built yet: on_commit did not run
    second = c.get(url(year, action="xlsx"))
    assert first.status_code == second.status_code == 302 and first.url == second.url
    assert GeneratedFile.objects.filter(kind=services.REPORT_XLSX_KIND).count() == 1


def test_review_screen_bulk_accept_and_export(
    as_user, year, units, officer, neighbour, staff, national, stranger, queued_download
):
    a, b = submitted(year, officer), submitted(year, neighbour, "6502")
    r = as_user(staff).get(f"/app/review/?year={year.pk}")
    body = r.content.decode()
    assert r.status_code == 200 and 'name="submission"' in body and "ยังไม่ส่ง" in body
    r = as_user(national).get(f"/app/review/?province=65&year={year.pk}")
    assert r.status_code == 200 and 'name="submission"' not in r.content.decode()
    assert as_user(stranger).get("/app/review/?province=65").status_code == 404
    assert as_user(officer).get("/app/review/").status_code == 403
    bulk = f"/app/review/{year.pk}/bulk-accept/"
    assert as_user(national).post(bulk, {"submission": [a.pk]}).status_code == 403
    assert as_user(officer).post(bulk, {"submission": [a.pk]}).status_code == 403
    assert as_user(stranger).post(bulk, {"submission": [a.pk]}).status_code == 404
    r = as_user(staff).post(bulk, {}, follow=True)
    assert "กรุณาเลือกรายงาน" in r.content.decode()
    assert as_user(staff).post(bulk, {"submission": [a.pk, b.pk]}).status_code == 302
    assert set(Submission.objects.values_list("state", flat=True)) == {SubmissionState.ACCEPTED}
    assert queued_download(as_user(staff), f"/app/review/{year.pk}/export/").startswith(b"PK")
    assert as_user(officer).get(f"/app/review/{year.pk}/export/").status_code == 403
    assert as_user(stranger).get(f"/app/review/{year.pk}/export/").status_code == 404


def test_province_summary_view(
    as_user, year, units, staff, national, officer, stranger, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        r = as_user(staff).post(f"/app/review/{year.pk}/summary/")
    assert r.status_code == 302
    gf = GeneratedFile.objects.get(kind=services.SUMMARY_KIND)
    assert gf.status == "done"
    assert as_user(national).get(f"/app/files/{gf.token}/download/").status_code == 200
    assert as_user(officer).get(f"/app/files/{gf.token}/").status_code == 404  # province readers only
    assert as_user(officer).post(f"/app/review/{year.pk}/summary/").status_code == 403
    assert as_user(stranger).post(f"/app/review/{year.pk}/summary/").status_code == 404


def test_review_query_count_does_not_grow_with_districts(as_user, year, staff, django_assert_max_num_queries):
    from tests.factories import EnrolmentFactory, UnitFactory

    c = as_user(staff)
    EnrolmentFactory(year=year)
    submitted(year, staff, "6501")
    c.get(f"/app/review/?year={year.pk}")
    with django_assert_max_num_queries(14) as one:
        c.get(f"/app/review/?year={year.pk}")
    for code in ("6502", "6503", "6504"):
        EnrolmentFactory(year=year, unit=UnitFactory(district=district(code)))
        submitted(year, staff, code)
    with django_assert_max_num_queries(len(one.captured_queries)):
        c.get(f"/app/review/?year={year.pk}")


def test_dashboard_and_export(as_user, year, units, officer, staff, national, stranger, queued_download):
    submitted(year, officer)
    r = as_user(staff).get(f"/app/dashboard/?year={year.pk}")
    body = r.content.decode()
    assert r.status_code == 200 and "<svg" in body and "<script>" not in body and "เมืองพิษณุโลก" in body
    assert "นครไทย" in body
    r = as_user(officer).get("/app/dashboard/?type=group")
    body = r.content.decode()
    # A district sees its own district's figures only; the province's map names every district (geography,
    # not data) but colours and links only the officer's own.
    start, end = body.index('<figure class="geo-map"'), body.index("</figure>")
    the_map, body = body[start:end], body[:start] + body[end:]
    assert r.status_code == 200 and "นครไทย" not in body
    assert "นครไทย: ไม่มีข้อมูล" in the_map and "district=6502" not in the_map
    r = as_user(national).get("/app/dashboard/?province=50")
    assert r.status_code == 200  # no year in Chiang Mai yet: an empty dashboard that says so
    assert as_user(national).get("/app/dashboard/?province=65").status_code == 200
    assert as_user(stranger).get("/app/dashboard/?province=65").status_code == 404
    import io

    from openpyxl import load_workbook

    data = queued_download(as_user(staff), f"/app/dashboard/export/?year={year.pk}")
    assert "เมืองพิษณุโลก" in str(
        [[c.value for c in r] for ws in load_workbook(io.BytesIO(data)) for r in ws.iter_rows()]
    )
    assert as_user(stranger).get("/app/dashboard/export/?province=65").status_code == 404


def test_landing_panels_and_nav(as_user, year, units, officer, staff, neighbour):
    sub = submitted(year, officer)
    r = as_user(staff).get("/app/")
    body = r.content.decode()
    assert "รายงานอำเภอรอตรวจ (1)" in body and "ตรวจรายงานอำเภอ" in body and "แดชบอร์ด" in body
    services.return_report(sub, by=staff, reason="แก้ไขรายชื่อให้ครบ")
    body = as_user(officer).get("/app/").content.decode()
    assert "แก้ไขรายชื่อให้ครบ" in body and "รายงานถึงจังหวัด" in body
    assert "แก้ไขรายชื่อให้ครบ" not in as_user(neighbour).get("/app/").content.decode()
