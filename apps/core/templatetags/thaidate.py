from django import template

from apps.core import thaidates

register = template.Library()


@register.filter
def thai_date(value, style="LONG"):
    """{{ d|thai_date }} → 15 มีนาคม 2570; styles: SHORT, NUM, FULL, Y, DT."""
    return thaidates.format_date(value, style)


@register.filter
def thai_digits(value):
    return thaidates.thai_digits(value)


@register.filter
def be_year(value):
    return thaidates.be_year(value) if value else ""
