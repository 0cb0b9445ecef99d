"""The kinds of honour every installation starts with (guideline 2.12). Migration 0004 creates them with its own
frozen copy; `ensure_defaults` puts back any that are missing (the demo seeder on a flushed database, tests after
a transactional flush). Provinces add their own kinds in the admin."""

# (code, name, by_province, by_district, requires_certified, exemplar_only, printable, order)
DEFAULT_KINDS = [
    ("honour_certificate", "เกียรติบัตร", True, True, True, False, True, 10),
    ("plaque", "โล่รางวัล", True, False, True, False, False, 20),
    ("exemplar_plaque", "โล่ต้นแบบอำเภอ", True, False, True, True, False, 25),
    ("pin", "เข็มเชิดชูเกียรติ", True, False, True, False, False, 30),
    ("proclamation", "ประกาศเกียรติคุณ", True, True, True, False, True, 40),
    ("certificate", "ใบรับรอง", True, True, True, False, False, 50),
    ("other", "อื่น ๆ", True, True, True, False, False, 90),
]
FIELDS = ("name", "by_province", "by_district", "requires_certified", "exemplar_only", "printable", "order")


def ensure_defaults():
    from .models import HonourKind

    for code, *values in DEFAULT_KINDS:
        HonourKind.objects.get_or_create(code=code, defaults=dict(zip(FIELDS, values, strict=True)))
