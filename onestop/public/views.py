from __future__ import annotations

import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from onestop.accounts.decorators import public
from onestop.centers.models import Center
from onestop.geo.forms import AddressForm
from onestop.intake import abuse, services
from onestop.intake.deadlines import is_after_hours
from onestop.intake.forms import HelpForm, StatusForm
from onestop.intake.models import Urgency

PUBLIC_CENTER_TTL = 30.0
_public_center: tuple[float, Center | None] = (0.0, None)


def public_center() -> Center:
    """Which center receives requests from the public form (PUBLIC_CENTER_CODE, else the first).

    Cached per process for a few seconds: it is read on every public submit."""
    global _public_center
    loaded_at, center = _public_center
    if center is None or time.monotonic() - loaded_at > PUBLIC_CENTER_TTL:
        qs = Center.objects.filter(is_active=True)
        code = settings.PUBLIC_CENTER_CODE
        center = (qs.filter(code=code).first() if code else None) or qs.order_by("pk").first()
        if center is None:
            raise RuntimeError("no active center: run `python manage.py seed_demo` or create one")
        _public_center = (time.monotonic(), center)
    return center


def reset_cache() -> None:
    global _public_center
    _public_center = (0.0, None)


def _form_page(
    request: HttpRequest, form: HelpForm, address: AddressForm, center: Center, status: int = 200
) -> HttpResponse:
    context = {
        "form": form,
        "address": address,
        "center": center,
        "after_hours": is_after_hours(center, timezone.now()),
        "notice_version": settings.PRIVACY_NOTICE_VERSION,
    }
    return render(request, "public/help_form.html", context, status=status)


@public
@require_http_methods(["GET", "POST"])
def help_form(request: HttpRequest) -> HttpResponse:
    center = public_center()
    if request.method != "POST":
        return _form_page(request, HelpForm(), AddressForm(prefix="where"), center)
    form = HelpForm(request.POST, request.FILES)
    address = AddressForm(request.POST, prefix="where")
    if "refresh" in request.POST:
        # No-JavaScript address lists: show the form again, filled, without saving or errors.
        return _form_page(
            request,
            HelpForm(initial=request.POST.dict()),
            AddressForm(request.POST, prefix="where"),
            center,
        )
    try:
        abuse.check_ip(request)
        abuse.check_phone(request, request.POST.get("reporter_phone", ""))
    except abuse.RateLimited as exc:
        form.is_valid()
        form.add_error(None, str(exc))
        return _form_page(request, form, address, center, status=429)
    if not (form.is_valid() and address.is_valid()):
        return _form_page(request, form, address, center, status=400)
    sub = address.subdistrict_value
    try:
        result = services.help_request_submit(
            center=center,
            data=form.to_input(sub.code if sub else "", form.cleaned_data["photos"]),
            idempotency_key=f"web:{form.cleaned_data['token']}",
        )
    except ValidationError as exc:
        for field, errors in exc.message_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
        return _form_page(request, form, address, center, status=400)
    hr = result.request
    context = {
        "hr": hr,
        "tracking_code": result.tracking_code,
        "repeat": not result.created,
        "hand_off_now": hr.after_hours and hr.suggested_urgency == Urgency.MOST_URGENT,
    }
    return render(request, "public/help_sent.html", context, status=201 if result.created else 200)


@public
@require_GET
def help_status(request: HttpRequest) -> HttpResponse:
    if "code" not in request.GET:
        # Arriving from the "check the status" link: the reference is filled in, no errors yet.
        form = StatusForm(initial={"reference": request.GET.get("reference", "")[:24]})
        return render(request, "public/help_status.html", {"form": form})
    form = StatusForm(request.GET)
    try:
        abuse.check_ip(request, scope="status", rate=settings.INTAKE_STATUS_RATE_PER_IP)
    except abuse.RateLimited as exc:
        return render(
            request, "public/help_status.html", {"form": form, "error": str(exc)}, status=429
        )
    if not form.is_valid():
        return render(request, "public/help_status.html", {"form": form}, status=400)
    try:
        hr = services.help_request_status(
            reference=form.cleaned_data["reference"], tracking_code=form.cleaned_data["code"]
        )
    except services.StatusNotFound:
        return render(
            request, "public/help_status.html", {"form": form, "not_found": True}, status=404
        )
    return render(request, "public/help_status.html", {"form": form, "hr": hr})
