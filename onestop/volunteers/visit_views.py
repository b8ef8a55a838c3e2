"""Home visits: the worker's pages under /cases/<number>/visits/ and the volunteer's phone pages
under /my/ (their own visits and hours only), plus the service worker that keeps them usable
offline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from onestop.accounts.decorators import capability_required, public, request_user
from onestop.cases import access as case_access
from onestop.core.forms import add_errors, flash_errors
from onestop.geo.forms import AddressForm
from onestop.giving.forms import NeedForm
from onestop.volunteers import access, hours, visits
from onestop.volunteers.forms import (
    HoursForm,
    PhoneTimeForm,
    VisitAnswerForm,
    VisitReportForm,
    VisitRequestForm,
)
from onestop.volunteers.models import Visit, Volunteer

MAX_CLOCK_SKEW = 5 * 60  # seconds a phone's clock may run ahead of ours


# The worker's side ----------------------------------------------------------------------------


def _clients(case: Any) -> list[Any]:
    return list(
        case.clients.filter(role="client").select_related("person__current_subdistrict__district")
    )


@capability_required("can_manage_case")
@require_http_methods(["GET", "POST"])
def visit_new(request: HttpRequest, number: str) -> HttpResponse:
    user = request_user(request)
    acc = case_access.get_case_for_user(user, number)
    clients = _clients(acc.case)
    if request.method != "POST":
        first = clients[0].person if clients else None
        form = VisitRequestForm(
            clients=clients,
            initial={
                "address_text": first.current_address if first else "",
                "lat": first.lat if first else None,
                "lng": first.lng if first else None,
            },
        )
        address = AddressForm(
            prefix="where",
            require_subdistrict=True,
            subdistrict=first.current_subdistrict if first else None,
        )
        return _new_page(request, acc.case, form, address)
    form = VisitRequestForm(request.POST, clients=clients)
    address = AddressForm(request.POST, prefix="where", require_subdistrict=True)
    if "refresh" in request.POST:
        return _new_page(
            request,
            acc.case,
            VisitRequestForm(initial=request.POST.dict(), clients=clients),
            address,
        )
    if not (form.is_valid() and address.is_valid()):
        return _new_page(request, acc.case, form, address, status=400)
    client = next(c for c in clients if str(c.pk) == form.cleaned_data["client"])
    sub = address.subdistrict_value
    try:
        visit = visits.visit_request(
            actor=user,
            access=acc,
            client=client,
            address_text=form.cleaned_data["address_text"],
            subdistrict_code=sub.code if sub else "",
            checklist=form.cleaned_data["checklist"].splitlines(),
            due=form.cleaned_data["due"],
            skills_needed=form.cleaned_data["skills_needed"],
            language=form.cleaned_data["language"],
            share_phone=form.cleaned_data["share_phone"],
            lat=form.cleaned_data["lat"],
            lng=form.cleaned_data["lng"],
        )
    except ValidationError as exc:
        add_errors(form, exc)
        return _new_page(request, acc.case, form, address, status=400)
    messages.success(request, _("The visit is requested: choose a volunteer."))
    return redirect("visits:detail", number=acc.case.number, pk=visit.pk)


def _new_page(
    request: HttpRequest, case: Any, form: Any, address: Any, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "volunteers/visit_new.html",
        {"case": case, "form": form, "address": address},
        status=status,
    )


@capability_required("can_view_case")
@require_GET
def visit_detail(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    user = request_user(request)
    acc = case_access.get_case_for_user(user, number)
    visit = access.get_visit_on_case(acc.case.pk, pk)
    suggestions = (
        visits.suggest(visit)
        if visit.status == Visit.Status.REQUESTED and user.can("can_manage_case")
        else []
    )
    return render(
        request,
        "volunteers/visit_detail.html",
        {
            "case": acc.case,
            "visit": visit,
            "suggestions": suggestions,
            "photos": visit.photos.all(),
        },
    )


@capability_required("can_manage_case")
@require_POST
def visit_offer(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    user = request_user(request)
    acc = case_access.get_case_for_user(user, number)
    if not acc.full:
        raise PermissionDenied
    visit = access.get_visit_on_case(acc.case.pk, pk)
    text = request.POST.get("volunteer", "")
    volunteer = (
        Volunteer.objects.filter(pk=int(text), center_id=acc.case.center_id).first()
        if text.isdigit()
        else None
    )
    try:
        if volunteer is None:
            raise ValidationError(_("Choose an active volunteer of this center."))
        visits.visit_offer(actor=user, visit=visit, volunteer=volunteer)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Offered to %(name)s.") % {"name": volunteer.full_name})
    return redirect("visits:detail", number=acc.case.number, pk=visit.pk)


@capability_required("can_view_case")
@require_GET
def visit_photo(request: HttpRequest, number: str, pk: int, photo_pk: int) -> HttpResponse:
    acc = case_access.get_case_for_user(request_user(request), number)
    visit = access.get_visit_on_case(acc.case.pk, pk)
    photo = visit.photos.filter(pk=photo_pk).first()
    if photo is None:
        raise Http404
    response = HttpResponse(bytes(photo.image), content_type=photo.content_type)
    response["Cache-Control"] = "private, no-store"
    return response


# The volunteer's phone ----------------------------------------------------------------------


@capability_required("can_volunteer")
@require_GET
def my_visits(request: HttpRequest) -> HttpResponse:
    qs = access.visits_for_volunteer(request_user(request))
    return render(
        request,
        "volunteers/my_visits.html",
        {
            "open": qs.filter(status__in=Visit.OPEN).order_by("due"),
            "done": qs.filter(status=Visit.Status.REPORTED).order_by("-checked_out_at")[:20],
        },
    )


@capability_required("can_volunteer")
@require_GET
def my_visit(request: HttpRequest, pk: int) -> HttpResponse:
    visit = access.get_visit_for_volunteer(request_user(request), pk)
    return render(
        request,
        "volunteers/my_visit.html",
        {
            "visit": visit,
            "report_form": VisitReportForm(),
            "need_form": NeedForm(auto_id="need_%s"),
            "today": timezone.localdate(),
        },
    )


def _phone_time(form: PhoneTimeForm) -> Any:
    """The phone's clock for an offline submit, within reason; else ours."""
    at = form.cleaned_data.get("at")
    now = timezone.now()
    if at is None or (at - now).total_seconds() > MAX_CLOCK_SKEW or (now - at).days > 7:
        return now
    return at


