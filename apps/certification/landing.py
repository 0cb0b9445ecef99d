"""Landing panel of /app/ for provincial staff: certified units still without a certificate, awards pending."""

from django.db.models import Count, Q

from apps.registry.enums import Outcome
from apps.registry.models import Enrolment

from .models import Certificate


def context(request):
    scope = request.user.scope
    provinces = scope.staff_province_ids
    missing = Enrolment.objects.filter(
        year__province_id__in=provinces, outcome=Outcome.CERTIFIED, certificate__isnull=True
    ).count()
    counts = Certificate.objects.filter(year__province_id__in=provinces).aggregate(
        total=Count("pk"), not_awarded=Count("pk", filter=Q(awarded_on__isnull=True, revoked_at__isnull=True))
    )
    return {"missing": missing, **counts}
