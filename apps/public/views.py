from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token


def home(request):
    return render(request, "public/home.html")


@requires_csrf_token
def error_403(request, exception=None):
    return render(request, "errors/403.html", status=403)


@requires_csrf_token
def error_404(request, exception=None):
    return render(request, "errors/404.html", status=404)


@requires_csrf_token
def error_500(request):
    return render(request, "errors/500.html", status=500)
