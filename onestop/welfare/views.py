"""The staff check on a case (under /cases/<number>/welfare/)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from onestop.accounts.decorators import capability_required, request_user
from onestop.cases import access as case_access
from onestop.welfare import casework
from onestop.welfare.models import BenefitApplication


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
            for error in exc.messages:
                messages.error(request, error)
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
