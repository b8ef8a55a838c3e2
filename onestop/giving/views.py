"""CSR pages: partners and their gifts, receipts, stock, needs and matching (coordinators);
needs on a case (workers) and proposed from a visit (volunteers); the partner's report (their
private link). Views stay thin."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F, Sum
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_scopes import scopes_disabled

from onestop.accounts.decorators import capability_required, public, request_user
from onestop.cases import access as case_access
from onestop.core.forms import add_errors, flash_errors, post_action
from onestop.core.net import client_ip
from onestop.giving import access, receipts, reports, services
from onestop.giving.forms import (
    ContactForm,
    DonationForm,
    HandoverForm,
    MatchForm,
    NeedForm,
    PartnerForm,
    ReceiveForm,
)
from onestop.giving.models import Donation, Need, Partner
from onestop.lib.ratelimit import hit
from onestop.public.views import public_center
from onestop.volunteers import access as volunteer_access
from onestop.volunteers.models import Volunteer


def _lots(user):  # type: ignore[no-untyped-def]
    """Goods received or pledged and not all given out: the stock (and what is coming), lot by
    lot."""
    return (
        access.donations_for_user(user)
        .filter(kind=Donation.Kind.IN_KIND)
        .annotate(
            given=Coalesce(Sum("handovers__quantity"), 0),
            left=F("quantity") - Coalesce(Sum("handovers__quantity"), 0),
        )
        .filter(left__gt=0)
        .order_by("category", "received_on")
    )


@capability_required("can_manage_csr")
@require_http_methods(["GET", "POST"])
def partner_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = PartnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            partner = services.partner_create(
                actor=user, center=user.center or public_center(), **form.cleaned_data
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return redirect("giving:partner", pk=partner.pk)
    partners = access.partners_for_user(user)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "giving/partner_list.html", {"partners": partners, "form": form}, status=status
    )


@capability_required("can_manage_csr")
@require_http_methods(["GET", "POST"])
def partner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    partner = access.get_or_404(access.partners_for_user(user), pk)
    staff = Volunteer.objects.filter(center_id=partner.center_id, status=Volunteer.Status.ACTIVE)
    form = DonationForm(request.POST or None, volunteers=staff)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.donation_record(
                    actor=user, partner=partner, data=services.DonationInput(**form.cleaned_data)
                )
            except ValidationError as exc:
                add_errors(form, exc)
                status = 400
            else:
                messages.success(request, _("Recorded."))
                return redirect("giving:partner", pk=partner.pk)
        else:
            status = 400
    context = {
        "partner": partner,
        "donations": partner.donations.select_related("recorded_by"),
        "form": form,
        "report_url": f"{settings.SITE_URL}/giving/report/{partner.report_token}/",
        "methods": Donation.Method.choices,
        "contacts": partner.contacts.all(),
        "contact_form": ContactForm(prefix="contact"),
    }
    return render(request, "giving/partner_detail.html", context, status=status)


@capability_required("can_manage_csr")
@require_GET
def receipt_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    donation = access.get_or_404(access.donations_for_user(request_user(request)), pk)
    if not donation.receipt_number:
        raise Http404
    response = HttpResponse(receipts.render(donation), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="receipt-{donation.receipt_number.replace("/", "-")}.pdf"'
    )
    return response


@capability_required("can_manage_csr")
@require_GET
def needs(request: HttpRequest) -> HttpResponse:
    """Open needs and what is in stock, side by side; never the case or the client."""
    user = request_user(request)
    lots = list(_lots(user))
    rows = [
        (need, MatchForm(lots=_lots(user).filter(category=need.category), prefix=f"n{need.pk}"))
        for need in access.needs_for_user(user).filter(
            status__in=(Need.Status.OPEN, Need.Status.MATCHED)
        )
    ]
    pending = access.handovers_for_user(user).filter(handed_over_on__isnull=True)
    context = {"rows": rows, "lots": lots, "pending": pending, "handover_form": HandoverForm()}
    return render(request, "giving/needs.html", context)


@capability_required("can_manage_csr")
@require_POST
def need_match(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    need = access.get_or_404(access.needs_for_user(user), pk)
    form = MatchForm(
        request.POST, lots=_lots(user).filter(category=need.category), prefix=f"n{need.pk}"
    )
    post_action(
        request,
        form,
        lambda d: services.match(
            actor=user,
            need=need,
            donation=d["donation"],
            quantity=d["quantity"],
        ),
        _("Matched: record the handover when it is done."),
    )
    return redirect("giving:needs")


@capability_required("can_manage_csr")
@require_POST
def handover_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    handover = access.get_or_404(access.handovers_for_user(user), pk)
    form = HandoverForm(request.POST)
    post_action(
        request,
        form,
        lambda d: services.handover_confirm(actor=user, handover=handover, **d),
        _("The handover is recorded."),
    )
    return redirect("giving:needs")


@capability_required("can_manage_case")
@require_POST
def case_need_add(request: HttpRequest, number: str) -> HttpResponse:
    user = request_user(request)
    acc = case_access.get_case_for_user(user, number, audit=False)
    form = NeedForm(request.POST)
    post_action(
        request,
        form,
        lambda d: services.need_record(actor=user, access=acc, **d),
        _("The need is listed for CSR partners (without the case)."),
    )
    return redirect("cases:case_detail", number=acc.case.number)


@capability_required("can_manage_case")
@require_POST
def case_need_open(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    user = request_user(request)
    acc = case_access.get_case_for_user(user, number, audit=False)
    need = access.get_or_404(Need.objects.filter(case=acc.case), pk)
    try:
        services.need_open(actor=user, need=need)
    except ValidationError as exc:
        flash_errors(request, exc)
    return redirect("cases:case_detail", number=acc.case.number)


@capability_required("can_volunteer")
@require_POST
def visit_need_propose(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    visit = volunteer_access.get_visit_for_volunteer(user, pk)
    form = NeedForm(request.POST)
    post_action(
        request,
        form,
        lambda d: services.need_propose(actor=user, visit=visit, **d),
        _("Sent to the social worker to confirm."),
    )
    return redirect("my:visit", pk=visit.pk)


@public
@require_GET
def partner_report(request: HttpRequest, token: str) -> HttpResponse:
    if not hit("card-verify-ip", client_ip(request) or "unknown", settings.CARD_VERIFY_RATE):
        raise Http404
    with scopes_disabled():
        partner = (
            Partner.objects.select_related("center").filter(report_token=token).first()
            if len(token) >= 20
            else None
        )
        if partner is None:
            raise Http404
        report = reports.partner_report(partner)
    return render(request, "giving/report.html", {"report": report, "smallest": reports.SMALLEST})


@capability_required("can_manage_csr")
@require_POST
def donation_receive(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    donation = access.get_or_404(access.donations_for_user(user), pk)
    form = ReceiveForm(request.POST)
    post_action(
        request,
        form,
        lambda d: services.donation_receive(actor=user, donation=donation, **d),
        _("Received."),
    )
    return redirect("giving:partner", pk=donation.partner_id)


@capability_required("can_manage_csr")
@require_POST
def contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    partner = access.get_or_404(access.partners_for_user(user), pk)
    form = ContactForm(request.POST, prefix="contact")
    post_action(request, form, lambda d: services.contact_add(actor=user, partner=partner, **d))
    return redirect("giving:partner", pk=partner.pk)
