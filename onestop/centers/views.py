from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from onestop.accounts.decorators import capability_required, request_user
from onestop.centers import services
from onestop.centers.access import get_center_for_user, get_team_for_user, teams_for_user
from onestop.centers.forms import CenterForm, TeamForm
from onestop.centers.models import Center
from onestop.core.errors import StaleEdit
from onestop.geo.forms import AddressForm


@capability_required("can_manage_center")
def center_detail(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if user.center is None and user.is_system_admin:
        # A system administrator belongs to no center: show them all of them.
        return render(request, "centers/center_list.html", {"centers": Center.objects.all()})
    center = get_center_for_user(user)
    return render(request, "centers/center_detail.html", {"center": center})


@capability_required("can_manage_center")
@require_http_methods(["GET", "POST"])
def center_edit(request: HttpRequest) -> HttpResponse:
    actor = request_user(request)
    center = get_center_for_user(actor, write=True)
    initial = {
        f: getattr(center, f)
        for f in ("name_th", "name_en", "phone", "email", "staffed_24h", "version")
    }
    data = request.POST if request.method == "POST" else None
    form = CenterForm(data, initial=initial)
    address = AddressForm(
        data,
        prefix="address",
        subdistrict=center.subdistrict,
        initial={"line": center.address_line},
    )
    # "Refresh the lists" (no-JavaScript fallback) re-renders without saving.
    if data is not None and "refresh" not in data and form.is_valid() and address.is_valid():
        fields = dict(form.cleaned_data)
        version = fields.pop("version")
        try:
            services.center_update(
                actor=actor,
                center=center,
                expected_version=version,
                address_line=address.cleaned_data["line"],
                subdistrict=address.subdistrict_value,
                **fields,
            )
        except StaleEdit:
            form.add_error(None, str(StaleEdit.message))
        else:
            messages.success(request, _("The center's details were saved."))
            return redirect("centers:center_detail")
    return render(
        request, "centers/center_form.html", {"form": form, "address": address, "center": center}
    )


@capability_required("can_manage_teams")
def team_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "centers/team_list.html", {"teams": teams_for_user(request_user(request))}
    )


@capability_required("can_manage_teams")
def team_detail(request: HttpRequest, team_id: int) -> HttpResponse:
    team = get_team_for_user(request_user(request), team_id)
    members = team.members.filter(is_active=True).order_by("first_name")
    return render(request, "centers/team_detail.html", {"team": team, "members": members})


@capability_required("can_manage_teams")
@require_http_methods(["GET", "POST"])
def team_edit(request: HttpRequest, team_id: int | None = None) -> HttpResponse:
    actor = request_user(request)
    team = get_team_for_user(actor, team_id, write=True) if team_id is not None else None
    initial = (
        {
            "name": team.name,
            "description": team.description,
            "is_active": team.is_active,
            "version": team.version,
        }
        if team
        else None
    )
    form = TeamForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        version = fields.pop("version")
        try:
            if team is None:
                center = get_center_for_user(actor)
                team = services.team_create(
                    actor=actor,
                    center=center,
                    name=fields["name"],
                    description=fields["description"],
                )
            else:
                team = services.team_update(
                    actor=actor, team=team, expected_version=version, **fields
                )
        except services.CenterError as exc:
            form.add_error("name", str(exc))
        except StaleEdit:
            form.add_error(None, str(StaleEdit.message))
        else:
            messages.success(request, _("The team was saved."))
            return redirect("centers:team_detail", team_id=team.pk)
    return render(request, "centers/team_form.html", {"form": form, "team": team})
