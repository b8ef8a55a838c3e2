"""Volunteer pages: the public application and card verification, and the coordinator's
registry, review, training records and cards. Views stay thin: services write, access reads."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from onestop.accounts.decorators import capability_required, public, request_user
from onestop.audit.services import audit_log
from onestop.core.errors import StaleEdit
from onestop.core.forms import add_errors, flash_errors
from onestop.core.net import client_ip
from onestop.geo.forms import AddressForm
from onestop.lib.ratelimit import hit
from onestop.privacy.notices import NOTICES
from onestop.public.views import public_center
from onestop.volunteers import access, cards, certificates, checks, dashboards, hours, services
from onestop.volunteers.choices import DAY_LABELS, LANGUAGE_LABELS, SKILL_LABELS
from onestop.volunteers.forms import (
    ApplicationForm,
    CertificateForm,
    HoursDecisionForm,
    ListFilterForm,
    OverrideForm,
    ReviewForm,
    RevokeForm,
    StatusForm,
    TrainingForm,
)
from onestop.volunteers.models import Card, HoursCertificate, HoursEntry, Volunteer

PAGE = 50


def _pdf(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


# Public -----------------------------------------------------------------------------------


def _apply_page(
    request: HttpRequest,
    form: ApplicationForm,
    home: AddressForm,
    area: AddressForm,
    status: int = 200,
) -> HttpResponse:
    context = {"form": form, "home": home, "area": area, "notice": NOTICES["volunteer"]}
    return render(request, "volunteers/apply.html", context, status=status)


@public
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _apply_page(
            request,
            ApplicationForm(),
            AddressForm(prefix="home", require_subdistrict=True),
            AddressForm(prefix="area", require_subdistrict=True),
        )
    form = ApplicationForm(request.POST, request.FILES)
    home = AddressForm(request.POST, prefix="home", require_subdistrict=True)
    area = AddressForm(request.POST, prefix="area", require_subdistrict=True)
    if "refresh" in request.POST:
        # No-JavaScript address lists: the same page again, filled in, nothing saved.
        return _apply_page(request, ApplicationForm(initial=request.POST.dict()), home, area)
    if not hit(
        "volunteer-apply-ip", client_ip(request) or "unknown", settings.VOLUNTEER_APPLY_RATE_PER_IP
    ):
        form.is_valid()
        form.add_error(None, _("Too many applications from this device. Please wait a while."))
        return _apply_page(request, form, home, area, status=429)
    if not (form.is_valid() and home.is_valid() and area.is_valid()):
        return _apply_page(request, form, home, area, status=400)
    home_sub, area_sub = home.subdistrict_value, area.subdistrict_value
    assert home_sub is not None and area_sub is not None  # required above
    try:
        volunteer = services.volunteer_apply(
            center=public_center(),
            data=form.to_input(home_sub.code, area_sub.code),
            photo=form.cleaned_data["photo"],
        )
    except ValidationError as exc:
        add_errors(form, exc)
        return _apply_page(request, form, home, area, status=400)
    return render(
        request,
        "volunteers/apply_done.html",
        {"reference": f"V-{volunteer.pk:05d}", "center": volunteer.center},
        status=201,
    )


def _verify_limited(request: HttpRequest) -> bool:
    return not hit("card-verify-ip", client_ip(request) or "unknown", settings.CARD_VERIFY_RATE)


@public
@require_GET
def verify(request: HttpRequest, token: str) -> HttpResponse:
    if _verify_limited(request):
        return render(request, "volunteers/verify.html", {"limited": True}, status=429)
    result = services.card_verify(token)
    if result is None:
        return render(request, "volunteers/verify.html", {"unknown": True}, status=404)
    return render(request, "volunteers/verify.html", {"result": result, "v": result.card.volunteer})


@public
@require_GET
def verify_photo(request: HttpRequest, token: str) -> HttpResponse:
    """The photo, for a valid card only: a revoked card shows nobody's face."""
    if _verify_limited(request):
        raise Http404
    result = services.card_verify(token)
    if result is None or not result.valid:
        raise Http404
    v = result.card.volunteer
    response = HttpResponse(bytes(v.photo), content_type=v.photo_type)
    response["Cache-Control"] = "no-store"
    return response


# Staff: the registry --------------------------------------------------------------------------


@capability_required("can_manage_volunteers")
@require_GET
def volunteer_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = ListFilterForm(request.GET)
    qs = access.volunteers_for_user(user)
    if form.is_valid():
        q = form.cleaned_data["q"].strip()
        if q:
            qs = qs.filter(
                Q(given_name__icontains=q)
                | Q(family_name__icontains=q)
                | Q(registration_number__icontains=q)
                | Q(phone__contains=q.lstrip("0"))
            )
        if form.cleaned_data["status"]:
            qs = qs.filter(status=form.cleaned_data["status"])
        if form.cleaned_data["type"]:
            qs = qs.filter(type__code=form.cleaned_data["type"])
    rows = list(qs.order_by("-applied_at")[:PAGE])
    counts = {
        s: access.volunteers_for_user(user).filter(status=s).count() for s in Volunteer.IN_REVIEW
    }
    return render(
        request,
        "volunteers/list.html",
        {"form": form, "rows": rows, "waiting": sum(counts.values())},
    )


