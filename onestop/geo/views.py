from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from onestop.accounts.decorators import public
from onestop.geo.models import District, Subdistrict


def _param(request: HttpRequest, suffix: str) -> str:
    """htmx sends the select under its (possibly prefixed) form name: take any key ending so."""
    for key in request.GET:
        if key == suffix or key.endswith(f"-{suffix}"):
            return request.GET.get(key, "")[:6]
    return ""


@public
@require_GET
def districts(request: HttpRequest) -> HttpResponse:
    code = _param(request, "province")
    items = District.objects.filter(province_id=code) if code.isdigit() else District.objects.none()
    return render(request, "geo/_options.html", {"items": items})


@public
@require_GET
def subdistricts(request: HttpRequest) -> HttpResponse:
    code = _param(request, "district")
    items = (
        Subdistrict.objects.filter(district_id=code)
        if code.isdigit()
        else Subdistrict.objects.none()
    )
    return render(request, "geo/_options.html", {"items": items})
