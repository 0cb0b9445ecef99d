from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

register = template.Library()


@register.simple_tag
def history_url(obj):
    ct = ContentType.objects.get_for_model(obj)
    return reverse("workspace:history", args=[ct.pk, obj.pk])


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def media_src(fieldfile):
    """A stored file's address inside a PDF template: read from the file store by the PDF fetcher (apps.core.pdf),
    never a signed URL or a local path."""
    from apps.core.pdf import media_src as src

    return src(fieldfile)
