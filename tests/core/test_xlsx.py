from apps.core.xlsx import safe_cell


def test_formulas_are_neutralised():
    assert safe_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("กลุ่มออมทรัพย์") == "กลุ่มออมทรัพย์"
    assert safe_cell(12) == 12
