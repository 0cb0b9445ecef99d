"""Reminder rules: defaults per year, editing by provincial staff, templates with unknown placeholders refused."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from apps.notifications import services
from apps.notifications.models import ReminderRule
from apps.notifications.templating import check_template, render
from apps.registry.enums import DeadlineKind

pytestmark = pytest.mark.django_db


def test_default_rules_when_a_year_opens(year):
    rules = ReminderRule.objects.filter(year=year)
    assert {r.kind for r in rules} == set(DeadlineKind.values)
    r = rules.get(kind="applicant_list")
    assert r.days_before == [14, 7, 1] and r.days_after == [1, 7] and r.copy_province_when_overdue


def test_backfill_for_years_opened_before(year):
    ReminderRule.objects.filter(year=year).delete()
    call_command("backfill_reminder_rules")
    call_command("backfill_reminder_rules")
    assert ReminderRule.objects.filter(year=year).count() == len(DeadlineKind.values)


def test_next_year_copies_the_edited_rules(year, staff):
    from apps.registry.services import open_programme_year

    rule = ReminderRule.objects.get(year=year, kind="plans")
    services.save_rule(rule, by=staff, version=rule.version, days_before=[10, 3], days_after=[2])
    y71 = open_programme_year(year.province, 2571, by=staff, copy_from=year)
    assert ReminderRule.objects.get(year=y71, kind="plans").days_before == [10, 3]


@pytest.mark.parametrize(
    "bad", ["เรียน {district} {distric}", "{district.name}", "{deadline!r}", "ขาด {", "{0}", "{}"]
)
def test_unknown_placeholder_is_refused(bad):
    with pytest.raises(ValidationError) as e:
        check_template(bad)
    assert "ไม่รู้จักตัวแปร" in e.value.messages[0] or "รูปแบบข้อความไม่ถูกต้อง" in e.value.messages[0]


def test_render_known_placeholders():
    assert (
        render(
            "{district} ส่ง {report} ภายใน {deadline} {{ok}}",
            {"district": "อำเภอเมือง", "report": "แผน", "deadline": "5 กุมภาพันธ์ 2570"},
        )
        == "อำเภอเมือง ส่ง แผน ภายใน 5 กุมภาพันธ์ 2570 {ok}"
    )


def _post(rule, **override):
    data = {
        "is_active": "on",
        "days_before": "14, 7, 3, 1",
        "days_after": "1, 7",
        "copy_province_when_overdue": "on",
        "subject_before": rule.subject_before,
        "body_before": rule.body_before,
        "subject_after": rule.subject_after,
        "body_after": rule.body_after,
        "version": rule.version,
    }
    data.update(override)
    return data


def test_rule_edit_by_persona(as_user, year, staff, officer, national, stranger):
    rule = ReminderRule.objects.get(year=year, kind="applicant_list")
    url = f"/app/notifications/rules/{rule.pk}/"
    assert as_user(staff).get(url).status_code == 200
    r = as_user(staff).post(url, _post(rule))
    assert r.status_code == 302
    rule.refresh_from_db()
    assert rule.days_before == [14, 7, 3, 1] and rule.version == 2
    assert as_user(officer).get(url).status_code == 403
    assert as_user(national).post(url, _post(rule)).status_code == 403
    assert as_user(stranger).get(url).status_code == 404


def test_rule_with_unknown_placeholder_refused_in_the_form(as_user, year, staff):
    rule = ReminderRule.objects.get(year=year, kind="applicant_list")
    r = as_user(staff).post(
        f"/app/notifications/rules/{rule.pk}/", _post(rule, body_before="เรียน {district} กรุณาส่ง {unit_name}")
    )
    assert r.status_code == 200 and "ไม่รู้จักตัวแปร {unit_name}" in r.content.decode()
    rule.refresh_from_db()
    assert "{unit_name}" not in rule.body_before and rule.version == 1
    r = as_user(staff).post(f"/app/notifications/rules/{rule.pk}/", _post(rule, days_before="สิบ"))
    assert r.status_code == 200 and "ตัวเลข" in r.content.decode()


def test_service_refuses_unknown_placeholder_too(year, staff):
    rule = ReminderRule.objects.get(year=year, kind="applicant_list")
    with pytest.raises(ValidationError):
        services.save_rule(rule, by=staff, version=rule.version, subject_after="{oops}")


def test_rule_edited_by_someone_else_meanwhile(as_user, year, staff):
    rule = ReminderRule.objects.get(year=year, kind="applicant_list")
    stale = _post(rule)
    assert as_user(staff).post(f"/app/notifications/rules/{rule.pk}/", _post(rule)).status_code == 302
    r = as_user(staff).post(f"/app/notifications/rules/{rule.pk}/", stale)
    assert r.status_code == 200 and "มีผู้อื่นแก้ไขไปแล้ว" in r.content.decode()


def test_rule_list(as_user, year, staff, officer, stranger):
    assert "แก้ไข" in as_user(staff).get("/app/notifications/rules/").content.decode()
    r = as_user(officer).get(f"/app/notifications/rules/?year={year.pk}")
    assert r.status_code == 200 and "แก้ไข</a>" not in r.content.decode()
    assert as_user(stranger).get(f"/app/notifications/rules/?year={year.pk}").status_code == 404
