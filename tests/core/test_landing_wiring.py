"""/app/ shows each role what is due for them, once, in one order: inbox, reports to send or review,
scorecards, decisions, recruitment, certificates."""

import pytest

from apps.core import landing

pytestmark = pytest.mark.django_db


def test_panel_order_is_inbox_reports_scoring_decisions_recruitment_certificates():
    order = {p.template: p.order for p in landing._PANELS}
    chain = [
        "notifications/panel.html",
        "reporting/panel_district.html",
        "reporting/panel_province.html",
        "evaluation/panel_scorecards.html",
        "evaluation/panel_decisions.html",
        "registry/panel_district.html",
        "certification/_landing_panel.html",
    ]
    assert [order[t] for t in chain] == sorted(order[t] for t in chain)
    assert len({order[t] for t in chain}) == len(chain)  # no ties left to registration order


def test_bare_deadline_list_only_for_the_province_desk(as_user, year, officer, staff, national):
    # a district officer sees the deadlines with its own status in the reporting panel, not twice
    body = as_user(officer).get("/app/").content.decode()
    assert "กำหนดส่งที่ใกล้ถึง" not in body and "รายงานถึงจังหวัด" in body
    assert "กำหนดส่งที่ใกล้ถึง" in as_user(staff).get("/app/").content.decode()
    assert "กำหนดส่งที่ใกล้ถึง" in as_user(national).get("/app/").content.decode()
