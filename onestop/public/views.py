from __future__ import annotations

import time
import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from onestop.accounts.decorators import public
from onestop.centers.models import Center
from onestop.directory import public as directory_public
from onestop.directory.forms import ServiceSearchForm
from onestop.geo.forms import AddressForm
from onestop.intake import abuse, services
from onestop.intake.deadlines import is_after_hours
from onestop.intake.forms import HelpForm, StatusForm
from onestop.intake.models import Urgency
from onestop.privacy import notices
from onestop.welfare import engine as welfare_engine
from onestop.welfare import pdf as welfare_pdf
from onestop.welfare.forms import ContactMeForm, SelfCheckForm

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
        "notice": notices.NOTICES["reporter"],
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


# --- The services directory --------------------------------------------------------------------


@public
@require_GET
def service_list(request: HttpRequest) -> HttpResponse:
    form = ServiceSearchForm(request.GET or None)
    filters = directory_public.Filters()
    if form.is_valid():
        filters = directory_public.Filters(
            q=form.cleaned_data["q"],
            problem=form.cleaned_data["problem"],
            province=form.cleaned_data["province"],
            open_now=form.cleaned_data["open_now"],
        )
    now = timezone.now()
    rows = list(directory_public.public_services(filters, now)[:50])
    context = {"form": form, "services": rows, "searched": bool(request.GET)}
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "public/services.html#results", context)
    return render(request, "public/services.html", context)


@public
@require_GET
def service_detail(request: HttpRequest, service_id: str) -> HttpResponse:
    try:
        key = uuid.UUID(service_id)
    except ValueError as exc:
        raise Http404 from exc
    service = (
        directory_public.public_services(directory_public.Filters())
        .prefetch_related(
            "schedules",
            "required_documents",
            "terms",
            "phones",
            "service_areas__province",
            "service_areas__district__province",
            "service_areas__subdistrict__district__province",
            "service_at_locations__location__phones",
            "service_at_locations__location__schedules",
            "service_at_locations__location__subdistrict__district__province",
        )
        .filter(pk=key)
        .first()
    )
    if service is None:
        raise Http404
    thai = (get_language() or "th").startswith("th")
    locations = [
        (
            sal.location,
            [directory_public.hours_text(s, thai) for s in sal.location.schedules.all()],
        )
        for sal in service.service_at_locations.all()
    ]
    return render(
        request,
        "public/service_detail.html",
        {
            "service": service,
            "locations": locations,
            "hours": [directory_public.hours_text(s, thai) for s in service.schedules.all()],
            "open_now": directory_public.is_open(service, timezone.now()),
        },
    )


# --- The welfare self-check (answers are never stored) ------------------------------------------


def _self_check(request: HttpRequest) -> tuple[SelfCheckForm, list[tuple[str, list[Any]]] | None]:
    form = SelfCheckForm(request.POST if request.method == "POST" else None)
    if request.method != "POST" or not form.is_valid():
        return form, None
    as_of = timezone.localdate()
    results = welfare_engine.screen(form.facts().resolve(as_of), as_of)
    groups = [
        (str(_("You may receive")), [r for r in results if r.status == welfare_engine.LIKELY]),
        (
            str(_("We need to know more")),
            [r for r in results if r.status == welfare_engine.NEEDS_INFO],
        ),
        (str(_("Not this one")), [r for r in results if r.status == welfare_engine.NOT_ELIGIBLE]),
    ]
    return form, groups


@public
@require_http_methods(["GET", "POST"])
def rights(request: HttpRequest) -> HttpResponse:
    """A short questionnaire; the answers come back as results and are not kept anywhere,
    unless the person asks the center to contact them (with their consent)."""
    form, groups = _self_check(request)
    contact = ContactMeForm(request.POST if "contact" in request.POST else None, prefix="c")
    sent = None
    if groups is not None and "contact" in request.POST and contact.is_valid():
        lines = [
            f"{title}: " + ", ".join(r.name for r in results)
            for title, results in groups[:2]
            if results
        ]
        try:
            abuse.check_ip(request)
            sent = services.help_request_submit(
                center=public_center(),
                data=services.HelpRequestInput(
                    description=str(_("Asks about welfare entitlements (self-check)."))
                    + "\n"
                    + "\n".join(lines),
                    reporter_relationship="self",
                    reporter_phone=contact.cleaned_data["contact_phone"],
                    notice_version=notices.version("reporter"),
                ),
            )
        except abuse.RateLimited as exc:
            contact.add_error(None, str(exc))
    response = render(
        request,
        "public/rights.html",
        {
            "form": form,
            "groups": groups,
            "print": request.POST.get("print") == "1",
            "contact": contact,
            "sent": sent,
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@public
@require_POST
def rights_pdf(request: HttpRequest) -> HttpResponse:
    form, groups = _self_check(request)
    if groups is None:
        return render(request, "public/rights.html", {"form": form, "groups": None}, status=400)
    data = welfare_pdf.render(groups, timezone.localdate())
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="welfare-check.pdf"'
    response["Cache-Control"] = "no-store"
    return response
