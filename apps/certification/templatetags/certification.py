from django import template

from apps.core import thaidates

register = template.Library()


@register.filter
def given_date(value):
    """The wording of official documents: 17 เดือนกันยายน พ.ศ. 2569."""
    if not value:
        return ""
    return f"{value.day} เดือน{thaidates.MONTHS[value.month - 1]} พ.ศ. {thaidates.be_year(value)}"
