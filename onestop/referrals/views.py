"""Referral pages: the worker's (under the case) and the partner's inbox (/referrals/)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_scopes import scopes_disabled

from onestop.accounts.decorators import capability_required, public, request_user
from onestop.accounts.models import User
from onestop.audit.models import AuditEntry
from onestop.audit.services import audit_log
from onestop.cases import access as case_access
from onestop.cases.models import Attachment
from onestop.core.forms import add_errors, flash_errors
from onestop.referrals import access, letters, links, services
from onestop.referrals.forms import (
    LetterForm,
    LinkForm,
    OutcomeForm,
    OverrideForm,
    ReasonForm,
    ReferralForm,
)
from onestop.referrals.models import Referral, ReferralLetter, ReferralLink

REFER = "can_refer"
RECEIVE = "can_receive_referrals"


def _to_case(number: str) -> HttpResponse:
    return redirect(reverse("cases:case_detail", args=[number]) + "#referrals")


def _case_referral(
    request: HttpRequest, number: str, referral_id: int
) -> tuple[User, case_access.CaseAccess, Referral]:
    """The signed-in worker, their access to the case (its content must be readable) and the
    case's referral: the start of every worker-side referral page."""
    user = request_user(request)
    acc = case_access.get_case_for_user(user, number, audit=False)
    return user, acc, access.get_referral_for_case(acc, referral_id)


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
                kind=d["kind"] or Referral.Kind.REFERRAL,
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
    user, acc, referral = _case_referral(request, number, referral_id)
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
        flash_errors(request, exc)
    else:
        messages.success(request, _("Referral sent."))
    return _to_case(acc.case.number)