@capability_required("can_manage_volunteers")
@require_GET
def volunteer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    v = access.get_volunteer_for_user(user, pk)
    return render(request, "volunteers/detail.html", _detail_context(user, v))


def _detail_context(user, v: Volunteer, **forms) -> dict:  # type: ignore[no-untyped-def]
    return {
        "v": v,
        "checks": checks.evaluate(v),
        "events": v.events.select_related("actor")[:50],
        "trainings": v.trainings.all(),
        "cards": v.cards.select_related("issued_by"),
        "active_card": v.cards.filter(status=Card.Status.ACTIVE).first(),
        "review_form": forms.get("review_form") or ReviewForm(initial={"version": v.version}),
        "status_form": forms.get("status_form")
        or StatusForm(volunteer=v, initial={"version": v.version}),
        "training_form": forms.get("training_form") or TrainingForm(),
        "skills": [SKILL_LABELS.get(c, c) for c in v.skills],
        "languages": [LANGUAGE_LABELS.get(c, c) for c in v.languages],
        "days": [DAY_LABELS.get(c, c) for c in v.availability],
        "can_issue": user.can("can_issue_cards"),
        "hours_months": hours.monthly_totals(v),
        "certificates": v.certificates.order_by("-created"),
        "certificate_form": CertificateForm(),
        "today": timezone.localdate(),
    }


def _rerender(request: HttpRequest, v: Volunteer, **forms) -> HttpResponse:  # type: ignore[no-untyped-def]
    user = request_user(request)
    return render(request, "volunteers/detail.html", _detail_context(user, v, **forms), status=400)


