"""/api/v1/persons: search, create, read and duplicates, over the registry's services and
access helpers (the same ones as the pages)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from onestop.accounts.models import User
from onestop.api.errors import ApiError
from onestop.geo.models import Subdistrict
from onestop.persons import access, services, validation
from onestop.persons.models import Person
from onestop.persons.search import search

router = Router(tags=["persons"])


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


class PhoneOut(Schema):
    number: str
    label: str
    safe_to_contact: bool


class PersonOut(Schema):
    id: int
    code: str
    external_id: str
    prefix: str
    given_name: str
    middle_name: str
    family_name: str
    nickname: str
    name_en: str
    sex: str
    birth_date: dt.date | None = Field(None, description="The Civil Code anchor date (CE).")
    birth_precision: str = Field("", description="day, month or year")
    age_estimate: int | None
    citizenship_status: str
    nationality: str
    national_id_masked: str = Field("", description="The 13-digit ID, masked.")
    is_active: bool
    merged_into: str | None = None
    version: int


class PersonDetail(PersonOut):
    national_id: str
    languages: list[str]
    interpreter_needed: bool
    registered_address: str
    registered_subdistrict_code: str | None
    current_address: str
    current_subdistrict_code: str | None
    no_fixed_address: bool
    place_description: str
    has_disability: bool
    disability_card: bool
    phones: list[PhoneOut]


def _out(person: Person, *, detail: bool = False) -> dict[str, Any]:
    from onestop.thai import ids

    data: dict[str, Any] = {
        name: getattr(person, name)
        for name in (
            "id",
            "code",
            "external_id",
            "prefix",
            "given_name",
            "middle_name",
            "family_name",
            "nickname",
            "name_en",
            "sex",
            "birth_date",
            "birth_precision",
            "age_estimate",
            "citizenship_status",
            "nationality",
            "is_active",
            "version",
        )
    }
    data["national_id_masked"] = ids.mask(person.national_id) if person.national_id else ""
    data["merged_into"] = person.merged_into.code if person.merged_into is not None else None
    if detail:
        data.update(
            national_id=person.national_id,
            languages=person.languages or [],
            interpreter_needed=person.interpreter_needed,
            registered_address=person.registered_address,
            registered_subdistrict_code=person.registered_subdistrict_id,
            current_address=person.current_address,
            current_subdistrict_code=person.current_subdistrict_id,
            no_fixed_address=person.no_fixed_address,
            place_description=person.place_description,
            has_disability=person.has_disability,
            disability_card=person.disability_card,
            phones=[
                {"number": p.number, "label": p.label, "safe_to_contact": p.safe_to_contact}
                for p in person.phones.all()
            ],
        )
    return data


class SearchHitOut(Schema):
    person: PersonOut
    reason: str = Field(..., description="id, name, fragment or sound")


class SearchPage(Schema):
    results: list[SearchHitOut]
    more: bool = Field(..., description="More matches exist than were ranked: narrow the query.")
    offset: int
    limit: int


class SearchParams(Schema):
    q: str = Field("", max_length=100)
    limit: int = Field(20, ge=1, le=50)
    offset: int = Field(0, ge=0, le=200)


@router.get("/persons", response={200: SearchPage})
def persons_search(request: HttpRequest, params: Query[SearchParams]) -> dict[str, Any]:
    """Search the registry of your center: a Thai name fragment, a full name in any order, a
    nickname, a 13-digit ID (dashes optional), a phone or a person code. Exact ID and phone
    matches come first, then names, then names that sound alike. No total is counted: `more`
    says there is more to narrow down."""
    user = _user(request)
    result = search(access.persons_for_user(user), params.q, limit=params.offset + params.limit)
    page = result.hits[params.offset : params.offset + params.limit]
    return {
        "results": [{"person": _out(h.person), "reason": h.reason} for h in page],
        "more": result.more,
        "offset": params.offset,
        "limit": params.limit,
    }


class PhoneIn(Schema):
    number: str = Field(..., max_length=30)
    label: str = Field("", max_length=40)
    safe_to_contact: bool = True


class DocumentIn(Schema):
    type: Literal[
        "thai_id",
        "non_thai_id",
        "passport",
        "work_permit",
        "birth_cert",
        "migrant_reg",
        "house_reg",
        "other",
    ]
    number: str = Field(..., max_length=40)
    issuer: str = Field("", max_length=120)
    expires_on: dt.date | None = None
    override_reason: str = Field("", max_length=500)


class PersonIn(Schema):
    prefix: str = Field("", max_length=20, description="A code (mr, miss...) or นาย, น.ส., ด.ช....")
    given_name: str = Field(..., min_length=1, max_length=100)
    middle_name: str = Field("", max_length=100)
    family_name: str = Field("", max_length=100)
    nickname: str = Field("", max_length=50)
    name_en: str = Field("", max_length=200)
    sex: Literal["M", "F", "X", ""] = ""
    birth_date: str = Field(
        "", max_length=40, description="YYYY-MM-DD, YYYY-MM or YYYY, BE or CE (a year ≥ 2400 is BE)"
    )
    age_estimate: int | None = Field(None, ge=0, le=130)
    citizenship_status: Literal["thai", "non_thai_id", "stateless", "unknown"] = "unknown"
    nationality: str = Field("", max_length=2)
    languages: list[str] = Field(default_factory=list, max_length=10)
    interpreter_needed: bool = False
    registered_address: str = Field("", max_length=300)
    registered_subdistrict_code: str = Field("", max_length=6)
    current_address: str = Field("", max_length=300)
    current_subdistrict_code: str = Field("", max_length=6)
    no_fixed_address: bool = False
    place_description: str = Field("", max_length=300)
    lat: float | None = Field(None, ge=5, le=21, description="Inside Thailand")
    lng: float | None = Field(None, ge=97, le=106, description="Inside Thailand")
    phones: list[PhoneIn] = Field(default_factory=list, max_length=5)
    documents: list[DocumentIn] = Field(default_factory=list, max_length=5)
    external_id: str = Field("", max_length=64)
    duplicate_reason: str = Field(
        "", max_length=500, description="Needed to create a record that likely duplicates one."
    )


class DuplicateOut(Schema):
    person: PersonOut
    score: float
    features: list[list[Any]]


class DuplicatesConflict(Schema):
    error: dict[str, Any]
    candidates: list[DuplicateOut]


def _field_errors(fields: dict[str, list[str]]) -> ApiError:
    return ApiError(400, "validation_error", _("Please correct the fields listed."), fields)


def _new_person(data: PersonIn) -> services.NewPerson:
    errors: dict[str, list[str]] = {}
    fields: dict[str, Any] = {}

    def check(name: str, fn: Any, value: Any) -> Any:
        try:
            return fn(value)
        except ValidationError as exc:
            errors.setdefault(name, []).extend(exc.messages)
            return None

    fields["prefix"] = check("prefix", validation.prefix, data.prefix) or ""
    birth = check("birth_date", validation.birth_date, data.birth_date)
    services.set_birth(fields, birth)
    registered = check(
        "registered_subdistrict_code", validation.subdistrict, data.registered_subdistrict_code
    )
    current = check(
        "current_subdistrict_code", validation.subdistrict, data.current_subdistrict_code
    )
    phones = []
    for i, phone in enumerate(data.phones):
        number = check(f"phones.{i}.number", validation.phone, phone.number)
        if number:
            phones.append(services.PhoneData(number, phone.label, phone.safe_to_contact))
    nationality = data.nationality.strip().upper()
    if nationality and not (
        len(nationality) == 2 and nationality.isalpha() and nationality.isascii()
    ):
        errors.setdefault("nationality", []).append(
            _("Use the two-letter country code, e.g. TH or MM.")
        )
    if errors:
        raise _field_errors(errors)
    fields.update(
        given_name=data.given_name,
        middle_name=data.middle_name,
        family_name=data.family_name,
        nickname=data.nickname,
        name_en=data.name_en,
        sex=data.sex,
        age_estimate=data.age_estimate,
        age_estimated_on=timezone.localdate() if data.age_estimate is not None else None,
        citizenship_status=data.citizenship_status,
        nationality=nationality,
        languages=[x.strip()[:40] for x in data.languages if x.strip()],
        interpreter_needed=data.interpreter_needed,
        registered_address=data.registered_address,
        registered_subdistrict=Subdistrict.objects.filter(code=registered).first()
        if registered
        else None,
        current_address=data.current_address,
        current_subdistrict=Subdistrict.objects.filter(code=current).first() if current else None,
        no_fixed_address=data.no_fixed_address,
        place_description=data.place_description,
        lat=Decimal(f"{data.lat:.6f}") if data.lat is not None else None,
        lng=Decimal(f"{data.lng:.6f}") if data.lng is not None else None,
    )
    documents = [
        services.DocumentData(d.type, d.number, d.issuer, d.expires_on, d.override_reason)
        for d in data.documents
    ]
    return services.NewPerson(fields, phones, documents, external_id=data.external_id)


@router.post("/persons", response={201: PersonDetail, 409: DuplicatesConflict})
def persons_create(request: HttpRequest, data: PersonIn) -> Any:
    """Register a person. When the registry already holds a likely match, the answer is 409 with
    the candidates; send `duplicate_reason` to create the record anyway."""
    user = _user(request)
    if not user.can("can_search_persons"):
        raise PermissionDenied
    if user.center is None:
        raise ApiError(
            403, "no_center", _("Your account has no center, so it cannot register persons.")
        )
    new = _new_person(data)
    try:
        person = services.person_create(
            actor=user, center=user.center, data=new, duplicate_reason=data.duplicate_reason
        )
    except services.PossibleDuplicates as exc:
        return Status(
            409,
            {
                "error": {
                    "code": "possible_duplicates",
                    "message": _(
                        "This looks like someone already registered. Send duplicate_reason to create a new record anyway."
                    ),
                    "fields": {},
                },
                "candidates": [
                    {
                        "person": _out(p),
                        "score": round(s, 4),
                        "features": [f.as_json() for f in feats],
                    }
                    for p, s, feats in exc.candidates
                ],
            },
        )
    return Status(201, _out(access.get_person_for_user(user, person.pk, audit=False), detail=True))


@router.get("/persons/{person_id}", response={200: PersonDetail})
def persons_detail(request: HttpRequest, person_id: str) -> dict[str, Any]:
    """One person, by internal id or person code. Another center's person is 404."""
    person = access.get_person_for_user(_user(request), person_id)
    return _out(person, detail=True)


@router.get("/persons/{person_id}/duplicates", response={200: list[DuplicateOut]})
def persons_duplicates(request: HttpRequest, person_id: str) -> list[dict[str, Any]]:
    """Likely duplicates of this person, scored now, with the features behind each score."""
    user = _user(request)
    person = access.get_person_for_user(user, person_id)
    found = services.find_candidates(person)
    return [
        {"person": _out(p), "score": round(s, 4), "features": [f.as_json() for f in feats]}
        for p, s, feats in found
    ]
