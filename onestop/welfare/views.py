"""The staff check on a case (under /cases/<number>/welfare/)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from onestop.accounts.decorators import capability_required, request_user
from onestop.cases import access as case_access
from onestop.core.forms import add_errors, flash_errors
from onestop.welfare import casework, services
from onestop.welfare.forms import RuleVersionForm
from onestop.welfare.models import Benefit, BenefitApplication


@capability_required("can_view_case")
@require_http_methods(["GET", "POST"])
def case_check(request: HttpRequest, number: str) -> HttpResponse:
    user = request_user(request)
    acc = case_access.get_case_for_user(user, number)
    clients = list(acc.case.clients.filter(role="client").select_related("person"))
    if request.method == "POST":
        client = next((c for c in clients if str(c.pk) == request.POST.get("client", "")), None)
        if client is None:
            raise Http404
        try:
            casework.application_record(
                actor=user,
                access=acc,
                client=client,
                benefit_code=request.POST.get("benefit", ""),
                status=request.POST.get("status", ""),
                note=request.POST.get("note", ""),
            )
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, _("Saved."))
        return redirect("welfare_case:check", number=acc.case.number)
    rows = [(c, casework.screen_client(c)) for c in clients]
    applications = list(
        BenefitApplication.objects.filter(case=acc.case).select_related(
            "benefit", "person", "recorded_by"
        )
    )
    return render(
        request,
        "welfare/case_check.html",
        {
            "case": acc.case,
            "rows": rows,
            "applications": applications,
            "statuses": BenefitApplication.Status.choices,
            "can_manage": user.can("can_manage_case"),
        },
    )


@capability_required("can_manage_center")
@require_http_methods(["GET"])
def rules(request: HttpRequest) -> HttpResponse:
    """Every benefit with its versions, newest first: the history of the rules."""
    benefits = Benefit.objects.prefetch_related("versions__created_by")
    return render(request, "welfare/rules.html", {"benefits": benefits})


@capability_required("can_manage_center")
@require_http_methods(["GET", "POST"])
def rule_new(request: HttpRequest, code: str) -> HttpResponse:
    benefit = Benefit.objects.filter(code=code).first()
    if benefit is None:
        raise Http404
    current = benefit.versions.order_by("-effective_from").first()
    initial = {}
    if current is not None:
        initial = {
            "source_title": current.source_title,
            "source_url": current.source_url,
            "conditions": json.dumps(current.conditions, ensure_ascii=False, indent=2),
            "amounts": json.dumps(current.amounts, ensure_ascii=False, indent=2),
        }
    form = RuleVersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.rule_version_add(
                actor=request_user(request),
                benefit_code=benefit.code,
                effective_from=d["effective_from"],
                effective_to=d["effective_to"],
                rule_conditions=d["conditions"],
                amounts=d["amounts"],
                source_title=d["source_title"],
                source_url=d["source_url"],
                verified_on=d["verified_on"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("A new version of the rule was saved."))
            return redirect("welfare:rules")
    return render(request, "welfare/rule_form.html", {"benefit": benefit, "form": form})
