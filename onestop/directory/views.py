from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from onestop.accounts.decorators import capability_required, request_user
from onestop.core.errors import StaleEdit
from onestop.core.forms import add_errors
from onestop.directory import services
from onestop.directory.access import (
    get_contact_for_user,
    get_location_for_user,
    get_organization_for_user,
    get_service_for_user,
    organizations_for_user,
)
from onestop.directory.forms import (
    ContactForm,
    LocationForm,
    OrganizationForm,
    ProgramForm,
    ServiceForm,
)
from onestop.directory.models import Service, TaxonomyTerm
from onestop.directory.services import ORGANIZATION_FIELDS
from onestop.geo.forms import AddressForm


@capability_required("can_view_directory", "can_manage_directory")
def organization_list(request: HttpRequest) -> HttpResponse:
    orgs = organizations_for_user(request_user(request))
    return render(request, "directory/organization_list.html", {"organizations": orgs})


@capability_required("can_view_directory", "can_manage_directory")
def organization_detail(request: HttpRequest, organization_id: int) -> HttpResponse:
    org = get_organization_for_user(request_user(request), organization_id)
    context = {
        "organization": org,
        "services": org.services.prefetch_related("terms", "schedules"),
        "programs": org.programs.all(),
        "contacts": org.contacts.all(),
        "program_form": ProgramForm(auto_id="program_%s"),
        "contact_form": ContactForm(auto_id="contact_%s"),
        "locations": org.locations.select_related(
            "subdistrict__district__province"
        ).prefetch_related("phones", "schedules"),
    }
    return render(request, "directory/organization_detail.html", context)


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


def _hours_initial(schedules: Any) -> dict[str, Any]:
    first = next(iter(schedules), None)
    if first is None:
        return {}
    return {
        "days": first.byday.split(","),
        "opens_at": first.opens_at,
        "closes_at": first.closes_at,
    }


@capability_required("can_manage_directory")
@require_http_methods(["GET", "POST"])
def service_edit(
    request: HttpRequest, organization_id: int, service_id: str | None = None
) -> HttpResponse:
    actor = request_user(request)
    org = get_organization_for_user(actor, organization_id, write=True)
    service = get_service_for_user(actor, org, service_id) if service_id else None
    initial: dict[str, Any] = {"status": Service.Status.ACTIVE}
    if service is not None:
        initial = {
            f: getattr(service, f)
            for f in services.SERVICE_FIELDS
            if f not in ("organization", "languages")
        }
        terms = list(service.terms.all())
        initial.update(
            version=service.version,
            problems=[t for t in terms if t.taxonomy == TaxonomyTerm.Taxonomy.PROBLEM],
            kinds=[t for t in terms if t.taxonomy == TaxonomyTerm.Taxonomy.SERVICE_TYPE],
            documents="\n".join(d.document for d in service.required_documents.all()),
            provinces=[a.province for a in service.service_areas.all() if a.province_id],
            phone=next((p.number for p in service.phones.all()), ""),
            **_hours_initial(service.schedules.all()),
        )
    form = ServiceForm(request.POST or None, initial=initial, organization=org)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        fields = {f: d[f] for f in services.SERVICE_FIELDS if f in d}
        fields["organization"] = org
        try:
            saved = services.service_save(
                actor=actor,
                service=service,
                fields=fields,
                terms=[*d["problems"], *d["kinds"]],
                documents=d["documents"].splitlines(),
                expected_version=d["version"],
            )
            services.service_area_set(
                actor=actor, service=saved, provinces=list(d["provinces"]), districts=[]
            )
            services.hours_set(
                actor=actor,
                service=saved,
                days=d["days"],
                opens_at=d["opens_at"],
                closes_at=d["closes_at"],
            )
            services.service_phone_set(actor=actor, service=saved, number=d["phone"])
        except ValidationError as exc:
            add_errors(form, exc)
        except StaleEdit:
            form.add_error(None, str(StaleEdit.message))
        else:
            messages.success(request, _("The service was saved."))
            return redirect("directory:organization_detail", organization_id=org.pk)
    return render(
        request,
        "directory/service_form.html",
        {"form": form, "organization": org, "service": service},
    )


@capability_required("can_manage_directory")
@require_http_methods(["GET", "POST"])
def location_edit(
    request: HttpRequest, organization_id: int, location_id: str | None = None
) -> HttpResponse:
    actor = request_user(request)
    org = get_organization_for_user(actor, organization_id, write=True)
    location = get_location_for_user(actor, org, location_id) if location_id else None
    initial: dict[str, Any] = {}
    if location is not None:
        initial = {
            f: getattr(location, f)
            for f in ("name", "description", "lat", "lng", "transportation", "confidential")
        }
        initial.update(
            services=[
                sal.service for sal in location.service_at_locations.select_related("service")
            ],
            phone=next((p.number for p in location.phones.all()), ""),
            **_hours_initial(location.schedules.all()),
        )
    data = request.POST if request.method == "POST" else None
    form = LocationForm(data, initial=initial, organization=org)
    address = AddressForm(
        data,
        prefix="address",
        subdistrict=location.subdistrict if location else None,
        initial={"line": location.address_line if location else ""},
    )
    if data is not None and "refresh" not in data and form.is_valid() and address.is_valid():
        d = form.cleaned_data
        fields = {
            f: d[f] for f in ("name", "description", "lat", "lng", "transportation", "confidential")
        }
        fields.update(
            address_line=address.cleaned_data["line"], subdistrict=address.subdistrict_value
        )
        try:
            saved = services.location_save(
                actor=actor,
                organization=org,
                location=location,
                fields=fields,
                services=list(d["services"]),
                phone=d["phone"],
            )
            services.hours_set(
                actor=actor,
                location=saved,
                days=d["days"],
                opens_at=d["opens_at"],
                closes_at=d["closes_at"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The location was saved."))
            return redirect("directory:organization_detail", organization_id=org.pk)
    return render(
        request,
        "directory/location_form.html",
        {"form": form, "address": address, "organization": org, "location": location},
    )


@capability_required("can_manage_directory")
@require_POST
def program_add(request: HttpRequest, organization_id: int) -> HttpResponse:
    actor = request_user(request)
    org = get_organization_for_user(actor, organization_id, write=True)
    form = ProgramForm(request.POST)
    if form.is_valid():
        services.program_add(actor=actor, organization=org, **form.cleaned_data)
        messages.success(request, _("Saved."))
    else:
        messages.error(request, _("Give the program a Thai name."))
    return redirect(reverse("directory:organization_detail", args=[org.pk]) + "#programs")


@capability_required("can_manage_directory")
@require_POST
def contact_add(request: HttpRequest, organization_id: int) -> HttpResponse:
    actor = request_user(request)
    org = get_organization_for_user(actor, organization_id, write=True)
    form = ContactForm(request.POST)
    if form.is_valid():
        services.contact_add(actor=actor, organization=org, **form.cleaned_data)
        messages.success(request, _("Saved."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect(reverse("directory:organization_detail", args=[org.pk]) + "#contacts")


@capability_required("can_manage_directory")
@require_POST
def contact_remove(request: HttpRequest, organization_id: int, contact_id: str) -> HttpResponse:
    actor = request_user(request)
    org = get_organization_for_user(actor, organization_id, write=True)
    contact = get_contact_for_user(actor, org, contact_id)
    services.contact_remove(actor=actor, contact=contact)
    return redirect(reverse("directory:organization_detail", args=[org.pk]) + "#contacts")
