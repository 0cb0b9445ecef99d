"""{% scrollregion %}: a wide table scrolls inside a named, focusable region (issue 22), never the page."""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.utils import translation


def render(source, **context):
    return Template("{% load i18n mchch %}" + source).render(Context(context))


def test_region_is_named_focusable_and_wraps_the_table():
    with translation.override("th"):
        html = render('{% scrollregion _("หน่วยนับ") %}<table class="table"></table>{% endscrollregion %}')
    assert html == (
        '<div class="table-scroll" role="region" aria-label="หน่วยนับ" tabindex="0">'
        '<table class="table"></table></div>'
    )


def test_region_name_is_escaped_and_the_content_kept():
    html = render(
        "{% scrollregion name %}<b>{{ cell }}</b>{% endscrollregion %}", name='x" onfocus="y', cell="<i>"
    )
    assert 'aria-label="x&quot; onfocus=&quot;y"' in html
    assert "<b>&lt;i&gt;</b>" in html


def test_region_needs_a_name():
    with pytest.raises(TemplateSyntaxError):
        render("{% scrollregion %}<table></table>{% endscrollregion %}")