@capability_required(REFER)
@require_POST
def referral_revoke(request: HttpRequest, number: str, referral_id: int) -> HttpResponse:
    user, acc, referral = _case_referral(request, number, referral_id)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why you withdraw the referral."))
        return _to_case(acc.case.number)
    try:
        services.referral_revoke(
            actor=user, access=acc, referral=referral, reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Referral withdrawn."))
    return _to_case(acc.case.number)


# --- The partner's side ---------------------------------------------------------------------


@capability_required(RECEIVE)
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    rows = list(access.referrals_for_partner(request_user(request))[:200])
    return render(request, "referrals/inbox.html", {"referrals": rows})


def _answer_page(
    request: HttpRequest,
    referral: Referral,
    *,
    actor: User | None,
    link: ReferralLink | None,
    base: str,
) -> HttpResponse:
    """The partner's page, for partner staff and for a signed link's holder alike."""
    decline_form = ReasonForm(prefix="decline")
    outcome_form = OutcomeForm(prefix="outcome")
    if request.method == "POST":
        action = request.POST.get("action", "")
        who: dict[str, Any] = {"actor": actor, "referral": referral, "link": link}
        try:
            if action == "accept":
                services.referral_accept(**who)
            elif action == "start":
                services.referral_start(**who)
            elif action == "decline":
                decline_form = ReasonForm(request.POST, prefix="decline")
                if not decline_form.is_valid():
                    raise ValidationError(
                        {"reason": [_("Say why you decline, so the worker can refer elsewhere.")]}
                    )
                services.referral_decline(**who, reason=decline_form.cleaned_data["reason"])
            elif action == "report":
                outcome_form = OutcomeForm(request.POST, prefix="outcome")
                if not outcome_form.is_valid():
                    raise ValidationError(
                        _("Say whether the help was given and describe the outcome.")
                    )
                services.referral_report(
                    **who,
                    completed=outcome_form.cleaned_data["completed"],
                    outcome=outcome_form.cleaned_data["outcome"],
                )
            else:
                raise ValidationError(_("Choose one of the listed values."))
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(f"{base}/")
    referral.refresh_from_db()
    return render(
        request,
        "referrals/partner_detail.html",
        {
            "referral": referral,
            "shared": access.shared_part(referral),
            "decline_form": decline_form,
            "outcome_form": outcome_form,
            "base": base,
        },
    )


@capability_required(RECEIVE)
@require_http_methods(["GET", "POST"])
def partner_detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    user = request_user(request)
    referral = access.get_referral_for_partner(user, referral_id)
    return _answer_page(request, referral, actor=user, link=None, base=f"/referrals/{referral.pk}")


@capability_required("can_manage_case")
@require_GET
def center_inbox(request: HttpRequest) -> HttpResponse:
    rows = list(access.referrals_for_center(request_user(request))[:200])
    return render(request, "referrals/inbox.html", {"referrals": rows, "incoming": True})


@capability_required("can_manage_case")
@require_http_methods(["GET", "POST"])
def center_detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    """Another center's referral or transfer to ours: accepting opens our own case."""
    user = request_user(request)
    referral = access.get_referral_for_center(user, referral_id)
    with scopes_disabled():
        return _answer_page(
            request, referral, actor=user, link=None, base=f"/referrals/incoming/{referral.pk}"
        )


@capability_required("can_manage_case")
@require_GET
def center_document(request: HttpRequest, referral_id: int, attachment_id: int) -> FileResponse:
    user = request_user(request)
    referral = access.get_referral_for_center(user, referral_id)
    return _file(access.get_shared_document(referral, attachment_id, actor=user))


@public
@require_http_methods(["GET", "POST"])
def link_page(request: HttpRequest, token: str) -> HttpResponse:
    """The signed link: no account, one referral, its shared part and the answer forms."""
    link = links.link_resolve(token)
    with scopes_disabled():
        return _answer_page(request, link.referral, actor=None, link=link, base=f"/r/{token}")


@public
@require_GET
def link_document(request: HttpRequest, token: str, attachment_id: int) -> FileResponse:
    link = links.link_resolve(token)
    item = access.get_shared_document(link.referral, attachment_id, label=f"link:{link.email}")
    return _file(item)


@public
@require_GET
def link_letter_pdf(request: HttpRequest, token: str) -> HttpResponse:
    link = links.link_resolve(token)
    item = (
        ReferralLetter.objects.filter(referral=link.referral)
        .select_related("referral__center")
        .first()
    )
    if item is None:
        raise Http404
    return _letter_response(item)


@capability_required(REFER)
@require_POST
def link_create(request: HttpRequest, number: str, referral_id: int) -> HttpResponse:
    user, acc, referral = _case_referral(request, number, referral_id)
    form = LinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a valid email address."))
        return _to_case(acc.case.number)
    try:
        links.link_create(
            actor=user, access=acc, referral=referral, email=form.cleaned_data["email"]
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(
            request, _("The link was emailed to %(email)s.") % {"email": form.cleaned_data["email"]}
        )
    return _to_case(acc.case.number)


@capability_required(REFER)
@require_POST
def link_revoke(request: HttpRequest, number: str, referral_id: int, link_id: int) -> HttpResponse:
    user, acc, referral = _case_referral(request, number, referral_id)
    link = referral.links.filter(pk=link_id).first()
    if link is None:
        raise Http404
    links.link_revoke(actor=user, access=acc, link=link)
    messages.success(request, _("The link no longer works."))
    return _to_case(acc.case.number)


def _file(item: Attachment) -> FileResponse:
    response = FileResponse(item.file.open("rb"), content_type=item.content_type)
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@capability_required(RECEIVE)
@require_GET
def partner_document(request: HttpRequest, referral_id: int, attachment_id: int) -> FileResponse:
    user = request_user(request)
    referral = access.get_referral_for_partner(user, referral_id)
    item = access.get_shared_document(referral, attachment_id, actor=user)
    return _file(item)


@capability_required(REFER)
@require_http_methods(["GET", "POST"])
def letter(request: HttpRequest, number: str, referral_id: int) -> HttpResponse:
    """Issue the referral's official letter (once), or show the one issued."""
    user, acc, referral = _case_referral(request, number, referral_id)
    issued = ReferralLetter.objects.filter(referral=referral).first()
    initial = {
        **letters.default_text(referral),
        "signer_name": user.display_name,
        "signer_position": user.position,
    }
    form = LetterForm(request.POST or None, initial=initial)
    if request.method == "POST" and issued is None and form.is_valid():
        try:
            letters.letter_issue(actor=user, access=acc, referral=referral, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The letter was issued."))
            return redirect(
                "referrals_case:letter", number=acc.case.number, referral_id=referral.pk
            )
    return render(
        request,
        "referrals/letter.html",
        {"case": acc.case, "referral": referral, "form": form, "letter": issued},
    )


def _letter_response(item: ReferralLetter) -> HttpResponse:
    response = HttpResponse(letters.render(item), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="letter-{item.referral.number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@capability_required(REFER)
@require_GET
def letter_pdf(request: HttpRequest, number: str, referral_id: int) -> HttpResponse:
    user, _acc, referral = _case_referral(request, number, referral_id)
    item = (
        ReferralLetter.objects.filter(referral=referral).select_related("referral__center").first()
    )
    if item is None:
        raise Http404
    audit_log(
        action="referrals.letter.downloaded", actor=user, obj=referral, kind=AuditEntry.Kind.READ
    )
    return _letter_response(item)


@capability_required(RECEIVE)
@require_GET
def partner_letter_pdf(request: HttpRequest, referral_id: int) -> HttpResponse:
    user = request_user(request)
    referral = access.get_referral_for_partner(user, referral_id)
    item = (
        ReferralLetter.objects.filter(referral=referral).select_related("referral__center").first()
    )
    if item is None:
        raise Http404
    audit_log(
        action="referrals.letter.downloaded", actor=user, obj=referral, kind=AuditEntry.Kind.READ
    )
    return _letter_response(item)
