"""The only way views and the API fetch persons: scoped to the user's center, 404 for another
center's, and every read of a person (and of their sensitive attributes) audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from onestop.accounts.models import User
from onestop.audit.services import audit_read
from onestop.persons.models import (
    DuplicateCandidate,
    Household,
    IdentityDocument,
    Person,
    PersonMerge,
    PersonPhone,
    PersonSensitive,
    Relationship,
)


def _require_search(user: User) -> None:
    if not user.can("can_search_persons"):
        raise PermissionDenied


def _scoped(user: User, qs: QuerySet[Any], field: str = "center_id") -> QuerySet[Any]:
    if user.is_system_admin:
        return qs
    if user.center_id is None:
        return qs.none()
    return qs.filter(**{field: user.center_id})


def persons_for_user(user: User, *, include_merged: bool = False) -> QuerySet[Person]:
    _require_search(user)
    qs = _scoped(user, Person.objects.all())
    return qs if include_merged else qs.filter(is_active=True)


def get_person_for_user(user: User, key: str | int, *, audit: bool = True) -> Person:
    """By code (P-XXXXX-XXXXX) or internal id. A merged person is still found: its page says
    where it went."""
    _require_search(user)
    qs = persons_for_user(user, include_merged=True).select_related(
        "registered_subdistrict__district__province",
        "current_subdistrict__district__province",
        "merged_into",
    )
    text = str(key).strip()
    person = (
        qs.filter(pk=int(text)).first() if text.isdigit() else qs.filter(code=text.upper()).first()
    )
    if person is None:
        raise Http404
    if audit:
        audit_read(actor=user, obj=person)
    return person


def get_sensitive_for_user(user: User, person: Person) -> PersonSensitive | None:
    """Religion, ethnicity and health notes: only for roles that need them, and every read is
    in the audit log."""
    if not user.can("can_view_sensitive"):
        raise PermissionDenied
    record = PersonSensitive.objects.filter(person=person).first()
    if record is not None:
        audit_read(actor=user, obj=record, reason="sensitive attributes")
    return record


def _child(user: User, qs: QuerySet[Any], pk: int | str, field: str = "person__center_id") -> Any:
    _require_search(user)
    if not str(pk).isdigit():
        raise Http404
    obj = _scoped(user, qs, field).filter(pk=int(pk)).first()
    if obj is None:
        raise Http404
    return obj


def get_document_for_user(user: User, person: Person, pk: int | str) -> IdentityDocument:
    doc: IdentityDocument = _child(user, IdentityDocument.objects.filter(person=person), pk)
    return doc


def get_phone_for_user(user: User, person: Person, pk: int | str) -> PersonPhone:
    phone: PersonPhone = _child(user, PersonPhone.objects.filter(person=person), pk)
    return phone


def get_relationship_for_user(user: User, person: Person, pk: int | str) -> Relationship:
    from django.db.models import Q

    qs = Relationship.objects.filter(Q(from_person=person) | Q(to_person=person))
    link: Relationship = _child(user, qs, pk, "from_person__center_id")
    return link


def households_for_user(user: User) -> QuerySet[Household]:
    _require_search(user)
    return _scoped(user, Household.objects.all())


def get_household_for_user(user: User, pk: int | str) -> Household:
    household: Household = _child(user, Household.objects.all(), pk, "center_id")
    return household


def _require_merge(user: User) -> None:
    if not user.can("can_merge_persons"):
        raise PermissionDenied


def duplicates_for_user(user: User) -> QuerySet[DuplicateCandidate]:
    _require_merge(user)
    return _scoped(user, DuplicateCandidate.objects.all()).select_related("person_a", "person_b")


def get_candidate_for_user(user: User, pk: int | str) -> DuplicateCandidate:
    _require_merge(user)
    candidate: DuplicateCandidate = _child(user, DuplicateCandidate.objects.all(), pk, "center_id")
    return candidate


def get_merge_for_user(user: User, pk: int | str) -> PersonMerge:
    _require_merge(user)
    merge: PersonMerge = _child(
        user, PersonMerge.objects.select_related("survivor", "merged"), pk, "center_id"
    )
    return merge
