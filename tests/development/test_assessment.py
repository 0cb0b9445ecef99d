"""Self-assessment against the catalogue (guideline 2.5, stage 3), evidence files, community indicators."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.development.models import CommunityIndicator, EvidenceFile, SelfAssessment
from apps.registry.enums import Stage

from .factories import enrolment, scores_post


@pytest.mark.django_db
def test_officer_assesses_a_unit(as_user, unit_e, sset, officer, national, neighbour, stranger, staff):
    url = f"/app/development/{unit_e.pk}/assessment/"
    c = as_user(officer)
    r = c.get(url)
    assert r.status_code == 200 and "เริ่มประเมินตนเอง" in r.content.decode()
    assert as_user(national).post(url).status_code == 403
    assert as_user(neighbour).get(url).status_code == 404
    assert as_user(stranger).get(url).status_code == 404
    c = as_user(officer)
    assert c.post(url).status_code == 302
    sa = SelfAssessment.objects.get(enrolment=unit_e)
    assert c.get(url).status_code == 200
    r = c.post(url, scores_post(sset, [1, 4, 3], sa.version))
    assert r.status_code == 302
    sa.refresh_from_db()
    assert sa.percent == 82 and sa.passed and sa.answers.count() == 3
    assert str(sa.assessed_on) == "2026-12-10"
    # a score outside the scale: Thai message, nothing saved
    r = c.post(url, scores_post(sset, [1, 7, 3], sa.version))
    assert r.status_code == 200 and "ต้องอยู่ระหว่าง 0 ถึง 5 (ได้ 7)" in r.content.decode()
    sa.refresh_from_db()
    assert sa.answers.get(indicator__code="G2").score == 4
    # two people editing at once: the stale form is refused
    r = c.post(url, scores_post(sset, [0, 1, 1], sa.version - 1))
    assert "มีผู้อื่นแก้ไขแบบประเมินนี้ไปแล้ว" in r.content.decode()
    # national reads, cannot save
    assert as_user(national).get(url).status_code == 200
    assert as_user(national).post(url, scores_post(sset, [1, 1, 1], sa.version)).status_code == 403
    assert as_user(staff).get(f"/app/development/{unit_e.pk}/").status_code == 200


@pytest.mark.django_db
def test_no_catalogue_and_frozen_stage(as_user, year, officer):
    e = enrolment(year)  # no standard set for the year
    r = as_user(officer).post(f"/app/development/{e.pk}/assessment/", follow=True)
    assert "ยังไม่มีชุดมาตรฐานที่ประกาศใช้" in r.content.decode()
    from .factories import make_set

    s = make_set(year)
    e5 = enrolment(year, Stage.EVALUATION)
    SelfAssessment.objects.create(enrolment=e5, standard_set=s)
    sa = e5.self_assessment
    r = as_user(officer).post(f"/app/development/{e5.pk}/assessment/", scores_post(s, [1, 5, 5], sa.version))
    assert "อยู่ในขั้นประเมินเพื่อรับรองแล้ว" in r.content.decode()


@pytest.mark.django_db
def test_evidence_files_are_served_after_an_access_check(
    as_user, unit_e, sset, officer, neighbour, national, stranger
):
    c = as_user(officer)
    c.post(f"/app/development/{unit_e.pk}/assessment/")
    url = f"/app/development/{unit_e.pk}/assessment/files/"
    pdf = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    assert c.post(url, {"title": "บันทึกการประชุม", "file": pdf}).status_code == 302
    ef = EvidenceFile.objects.get()
    r = c.get(f"/app/development/files/{ef.pk}/")
    assert r.status_code == 200 and b"".join(r.streaming_content).startswith(b"%PDF")
    assert as_user(national).get(f"/app/development/files/{ef.pk}/").status_code == 200
    assert as_user(neighbour).get(f"/app/development/files/{ef.pk}/").status_code == 404
    assert as_user(stranger).get(f"/app/development/files/{ef.pk}/").status_code == 404
    exe = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    r = as_user(officer).post(url, {"file": exe}, follow=True)
    assert "ไฟล์ชนิดนี้ใช้ไม่ได้" in r.content.decode()
    r = as_user(officer).post(url, {}, follow=True)
    assert "กรุณาเลือกไฟล์หลักฐาน" in r.content.decode()
    assert as_user(national).post(url, {"file": pdf}).status_code == 403
    assert EvidenceFile.objects.count() == 1


@pytest.mark.django_db
def test_community_indicators(as_user, unit_e, sset, officer, national, neighbour):
    url = f"/app/development/{unit_e.pk}/community/"
    c = as_user(officer)
    assert c.post(url, {"text": "ครัวเรือนปลอดหนี้นอกระบบ", "target": "ร้อยละ 80"}).status_code == 302
    r = c.post(url, {"text": ""}, follow=True)
    assert "กรุณากรอกตัวชี้วัดของชุมชน" in r.content.decode()
    ci = CommunityIndicator.objects.get()
    edit = f"/app/development/{unit_e.pk}/community/{ci.pk}/"
    assert c.post(edit, {"met": "yes", "note": "สำรวจแล้ว"}).status_code == 302
    ci.refresh_from_db()
    assert ci.met is True and ci.note == "สำรวจแล้ว"
    assert as_user(national).post(edit, {"met": "no"}).status_code == 403
    assert as_user(neighbour).post(edit, {"met": "no"}).status_code == 404
    assert as_user(officer).post(edit, {"action": "remove"}).status_code == 302
    assert not CommunityIndicator.objects.exists()


@pytest.mark.django_db
def test_an_evidence_file_attached_by_mistake_is_removed(
    as_user, unit_e, sset, officer, neighbour, national, stranger, django_capture_on_commit_callbacks
):
    """Guideline 2.5: the unit assesses itself "ตามแบบประเมินตนเอง" with its evidence; a wrong file must be
    removable by its district while the assessment may still be edited, and nobody else may remove it."""
    from django.core.files.storage import default_storage

    from apps.core.models import AuditEvent

    c = as_user(officer)
    c.post(f"/app/development/{unit_e.pk}/assessment/")
    pdf = SimpleUploadedFile("wrong.pdf", b"%PDF-1.4 wrong", content_type="application/pdf")
    c.post(f"/app/development/{unit_e.pk}/assessment/files/", {"title": "ไฟล์ผิดกลุ่ม", "file": pdf})
    ef = EvidenceFile.objects.get()
    stored = ef.file.name
    url = f"/app/development/{unit_e.pk}/assessment/files/{ef.pk}/remove/"
    page = c.get(f"/app/development/{unit_e.pk}/assessment/").content.decode()
    assert url in page and "ยืนยันการลบไฟล์หลักฐานนี้?" in page
    assert url not in as_user(national).get(f"/app/development/{unit_e.pk}/assessment/").content.decode()
    assert as_user(national).post(url).status_code == 403
    assert as_user(neighbour).post(url).status_code == 404
    assert as_user(stranger).post(url).status_code == 404
    assert c.get(url).status_code == 405
    assert EvidenceFile.objects.count() == 1 and default_storage.exists(stored)
    c = as_user(officer)
    with django_capture_on_commit_callbacks(execute=True):
        r = c.post(url, follow=True)
    assert "ลบไฟล์หลักฐาน “ไฟล์ผิดกลุ่ม” แล้ว" in r.content.decode()
    assert not EvidenceFile.objects.exists() and not default_storage.exists(stored)
    ev = AuditEvent.objects.get(action="self_assessment.evidence_removed")
    assert ev.actor == officer and ev.before["title"] == "ไฟล์ผิดกลุ่ม"
    # a second click on the same button: nothing left to remove, a 404, not a 500
    assert c.post(url).status_code == 404


@pytest.mark.django_db
def test_evidence_is_kept_once_the_unit_is_in_evaluation(as_user, unit_e, sset, officer):
    c = as_user(officer)
    c.post(f"/app/development/{unit_e.pk}/assessment/")
    pdf = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    c.post(f"/app/development/{unit_e.pk}/assessment/files/", {"title": "บันทึกการประชุม", "file": pdf})
    ef = EvidenceFile.objects.get()
    type(unit_e).objects.filter(pk=unit_e.pk).update(stage=Stage.EVALUATION)
    r = c.post(f"/app/development/{unit_e.pk}/assessment/files/{ef.pk}/remove/", follow=True)
    assert "อยู่ในขั้นประเมินเพื่อรับรองแล้ว" in r.content.decode() and EvidenceFile.objects.count() == 1
