"""Referral pages: the worker's (under the case) and the partner's inbox (/referrals/)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from onestop.accounts.decorators import capability_required, request_user
from onestop.cases import access as case_access
from onestop.core.forms import add_errors
from onestop.referrals import access, services
from onestop.referrals.forms import OutcomeForm, OverrideForm, ReasonForm, ReferralForm
from onestop.referrals.models import Referral

REFER = "can_refer"
RECEIVE = "can_receive_referrals"


def _to_case(number: str) -> HttpResponse:
    return redirect(reverse("cases:case_detail", args=[number]) + "#referrals")


def _flash(request: HttpRequest, exc: ValidationError) -> None:
    for error in exc.messages:
        messages.error(request, error)


@capability_required(REFER)
@require_http_methods(["GET", "POST"])
def referral_new(request: HttpRequest, number: str) -> HttpResponse:
    user = request_user(request)
    acc = case_access.get_case_for_user(user, number, audit=False)
    form = ReferralForm(
        request.POST or None,
        case=acc.case,
        initial={"clients": list(acc.case.clients.filter(role="client"))},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            referral = services.referral_create(
                actor=user,
                access=acc,
                service=d["service"],
                clients=list(d["clients"]),
                reason=d["reason"],
                due=d["due"],
                share_summary=d["share_summary"],
                share_contact=d["share_contact"],
                documents=list(d["documents"]),
            )
            if "send" in request.POST:
                services.referral_send(
                    actor=user, access=acc, referral=referral, override_reason=d["override_reason"]
                )
        except ValidationError as exc:
            add_errors(form, exc)
            if (
                "send" in request.POST
                and Referral.objects.filter(case=acc.case, status="draft").exists()
            ):
                messages.warning(request, _("The referral was saved as a draft; it was not sent."))
        else:
            messages.success(
                request,
                _("Referral sent.") if "send" in request.POST else _("Referral saved as a draft."),
            )
            return _to_case(acc.case.number)
    return render(request, "referrals/referral_form.html", {"case": acc.case, "form": form})


@capability_required(REFER)
@require_POST
def referral_send(request: HttpRequest, number: str, referral_id: int) -> HttpResponse:
    user = request_user(request)
    acc = case_access.get_case_for_user(user, number, audit=False)
    referral = access.get_referral_for_case(acc, referral_id)
    form = OverrideForm(request.POST)
    form.is_valid()
    try:
        services.referral_send(
            actor=user,
            access=acc,
            referral=referral,
            override_reason=form.cleaned_data.get("override_reason", ""),
        )
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("Referral sent."))
    return _to_case(acc.case.number)


@capability_required(REFER)
@require_POST
def referral_revoke(request: HttpRequest, number: str, referral_id: int) -> HttpResponse:
    user = request_user(request)
    acc = case_access.get_case_for_user(user, number, audit=False)
    referral = access.get_referral_for_case(acc, referral_id)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why you withdraw the referral."))
        return _to_case(acc.case.number)
    try:
        services.referral_revoke(
            actor=user, access=acc, referral=referral, reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("Referral withdrawn."))
    return _to_case(acc.case.number)


# --- The partner's side ---------------------------------------------------------------------


@capability_required(RECEIVE)
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    rows = list(access.referrals_for_partner(request_user(request))[:200])
    return render(request, "referrals/inbox.html", {"referrals": rows})


@capability_required(RECEIVE)
@require_http_methods(["GET", "POST"])
def partner_detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    user = request_user(request)
    referral = access.get_referral_for_partner(user, referral_id)
    decline_form = ReasonForm(prefix="decline")
    outcome_form = OutcomeForm(prefix="outcome")
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "accept":
                services.referral_accept(actor=user, referral=referral)
            elif action == "start":
                services.referral_start(actor=user, referral=referral)
            elif action == "decline":
                decline_form = ReasonForm(request.POST, prefix="decline")
                if not decline_form.is_valid():
                    raise ValidationError(
                        {"reason": [_("Say why you decline, so the worker can refer elsewhere.")]}
                    )
                services.referral_decline(
                    actor=user, referral=referral, reason=decline_form.cleaned_data["reason"]
                )
            elif action == "report":
                outcome_form = OutcomeForm(request.POST, prefix="outcome")
                if not outcome_form.is_valid():
                    raise ValidationError(
                        _("Say whether the help was given and describe the outcome.")
                    )
                services.referral_report(
                    actor=user,
                    referral=referral,
                    completed=outcome_form.cleaned_data["completed"],
                    outcome=outcome_form.cleaned_data["outcome"],
                )
            else:
                raise ValidationError(_("Choose one of the listed values."))
        except ValidationError as exc:
            _flash(request, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("referrals:detail", referral_id=referral.pk)
    return render(
        request,
        "referrals/partner_detail.html",
        {
            "referral": referral,
            "shared": access.shared_part(referral),
            "decline_form": decline_form,
            "outcome_form": outcome_form,
        },
    )


@capability_required(RECEIVE)
@require_GET
def partner_document(request: HttpRequest, referral_id: int, attachment_id: int) -> FileResponse:
    user = request_user(request)
    referral = access.get_referral_for_partner(user, referral_id)
    item = access.get_shared_document_for_partner(user, referral, attachment_id)
    response = FileResponse(item.file.open("rb"), content_type=item.content_type)
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    return response
