from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from onestop.accounts.decorators import capability_required, request_user
from onestop.core.errors import StaleEdit
from onestop.directory import services
from onestop.directory.access import get_organization_for_user, organizations_for_user
from onestop.directory.forms import OrganizationForm
from onestop.directory.services import ORGANIZATION_FIELDS
from onestop.geo.forms import AddressForm


@capability_required("can_view_directory", "can_manage_directory")
def organization_list(request: HttpRequest) -> HttpResponse:
    orgs = organizations_for_user(request_user(request))
    return render(request, "directory/organization_list.html", {"organizations": orgs})


@capability_required("can_view_directory", "can_manage_directory")
def organization_detail(request: HttpRequest, organization_id: int) -> HttpResponse:
    org = get_organization_for_user(request_user(request), organization_id)
    return render(request, "directory/organization_detail.html", {"organization": org})


@capability_required("can_manage_directory")
@require_http_methods(["GET", "POST"])
def organization_edit(request: HttpRequest, organization_id: int | None = None) -> HttpResponse:
    actor = request_user(request)
    org = get_organization_for_user(actor, organization_id, write=True) if organization_id else None
    initial = {f: getattr(org, f) for f in [*ORGANIZATION_FIELDS, "version"]} if org else None
    data = request.POST if request.method == "POST" else None
    form = OrganizationForm(data, initial=initial)
    address = AddressForm(
        data,
        prefix="address",
        subdistrict=org.subdistrict if org else None,
        initial={"line": org.address_line if org else ""},
    )
    if data is not None and "refresh" not in data and form.is_valid() and address.is_valid():
        fields = dict(form.cleaned_data)
        version = fields.pop("version")
        fields.update(
            address_line=address.cleaned_data["line"], subdistrict=address.subdistrict_value
        )
        try:
            if org is None:
                org = services.organization_create(actor=actor, **fields)
            else:
                org = services.organization_update(
                    actor=actor, organization=org, expected_version=version, **fields
                )
        except services.DirectoryError as exc:
            form.add_error("name_th", str(exc))
        except StaleEdit:
            form.add_error(None, str(StaleEdit.message))
        else:
            messages.success(request, _("The organisation was saved."))
            return redirect("directory:organization_detail", organization_id=org.pk)
    return render(
        request,
        "directory/organization_form.html",
        {"form": form, "address": address, "organization": org},
    )