@capability_required("can_manage_volunteers")
@require_POST
def volunteer_review(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    v = access.get_volunteer_for_user(user, pk, audit=False)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _rerender(request, v, review_form=form)
    try:
        services.volunteer_review(
            actor=user,
            volunteer=v,
            decision=form.cleaned_data["decision"],
            reason=form.cleaned_data["reason"],
            registration_number=form.cleaned_data["registration_number"],
            expected_version=form.cleaned_data["version"],
        )
    except StaleEdit as exc:
        form.add_error(None, str(exc.message))
        return _rerender(
            request, access.get_volunteer_for_user(user, pk, audit=False), review_form=form
        )
    except ValidationError as exc:
        add_errors(form, exc)
        return _rerender(request, v, review_form=form)
    messages.success(request, _("Saved."))
    return redirect("volunteers:detail", pk=v.pk)


@capability_required("can_manage_volunteers")
@require_POST
def volunteer_status(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    v = access.get_volunteer_for_user(user, pk, audit=False)
    form = StatusForm(request.POST, volunteer=v)
    if not form.is_valid():
        return _rerender(request, v, status_form=form)
    try:
        services.volunteer_set_status(
            actor=user,
            volunteer=v,
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        )
    except StaleEdit as exc:
        form.add_error(None, str(exc.message))
        return _rerender(request, v, status_form=form)
    except ValidationError as exc:
        add_errors(form, exc)
        return _rerender(request, v, status_form=form)
    messages.success(request, _("Saved."))
    return redirect("volunteers:detail", pk=v.pk)


@capability_required("can_manage_volunteers")
@require_POST
def check_override(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    user = request_user(request)
    v = access.get_volunteer_for_user(user, pk, audit=False)
    form = OverrideForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Give the reason, for the record."))
        services.check_override(
            actor=user, volunteer=v, code=code, reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("The check is overridden."))
    return redirect("volunteers:detail", pk=v.pk)


@capability_required("can_manage_volunteers")
@require_POST
def training_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    v = access.get_volunteer_for_user(user, pk, audit=False)
    form = TrainingForm(request.POST)
    if not form.is_valid():
        return _rerender(request, v, training_form=form)
    try:
        services.training_record_add(actor=user, volunteer=v, **form.cleaned_data)
    except ValidationError as exc:
        add_errors(form, exc)
        return _rerender(request, v, training_form=form)
    messages.success(request, _("Training recorded."))
    return redirect("volunteers:detail", pk=v.pk)


@capability_required("can_manage_volunteers")
@require_GET
def volunteer_photo(request: HttpRequest, pk: int) -> HttpResponse:
    v = access.get_volunteer_for_user(request_user(request), pk, audit=False)
    response = HttpResponse(bytes(v.photo), content_type=v.photo_type)
    response["Cache-Control"] = "private, no-store"
    return response


# Staff: cards ------------------------------------------------------------------------------


@capability_required("can_issue_cards")
@require_POST
def card_issue(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    v = access.get_volunteer_for_user(user, pk, audit=False)
    kind = request.POST.get("kind", "")
    if kind not in Card.Kind.values:
        messages.error(request, _("Choose issue, renew or reprint."))
        return redirect("volunteers:detail", pk=v.pk)
    try:
        services.card_issue(actor=user, volunteer=v, kind=kind)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("The card is ready to print."))
    return redirect("volunteers:detail", pk=v.pk)


@capability_required("can_issue_cards")
@require_POST
def card_revoke(request: HttpRequest, card_pk: int) -> HttpResponse:
    user = request_user(request)
    card = access.get_card_for_user(user, card_pk)
    form = RevokeForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Give the reason, for the record."))
        services.card_revoke(actor=user, card=card, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("The card is revoked: its QR no longer verifies."))
    return redirect("volunteers:detail", pk=card.volunteer_id)


@capability_required("can_issue_cards")
@require_GET
def card_pdf(request: HttpRequest, card_pk: int) -> HttpResponse:
    user = request_user(request)
    card = access.get_card_for_user(user, card_pk)
    if card.status != Card.Status.ACTIVE:
        raise Http404  # a replaced or revoked card is never printed again
    data = cards.render_card(card)
    services.cards_mark_printed(actor=user, cards=[card], what="card")
    return _pdf(data, f"card-{card.volunteer.registration_number.replace('/', '-')}.pdf")


@capability_required("can_issue_cards")
@require_http_methods(["GET", "POST"])
def print_queue(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    queue = Card.objects.filter(
        status=Card.Status.ACTIVE, volunteer__in=access.volunteers_for_user(user)
    ).select_related(
        "volunteer__type", "volunteer__center", "volunteer__area_subdistrict__district__province"
    )
    if request.method == "POST":
        ids = [i for i in request.POST.getlist("card") if i.isdigit()]
        chosen = list(queue.filter(pk__in=ids).order_by("volunteer__registration_number"))
        if not chosen:
            messages.error(request, _("Choose at least one card."))
            return redirect("volunteers:print_queue")
        data = cards.render_sheet(chosen)
        services.cards_mark_printed(actor=user, cards=chosen)
        return _pdf(data, "cards-sheet.pdf")
    waiting = list(queue.filter(printed_at__isnull=True).order_by("created"))
    return render(request, "volunteers/print_queue.html", {"cards": waiting})


@capability_required("can_manage_volunteers")
@require_POST
def account_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    v = access.get_volunteer_for_user(user, pk, audit=False)
    try:
        account, password = services.volunteer_account_create(actor=user, volunteer=v)
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect("volunteers:detail", pk=v.pk)
    # Shown once, on this response only: it is never stored in clear.
    context = _detail_context(user, v)
    context["new_account"] = {"username": account.get_username(), "password": password}
    return render(request, "volunteers/detail.html", context)


# Hours ---------------------------------------------------------------------------------------


@capability_required("can_manage_volunteers")
@require_GET
def hours_queue(request: HttpRequest) -> HttpResponse:
    pending = access.hours_for_coordinator(request_user(request)).filter(
        status=HoursEntry.Status.PENDING
    )
    return render(request, "volunteers/hours_queue.html", {"pending": pending.order_by("day")})


@capability_required("can_manage_volunteers")
@require_POST
def hours_decide(request: HttpRequest, entry_pk: int) -> HttpResponse:
    user = request_user(request)
    entry = access.hours_for_coordinator(user).filter(pk=entry_pk).first()
    if entry is None:
        raise Http404
    form = HoursDecisionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose approve or decline."))
        hours.hours_decide(
            actor=user,
            entry=entry,
            approve=form.cleaned_data["approve"],
            note=form.cleaned_data["note"],
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Saved."))
    return redirect("volunteers:hours_queue")


@capability_required("can_manage_volunteers")
@require_POST
def certificate_issue(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    v = access.get_volunteer_for_user(user, pk, audit=False)
    form = CertificateForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([e for errs in form.errors.values() for e in errs])
        cert = hours.certificate_issue(actor=user, volunteer=v, **form.cleaned_data)
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect("volunteers:detail", pk=v.pk)
    return redirect("volunteers:certificate_pdf", cert_pk=cert.pk)


@capability_required("can_manage_volunteers")
@require_GET
def certificate_pdf(request: HttpRequest, cert_pk: int) -> HttpResponse:
    user = request_user(request)
    cert = (
        HoursCertificate.objects.select_related("volunteer__type", "volunteer__center", "issued_by")
        .filter(pk=cert_pk, volunteer__in=access.volunteers_for_user(user))
        .first()
    )
    if cert is None:
        raise Http404
    audit_log(
        action="volunteers.hours.certificate_printed",
        actor=user,
        obj=cert.volunteer,
        data={"certificate": cert.pk},
    )
    return _pdf(certificates.render(cert), f"hours-{cert.pk}.pdf")


@public
@require_GET
def verify_certificate(request: HttpRequest, token: str) -> HttpResponse:
    if _verify_limited(request):
        return render(request, "volunteers/verify_certificate.html", {"limited": True}, status=429)
    cert = services.certificate_verify(token)
    if cert is None:
        return render(request, "volunteers/verify_certificate.html", {"unknown": True}, status=404)
    return render(
        request, "volunteers/verify_certificate.html", {"cert": cert, "v": cert.volunteer}
    )


# The coordinator's dashboard ------------------------------------------------------------------


@capability_required("can_manage_volunteers")
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    return render(request, "volunteers/dashboard.html", dashboards.coordinator(user))