@capability_required("can_volunteer")
@require_POST
def my_visit_answer(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    visit = access.get_visit_for_volunteer(user, pk)
    form = VisitAnswerForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose accept or decline."))
        visits.visit_answer(
            actor=user,
            visit=visit,
            accept=form.cleaned_data["accept"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect("my:visit", pk=visit.pk)
    if not form.cleaned_data["accept"]:
        return redirect("my:visits")
    return redirect("my:visit", pk=visit.pk)


@capability_required("can_volunteer")
@require_POST
def my_visit_check_in(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    visit = access.get_visit_for_volunteer(user, pk)
    form = PhoneTimeForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("The location sent by the phone is not valid."))
        visit = visits.visit_check_in(
            actor=user,
            visit=visit,
            lat=form.cleaned_data["lat"],
            lng=form.cleaned_data["lng"],
            at=_phone_time(form),
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        if visit.far_from_address:
            messages.warning(
                request,
                _("You checked in %(km)s km from the address: the social worker will see this.")
                % {"km": visit.check_in_km},
            )
    return redirect("my:visit", pk=visit.pk)


@capability_required("can_volunteer")
@require_POST
def my_visit_report(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    visit = access.get_visit_for_volunteer(user, pk)
    form = VisitReportForm(request.POST)
    if not form.is_valid():
        return render(
            request, "volunteers/my_visit.html", {"visit": visit, "report_form": form}, status=400
        )
    at = _phone_time(form)
    try:
        if visit.status == Visit.Status.ACCEPTED and form.cleaned_data["lat"] is not None:
            visits.visit_check_in(
                actor=user,
                visit=visit,
                lat=form.cleaned_data["lat"],
                lng=form.cleaned_data["lng"],
                at=at,
            )
        visits.visit_report(
            actor=user,
            visit=visit,
            answers=request.POST.getlist("answer"),
            report=form.cleaned_data["report"],
            urgent=form.cleaned_data["urgent"],
            photos=request.FILES.getlist("photos"),
            submit_id=form.cleaned_data["submit_id"],
            at=at,
        )
    except ValidationError as exc:
        add_errors(form, exc)
        return render(
            request, "volunteers/my_visit.html", {"visit": visit, "report_form": form}, status=400
        )
    messages.success(request, _("Thank you. Your report is with the social worker."))
    return redirect("my:visit", pk=visit.pk)


@capability_required("can_volunteer")
@require_http_methods(["GET", "POST"])
def my_hours(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    volunteer = access.get_volunteer_of_user(user)
    form = HoursForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                hours.hours_report(actor=user, volunteer=volunteer, **form.cleaned_data)
            except ValidationError as exc:
                add_errors(form, exc)
                status = 400
            else:
                messages.success(request, _("Sent to the coordinator for approval."))
                return redirect("my:hours")
        else:
            status = 400
    context = {
        "volunteer": volunteer,
        "form": form,
        "entries": volunteer.hours.all()[:50],
        "months": hours.monthly_totals(volunteer),
    }
    return render(request, "volunteers/my_hours.html", context, status=status)


# The offline shell ----------------------------------------------------------------------------

SW_PATH = Path(settings.BASE_DIR) / "static" / "js" / "visit-sw.js"


@public
@require_GET
@never_cache
def service_worker(request: HttpRequest) -> HttpResponse:
    """Served from the root so it may control /my/ (a worker's scope is its own path)."""
    response = HttpResponse(SW_PATH.read_text(), content_type="application/javascript")
    response["Service-Worker-Allowed"] = "/my/"
    return response


@public
@require_GET
def manifest(request: HttpRequest) -> HttpResponse:
    import json

    body = {
        "name": _("OneStop visits"),
        "short_name": "OneStop",
        "start_url": "/my/visits/",
        "scope": "/my/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#005493",
        "lang": "th",
        "icons": [{"src": "/static/img/favicon.svg", "sizes": "any", "type": "image/svg+xml"}],
    }
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), content_type="application/manifest+json"
    )
