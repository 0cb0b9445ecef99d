from urllib.parse import urlparse

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .selectors import public_units, unit_slug


class _OnSiteUrl(Sitemap):
    """Absolute URLs on SITE_URL, whatever host the request came in on."""

    def get_domain(self, site=None):
        return urlparse(settings.SITE_URL).netloc

    def get_protocol(self, protocol=None):
        return urlparse(settings.SITE_URL).scheme or "https"


class StaticSitemap(_OnSiteUrl):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return ["public:home", "public:directory"]

    def location(self, item):
        return reverse(item)


class UnitSitemap(_OnSiteUrl):
    changefreq = "monthly"
    priority = 0.6
    limit = 5000

    def items(self):
        return public_units().order_by("pk")

    def location(self, unit):
        return reverse("public:profile", kwargs={"pk": unit.pk, "slug": unit_slug(unit.name)})

    def lastmod(self, unit):
        p = getattr(unit, "public_profile", None) if hasattr(unit, "public_profile") else None
        return p.updated_at if p else None


SITEMAPS = {"pages": StaticSitemap, "units": UnitSitemap}
