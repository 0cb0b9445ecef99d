# Pages of each capability for benchmarks/run.py: (role e-mail, label, (url name, kwargs), admin changelist).
def pages(year, staff, officer):
    return [
        (officer, "units of the district", ("registry:units", {}), "/admin/registry/unit/"),
        (staff, "units of the province", ("registry:units", {}), "/admin/registry/unit/"),
        (staff, "targets across districts", ("registry:targets", {}), "/admin/registry/districttarget/"),
        (officer, "photos", ("registry:photos_index", {}), "/admin/registry/photo/"),
        (officer, "self-assessments and plans", ("development:units", {}), "/admin/registry/enrolment/"),
        (staff, "standards catalogue", ("development:standards", {}), "/admin/development/standardset/"),
        (officer, "supervision", ("development:supervision", {}), "/admin/registry/enrolment/"),
        (officer, "reports to the province", ("reporting:my_reports", {}), "/admin/reporting/submission/"),
        (staff, "provincial review", ("reporting:review", {}), "/admin/reporting/submission/"),
        (staff, "dashboard", ("reporting:dashboard", {}), "/admin/registry/enrolment/"),
        (staff, "certificates", ("certification:certificates", {}), "/admin/certification/certificate/"),
        (staff, "honours", ("certification:honours", {}), "/admin/certification/honour/"),
        (staff, "committees", ("evaluation:committees", {}), "/admin/evaluation/committee/"),
        (staff, "rounds", ("evaluation:rounds", {}), "/admin/evaluation/round/"),
        (officer, "inbox", ("notifications:inbox", {}), "/admin/notifications/notification/"),
        (staff, "reminder deliveries", ("notifications:deliveries", {}), "/admin/notifications/delivery/"),
    ]
