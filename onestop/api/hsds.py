"""/api/hsds/: the services directory as an Open Referral HSDS 3.0 read API (public, no login).

Paths, parameters and the ``Page`` envelope follow the HSDS 3.0 OpenAPI reference; the objects
come from ``directory.hsds``. Confidential locations are published without an address.
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, NinjaAPI, Query, Schema

from onestop.api import errors
from onestop.api.auth import AnonThrottle
from onestop.directory import hsds
from onestop.directory.models import TaxonomyTerm

api = NinjaAPI(
    title="OneStop services directory (Open Referral HSDS 3.0)",
    version="3.0",
    description=(
        "The partner services directory of this OneStop deployment in the Open Referral Human "
        "Services Data Specification 3.0 format. Public and read-only. Names are in Thai; "
        "`alternate_name` carries the English name where there is one. Shelter addresses are "
        "never published."
    ),
    urls_namespace="hsds",
    openapi_url="/openapi.json",
    docs_url="/docs",
    auth=None,
    throttle=[AnonThrottle()],
)
errors.install(api)

MAX_PER_PAGE = 100


class PageParams(Schema):
    page: int = Field(1, ge=1, le=100_000)
    per_page: int = Field(50, ge=1, le=MAX_PER_PAGE)


class ListParams(PageParams):
    search: str = Field("", max_length=100)
    taxonomy_term_id: uuid.UUID | None = None
    organization_id: uuid.UUID | None = None
    modified_after: dt.datetime | None = None
    full: bool = False


def _page(qs: QuerySet[Any], params: PageParams, render: Any) -> dict[str, Any]:
    total = qs.count()
    start = (params.page - 1) * params.per_page
    items = [hsds.compact(render(x)) for x in qs[start : start + params.per_page]]
    pages = max(1, math.ceil(total / params.per_page))
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": params.page,
        "size": len(items),
        "first_page": params.page == 1,
        "last_page": params.page >= pages,
        "empty": total == 0,
        "contents": items,
    }


def _get(qs: QuerySet[Any], **lookup: Any) -> Any:
    item = qs.filter(**lookup).first()
    if item is None:
        raise Http404
    return item


@api.get("/", tags=["meta"])
def root(request: HttpRequest) -> dict[str, Any]:
    return {
        "version": hsds.VERSION,
        "profile": hsds.PROFILE,
        "openapi_url": "/api/hsds/openapi.json",
    }


def _term_ids(term_id: uuid.UUID) -> list[uuid.UUID]:
    """A term and its children: asking for "violence" finds "domestic violence" services."""
    return [term_id, *TaxonomyTerm.objects.filter(parent_id=term_id).values_list("pk", flat=True)]


@api.get("/services", tags=["services"])
def services(request: HttpRequest, params: Query[ListParams]) -> dict[str, Any]:
    qs = hsds.services_qs(full=params.full).order_by("name_th", "pk")
    if params.search:
        qs = qs.filter(
            Q(name_th__icontains=params.search)
            | Q(name_en__icontains=params.search)
            | Q(description__icontains=params.search)
            | Q(organization__name_th__icontains=params.search)
        )
    if params.taxonomy_term_id:
        qs = qs.filter(terms__in=_term_ids(params.taxonomy_term_id)).distinct()
    if params.organization_id:
        qs = qs.filter(organization__uuid=params.organization_id)
    if params.modified_after:
        qs = qs.filter(updated__gt=params.modified_after)
    return _page(qs, params, lambda s: hsds.service(s, full=params.full))


@api.get("/services/{service_id}", tags=["services"])
def service(request: HttpRequest, service_id: uuid.UUID) -> dict[str, Any]:
    return hsds.compact(hsds.service(_get(hsds.services_qs(full=True), pk=service_id), full=True))


@api.get("/organizations", tags=["organizations"])
def organizations(request: HttpRequest, params: Query[ListParams]) -> dict[str, Any]:
    qs = hsds.organizations_qs(full=params.full).filter(is_active=True).order_by("name_th")
    if params.search:
        qs = qs.filter(Q(name_th__icontains=params.search) | Q(name_en__icontains=params.search))
    if params.taxonomy_term_id:
        qs = qs.filter(services__terms__in=_term_ids(params.taxonomy_term_id)).distinct()
    if params.modified_after:
        qs = qs.filter(updated__gt=params.modified_after)
    return _page(qs, params, lambda o: hsds.organization(o, full=params.full))


@api.get("/organizations/{organization_id}", tags=["organizations"])
def organization(request: HttpRequest, organization_id: uuid.UUID) -> dict[str, Any]:
    org = _get(hsds.organizations_qs(full=True).filter(is_active=True), uuid=organization_id)
    return hsds.compact(hsds.organization(org, full=True))


@api.get("/service_at_locations", tags=["services"])
def service_at_locations(request: HttpRequest, params: Query[ListParams]) -> dict[str, Any]:
    qs = hsds.service_at_locations_qs().order_by("service__name_th", "pk")
    if params.search:
        qs = qs.filter(
            Q(service__name_th__icontains=params.search)
            | Q(location__name__icontains=params.search)
        )
    if params.taxonomy_term_id:
        qs = qs.filter(service__terms__in=_term_ids(params.taxonomy_term_id)).distinct()
    if params.organization_id:
        qs = qs.filter(service__organization__uuid=params.organization_id)
    if params.modified_after:
        qs = qs.filter(updated__gt=params.modified_after)
    return _page(qs, params, hsds.service_at_location)


@api.get("/service_at_locations/{sal_id}", tags=["services"])
def service_at_location(request: HttpRequest, sal_id: uuid.UUID) -> dict[str, Any]:
    return hsds.compact(hsds.service_at_location(_get(hsds.service_at_locations_qs(), pk=sal_id)))


class TermParams(PageParams):
    search: str = Field("", max_length=100)
    taxonomy: str = Field("", max_length=40)
    parent_id: uuid.UUID | None = None


@api.get("/taxonomy_terms", tags=["taxonomy"])
def taxonomy_terms(request: HttpRequest, params: Query[TermParams]) -> dict[str, Any]:
    qs = TaxonomyTerm.objects.order_by("taxonomy", "code")
    if params.search:
        qs = qs.filter(Q(name_th__icontains=params.search) | Q(name_en__icontains=params.search))
    if params.taxonomy:
        qs = qs.filter(taxonomy=params.taxonomy)
    if params.parent_id:
        qs = qs.filter(parent_id=params.parent_id)
    return _page(qs, params, hsds.term)


@api.get("/taxonomy_terms/{term_id}", tags=["taxonomy"])
def taxonomy_term(request: HttpRequest, term_id: uuid.UUID) -> dict[str, Any]:
    return hsds.compact(hsds.term(_get(TaxonomyTerm.objects.all(), pk=term_id)))
