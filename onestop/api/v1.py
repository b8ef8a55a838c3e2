"""/api/v1/: thin endpoints over the same services and access helpers as the pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema, Status

from onestop.accounts.capabilities import CAPABILITIES
from onestop.accounts.models import User
from onestop.api import errors
from onestop.api.auth import STAFF_AUTH, AnonThrottle, UserThrottle
from onestop.api.parser import StrictJsonParser
from onestop.centers import services as center_services
from onestop.centers.access import get_team_for_user, teams_for_user
from onestop.centers.models import Center, Team
from onestop.directory.access import organizations_for_user
from onestop.geo.models import District, Province, Subdistrict

api = NinjaAPI(
    title="OneStop API",
    version="1",
    description=(
        "The OneStop API for Social Assistance Centers. Staff send "
        "`Authorization: Bearer <token>` (create one on your account page or with "
        "`python manage.py create_api_token USERNAME`). Errors are JSON: "
        '`{"error": {"code", "message", "fields"}, "request_id"}`; 400 invalid input, '
        "401 no credentials, 403 not allowed, 404 absent or not yours, 409 stale edit, "
        "413 too large, 429 rate-limited."
    ),
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
    auth=STAFF_AUTH,
    throttle=[AnonThrottle(), UserThrottle()],
    parser=StrictJsonParser(),
)
errors.install(api)


def _mount_routers() -> None:
    from onestop.api.cases import router as cases_router
    from onestop.api.eligibility import router as eligibility_router
    from onestop.api.intake import router as intake_router
    from onestop.api.opendata import router as opendata_router
    from onestop.api.persons import router as persons_router
    from onestop.api.reports import router as reports_router
    from onestop.api.volunteers import router as volunteers_router

    api.add_router("/", intake_router)
    api.add_router("/", persons_router)
    api.add_router("/", cases_router)
    api.add_router("/", eligibility_router)
    api.add_router("/", volunteers_router)
    api.add_router("/", opendata_router)
    api.add_router("/", reports_router)


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _require(request: HttpRequest, capability: str) -> User:
    user = _user(request)
    if not user.can(capability):
        raise PermissionDenied
    return user


class ErrorDetail(Schema):
    code: str
    message: str
    fields: dict[str, list[str]]


class Error(Schema):
    error: ErrorDetail
    request_id: str


ERRORS: dict[int, Any] = {400: Error, 401: Error, 403: Error, 404: Error, 429: Error}


# --- me -------------------------------------------------------------------------------------
class MeOut(Schema):
    id: int
    username: str
    display_name: str
    center_id: int | None
    team_id: int | None
    language: str
    roles: list[str]
    capabilities: list[str]


@api.get("/me", response={200: MeOut, **ERRORS}, tags=["accounts"])
def me(request: HttpRequest) -> dict[str, Any]:
    """The signed-in account, its roles and capabilities."""
    user = _user(request)
    return {
        "id": user.pk,
        "username": user.username,
        "display_name": user.display_name,
        "center_id": user.center_id,
        "team_id": user.team_id,
        "language": user.language,
        "roles": sorted(user.role_codes),
        "capabilities": sorted(c for c in CAPABILITIES if user.can(c)),
    }


# --- centers and teams ---------------------------------------------------------------------
class CenterOut(Schema):
    id: int
    code: str
    name_th: str
    name_en: str
    subdistrict_code: str | None = Field(None, alias="subdistrict_id")
    staffed_24h: bool


@api.get("/centers", response={200: list[CenterOut], **ERRORS}, tags=["centers"])
def centers(request: HttpRequest) -> list[Center]:
    """Your center; a system administrator sees every center."""
    user = _user(request)
    if user.is_system_admin:
        return list(Center.objects.filter(is_active=True))
    return [user.center] if user.center else []


class TeamOut(Schema):
    id: int
    center_id: int
    name: str
    description: str
    is_active: bool
    version: int


class TeamIn(Schema):
    name: str = Field(..., min_length=1, max_length=120)
    description: str = Field("", max_length=2000)


class TeamPatch(Schema):
    version: int = Field(..., description="The version you read; a stale one gets 409.")
    name: str | None = Field(None, min_length=1, max_length=120)
    description: str | None = Field(None, max_length=2000)
    is_active: bool | None = None


@api.get("/teams", response={200: list[TeamOut], **ERRORS}, tags=["centers"])
def teams(request: HttpRequest) -> list[Team]:
    return teams_for_user(_user(request))


@api.post("/teams", response={201: TeamOut, **ERRORS}, tags=["centers"])
def team_create(request: HttpRequest, payload: TeamIn) -> Status:
    user = _require(request, "can_manage_teams")
    if user.center is None:
        raise errors.ApiError(400, "no_center", _("Your account has no center."))
    try:
        team = center_services.team_create(
            actor=user, center=user.center, name=payload.name, description=payload.description
        )
    except center_services.CenterError as exc:
        raise errors.ApiError(
            400, "validation_error", _("Some fields are not valid."), {"name": [str(exc)]}
        ) from exc
    return Status(201, team)


@api.get("/teams/{team_id}", response={200: TeamOut, **ERRORS}, tags=["centers"])
def team_detail(request: HttpRequest, team_id: int) -> Team:
    return get_team_for_user(_user(request), team_id)


@api.patch("/teams/{team_id}", response={200: TeamOut, 409: Error, **ERRORS}, tags=["centers"])
def team_update(request: HttpRequest, team_id: int, payload: TeamPatch) -> Team:
    user = _user(request)
    team = get_team_for_user(user, team_id, write=True)
    fields = payload.dict(exclude_unset=True, exclude={"version"})
    try:
        return center_services.team_update(
            actor=user, team=team, expected_version=payload.version, **fields
        )
    except center_services.CenterError as exc:
        raise errors.ApiError(
            400, "validation_error", _("Some fields are not valid."), {"name": [str(exc)]}
        ) from exc


# --- partner organisations -------------------------------------------------------------------
class OrganizationOut(Schema):
    id: int
    name_th: str
    name_en: str
    kind: str
    phone: str
    email: str
    website: str


@api.get("/organizations", response={200: list[OrganizationOut], **ERRORS}, tags=["directory"])
def organizations(request: HttpRequest) -> list[Any]:
    return list(organizations_for_user(_user(request)))


# --- addresses (public) ---------------------------------------------------------------------
class PlaceOut(Schema):
    code: str
    name_th: str
    name_en: str


class SubdistrictOut(PlaceOut):
    postcodes: list[str] = Field(..., alias="postcode_list")


@api.get("/geo/provinces", auth=None, response=list[PlaceOut], tags=["addresses"])
def provinces(request: HttpRequest) -> Any:
    """All 77 provinces (data: GeoThai, CC BY 4.0)."""
    return Province.objects.all()


@api.get(
    "/geo/provinces/{code}/districts",
    auth=None,
    response={200: list[PlaceOut], 404: Error},
    tags=["addresses"],
)
def districts(request: HttpRequest, code: str) -> Any:
    if not Province.objects.filter(code=code).exists():
        raise errors.ApiError(404, "not_found", _("Not found."))
    return District.objects.filter(province_id=code)


@api.get(
    "/geo/districts/{code}/subdistricts",
    auth=None,
    response={200: list[SubdistrictOut], 404: Error},
    tags=["addresses"],
)
def subdistricts(request: HttpRequest, code: str) -> Any:
    if not District.objects.filter(code=code).exists():
        raise errors.ApiError(404, "not_found", _("Not found."))
    return Subdistrict.objects.filter(district_id=code)


_mount_routers()
