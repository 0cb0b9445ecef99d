from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def history_url(obj):
    ct = ContentType.objects.get_for_model(obj)
    return reverse("workspace:history", args=[ct.pk, obj.pk])


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


class ScrollRegionNode(template.Node):
    def __init__(self, label, nodelist):
        self.label, self.nodelist = label, nodelist

    def render(self, context):
        return format_html(
            '<div class="table-scroll" role="region" aria-label="{}" tabindex="0">{}</div>',
            self.label.resolve(context),
            mark_safe(self.nodelist.render(context)),  # noqa: S308 — the template's own rendered output
        )


@register.tag
def scrollregion(parser, token):
    """`{% scrollregion _("ตาราง…") %}<table>…</table>{% endscrollregion %}`: a table wider than a phone scrolls
    inside its own region, named for screen readers and reachable by keyboard (tabindex), never the page."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("scrollregion takes one argument: the region's name")
    nodelist = parser.parse(("endscrollregion",))
    parser.delete_first_token()
    return ScrollRegionNode(parser.compile_filter(bits[1]), nodelist)


@register.filter
def media_src(fieldfile):
    """A stored file's address inside a PDF template: read from the file store by the PDF fetcher (apps.core.pdf),
    never a signed URL or a local path."""
    from apps.core.pdf import media_src as src

    return src(fieldfile)
