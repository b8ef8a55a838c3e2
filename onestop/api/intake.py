"""Public help-request endpoints: the same service and checks as the /help/ form."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from pydantic import BaseModel

from onestop.api.errors import ApiError
from onestop.intake import abuse, services
from onestop.intake.models import HelpRequest
from onestop.public.views import public_center

router = Router(tags=["help requests"])

STATUS_DOC = "; ".join(
    f"`{value}`: {label}"
    for value, label in [
        ("received", "รับเรื่องแล้ว (received)"),
        ("in_review", "กำลังพิจารณา (in review)"),
        ("accepted", "รับเป็นเคสเพื่อให้ความช่วยเหลือ (accepted for case work)"),
        ("referred", "ส่งต่อหน่วยงานที่เกี่ยวข้อง (referred)"),
        ("closed", "ปิดเรื่อง (closed)"),
    ]
)


# The request bodies are plain pydantic models, not ninja Schemas: a Schema's root validator
# (there to read Django model attributes, which a JSON body never has) cost 55 of 70 us per
# public report.


class ReporterIn(BaseModel):
    relationship: Literal["self", "relative", "neighbour", "agency", "other"] = "other"
    anonymous: bool = False
    name: str = ""
    phone: str = ""
    line_id: str = ""
    safe_to_contact: bool = True


class SubjectIn(BaseModel):
    name: str = ""
    age_estimate: int | None = None
    sex: Literal["M", "F", "X"] | None = None
    description: str = ""


class LocationIn(BaseModel):
    subdistrict_code: str = ""
    address_text: str = ""
    lat: float | None = None
    lng: float | None = None


class HelpRequestIn(BaseModel):
    channel: Literal["web", "line", "phone", "walk_in", "email", "agency"] = "web"
    description: str = Field(
        ...,
        description="What is happening, in the reporter's words (required, up to 5,000 characters).",
    )
    category_code: str = ""
    reporter: ReporterIn = ReporterIn()
    subject: SubjectIn = SubjectIn()
    location: LocationIn = LocationIn()
    notice_version: str = ""


HelpStatus = Literal["received", "in_review", "accepted", "referred", "closed"]


class HelpRequestCreated(Schema):
    reference: str
    tracking_code: str = Field(
        ..., description="Shown once; with the reference it opens the status."
    )
    status: HelpStatus = Field(..., description=STATUS_DOC)


class HelpRequestStatusOut(Schema):
    reference: str
    status: HelpStatus = Field(..., description=STATUS_DOC)
    status_label: str


def _error(
    code: str, message: str, fields: dict[str, list[str]] | None = None, status: int = 400
) -> ApiError:
    return ApiError(status, code, message, fields)


@router.post(
    "/help-requests",
    auth=None,
    # This endpoint has its own limits, per IP and per phone (intake.abuse), set by settings.
    throttle=[],
    response={201: HelpRequestCreated, 200: HelpRequestCreated},
    summary="Ask for help (public)",
    description=(
        "Creates a help request. Only `description` is required. Send an `Idempotency-Key` "
        "header to make a retried submit return the first request instead of a second one. "
        "Statuses: " + STATUS_DOC
    ),
)
def create_help_request(request: HttpRequest, payload: HelpRequestIn) -> JsonResponse:
    try:
        abuse.check_ip(request)
        abuse.check_phone(request, payload.reporter.phone)
    except abuse.RateLimited as exc:
        raise _error("rate_limited", str(exc), status=429) from exc
    data = services.HelpRequestInput(
        description=payload.description,
        channel=payload.channel,
        category_code=payload.category_code,
        reporter_relationship=payload.reporter.relationship,
        reporter_anonymous=payload.reporter.anonymous,
        reporter_name=payload.reporter.name,
        reporter_phone=payload.reporter.phone,
        reporter_line_id=payload.reporter.line_id,
        safe_to_contact=payload.reporter.safe_to_contact,
        subject_name=payload.subject.name,
        subject_age=payload.subject.age_estimate,
        subject_sex=payload.subject.sex or "",
        subject_description=payload.subject.description,
        subdistrict_code=payload.location.subdistrict_code,
        address_text=payload.location.address_text,
        lat=payload.location.lat,
        lng=payload.location.lng,
        notice_version=payload.notice_version,
    )
    key = request.headers.get("Idempotency-Key", "")
    result = services.help_request_submit(
        center=public_center(), data=data, idempotency_key=f"api:{key}" if key else ""
    )
    body = {
        "reference": result.request.reference,
        "tracking_code": result.tracking_code,
        "status": result.request.status,
    }
    # Built here rather than validated against HelpRequestCreated again (three strings this
    # function just made; the schema stays the documented answer): the public endpoint's hot
    # path. tests/intake/test_help_api.py checks the body against the schema.
    return JsonResponse(body, status=201 if result.created else 200)


@router.get(
    "/help-requests/status",
    auth=None,
    throttle=[],
    response={200: HelpRequestStatusOut},
    summary="Status of a help request (public)",
    description="The same 404 answers an unknown reference and a wrong code. No personal data.",
)
def help_request_status(request: HttpRequest, reference: str, tracking_code: str) -> dict[str, Any]:
    from django.conf import settings

    try:
        abuse.check_ip(request, scope="status", rate=settings.INTAKE_STATUS_RATE_PER_IP)
    except abuse.RateLimited as exc:
        raise _error("rate_limited", str(exc), status=429) from exc
    try:
        hr = services.help_request_status(reference=reference, tracking_code=tracking_code)
    except services.StatusNotFound as exc:
        raise _error(
            "not_found", _("No request matches this reference and code."), status=404
        ) from exc
    return {
        "reference": hr.reference,
        "status": hr.status,
        "status_label": str(HelpRequest.Status(hr.status).label),
    }
