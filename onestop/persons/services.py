"""Writes to the persons registry. Each one runs in a transaction and writes its audit entry."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onestop.accounts.models import User
from onestop.audit.services import audit_log, diff, snapshot
from onestop.centers.models import Center
from onestop.core.errors import check_version
from onestop.persons import matching
from onestop.persons.models import (
    DuplicateCandidate,
    Household,
    HouseholdMembership,
    IdentityDocument,
    Person,
    PersonMerge,
    PersonPhone,
    PersonSensitive,
    Relationship,
)
from onestop.thai import ids, names
from onestop.thai.dates import PartialDate


class PersonError(ValueError):
    """A rule was broken; the message is translated and shown as is."""


class PossibleDuplicates(Exception):
    """Likely matches exist: the caller shows them, and may create anyway with a reason."""

    def __init__(self, candidates: list[tuple[Person, float, list[matching.Feature]]]) -> None:
        super().__init__("possible duplicates")
        self.candidates = candidates


# The fields a person form or the API may set; keys and bookkeeping are derived.
PERSON_FIELDS = [
    "prefix",
    "given_name",
    "middle_name",
    "family_name",
    "nickname",
    "name_en",
    "sex",
    "gender_identity",
    "birth_date",
    "birth_precision",
    "age_estimate",
    "age_estimated_on",
    "nationality",
    "citizenship_status",
    "languages",
    "interpreter_needed",
    "registered_address",
    "registered_subdistrict",
    "current_address",
    "current_subdistrict",
    "no_fixed_address",
    "place_description",
    "lat",
    "lng",
    "has_disability",
    "disability_card",
    "disability_type",
    "identifying_marks",
]
SENSITIVE_FIELDS = ["religion", "ethnicity", "health_notes"]


@dataclass
class PhoneData:
    number: str  # E.164, from validation.phone
    label: str = ""
    safe_to_contact: bool = True


@dataclass
class DocumentData:
    doc_type: str
    number: str
    issuer: str = ""
    expires_on: dt.date | None = None
    override_reason: str = ""


@dataclass
class NewPerson:
    fields: dict[str, Any]
    phones: list[PhoneData] = field(default_factory=list)
    documents: list[DocumentData] = field(default_factory=list)
    external_id: str = ""


def set_birth(fields: dict[str, Any], birth: PartialDate | None) -> None:
    fields["birth_date"] = birth.anchor if birth else None
    fields["birth_precision"] = birth.precision.value if birth else ""


def derived_keys(
    given: str, middle: str, family: str, nickname: str, name_en: str
) -> dict[str, str]:
    """The search text and the name keys (names.keys is cached per distinct name)."""
    g, f = names.keys(given), names.keys(family)
    return {
        "search_text": names.search_text(given, middle, family, nickname, name_en)[:400],
        "given_skel": g.skeleton,
        "given_udom": g.udom83,
        "given_meta": g.metasound,
        "given_lk": g.lk82,
        "family_skel": f.skeleton,
        "family_udom": f.udom83,
        "nickname_skel": names.skeleton(nickname)[:40] if nickname else "",
    }


def apply_keys(person: Person) -> None:
    for name, value in derived_keys(
        person.given_name, person.middle_name, person.family_name, person.nickname, person.name_en
    ).items():
        setattr(person, name, value)


def _check_person(person: Person) -> None:
    errors: dict[str, list[str]] = {}
    if not person.given_name.strip():
        errors.setdefault("given_name", []).append(_("Enter a given name or a description."))
    if person.birth_date and person.birth_date > timezone.localdate():
        errors.setdefault("birth_date", []).append(_("The birth date is in the future."))
    if person.age_estimate is not None and person.age_estimate > 130:
        errors.setdefault("age_estimate", []).append(_("An age over 130 cannot be right."))
    if person.disability_card and not person.has_disability:
        person.has_disability = True
    if person.no_fixed_address and not (person.place_description or person.lat is not None):
        errors.setdefault("place_description", []).append(
            _("Say where the person can be found, or use the location.")
        )
    if errors:
        raise ValidationError(errors)


def _document(person: Person, data: DocumentData, actor: User | None) -> IdentityDocument:
    """Check a document's number: the two 13-digit cards by check digit, or by staff override."""
    if data.doc_type not in IdentityDocument.Type.values:
        raise ValidationError({"doc_type": [_("Choose one of the listed document types.")]})
    number = (data.number or "").strip()
    reason = (data.override_reason or "").strip()
    verification = IdentityDocument.Verification.UNVERIFIED
    if not number:
        raise ValidationError({"number": [_("Enter the document number.")]})
    if data.doc_type in IdentityDocument.CHECKED_TYPES:
        try:
            number = ids.validate(number)
            verification = IdentityDocument.Verification.CHECKED
        except ids.InvalidNationalId as exc:
            if not reason:
                raise ValidationError(
                    {
                        "number": [
                            str(exc)
                            + " "
                            + _("If the card really shows this number, give a reason to keep it.")
                        ]
                    }
                ) from exc
            number = ids.compact(number)
            verification = IdentityDocument.Verification.OVERRIDDEN
    elif reason:
        verification = IdentityDocument.Verification.OVERRIDDEN
    doc = IdentityDocument(
        person=person,
        doc_type=data.doc_type,
        number=number[:40],
        issuer=data.issuer.strip()[:120],
        expires_on=data.expires_on,
        verification=verification,
        override_reason=reason[:500],
        recorded_by=actor,
    )
    doc.full_clean(exclude=["person", "recorded_by"])
    return doc


def _sync_national_id(person: Person) -> None:
    """The person's searchable 13-digit ID: their checked Thai or non-Thai card, if any."""
    doc = (
        IdentityDocument.objects.filter(
            person=person,
            doc_type__in=IdentityDocument.CHECKED_TYPES,
        )
        .order_by("verification", "-pk")
        .first()
    )
    value = doc.number if doc and len(doc.number) == 13 else ""
    if value != person.national_id:
        person.national_id = value
        Person.objects.filter(pk=person.pk).update(national_id=value)


def _record_of(person: Person, phones: list[str] | None = None) -> matching.Record:
    if phones is None:
        phones = (
            list(PersonPhone.objects.filter(person=person).values_list("number", flat=True))
            if person.pk
            else []
        )
    return matching.Record.of(
        id=person.pk or 0,
        ref=person.external_id or person.code,
        given=person.given_name,
        family=person.family_name,
        nickname=person.nickname,
        sex=person.sex,
        birth=person.birth_date,
        precision=person.birth_precision,
        national_id=person.national_id,
        phones=frozenset(phones),
        subdistrict=person.current_subdistrict_id or person.registered_subdistrict_id,
    )


def _frequencies(person: Person) -> matching.Frequencies:
    """How common this person's names are in their center, as the full pass weighs them. The
    counts stop at 2,000: from about 1 person in 1,000 a name weighs the minimum anyway
    (matching._agree_weight). The registry's size is cached for ten minutes."""
    base = Person.objects.filter(center_id=person.center_id, is_active=True).order_by()
    total = cache.get_or_set(f"persons:size:{person.center_id}", lambda: base.count(), timeout=600)
    given = base.filter(given_skel=person.given_skel)[:2000].count()
    family = base.filter(family_skel=person.family_skel)[:2000].count() if person.family_skel else 0
    return matching.Frequencies(
        given={person.given_skel: given}, family={person.family_skel: family}, total=int(total or 0)
    )


def find_candidates(
    person: Person, *, phones: list[str] | None = None, limit: int = 200
) -> list[tuple[Person, float, list[matching.Feature]]]:
    """The incremental check: persons sharing a key with ``person``, scored, best first.

    The same keys as the full pass's blocking, each served by an index, so it stays in the
    milliseconds at a million persons."""
    apply_keys(person)
    record = _record_of(person, phones)
    base = Person.objects.filter(center_id=person.center_id, is_active=True).order_by()
    if person.pk:
        base = base.exclude(pk=person.pk)
    # One small indexed query per key rather than one OR across them all: an OR with a
    # sub-select makes PostgreSQL scan the table.
    lookups = [
        models.Q(given_skel=person.given_skel, family_skel=person.family_skel),
        models.Q(given_udom=person.given_udom, family_udom=person.family_udom),
    ]
    if person.birth_date:
        year = person.birth_date.year
        window = (dt.date(year - 1, 1, 1), dt.date(year + 1, 12, 31))
        lookups.append(models.Q(given_skel=person.given_skel, birth_date__range=window))
        lookups.append(models.Q(given_meta=person.given_meta, birth_date__range=window))
    if person.national_id:
        lookups.append(models.Q(national_id=person.national_id))
    if record.phones:
        owners = list(
            PersonPhone.objects.filter(number__in=record.phones).values_list(
                "person_id", flat=True
            )[:limit]
        )
        lookups.append(models.Q(pk__in=owners))
    found: set[int] = set()
    for lookup in lookups:
        found.update(base.filter(lookup).values_list("pk", flat=True)[:limit])
    ids = sorted(found)[: limit * 2]
    other_phones: dict[int, set[str]] = {}
    for pid, number in PersonPhone.objects.filter(person_id__in=ids).values_list(
        "person_id", "number"
    ):
        other_phones.setdefault(pid, set()).add(number)
    freq = _frequencies(person)
    # Score light records first; build Person objects only for the few worth showing.
    kept: dict[int, tuple[float, list[matching.Feature]]] = {}
    rows = Person.objects.filter(pk__in=ids).order_by().values_list(*matching.RECORD_FIELDS)
    for row in rows:
        other = matching.record_from_row(row, other_phones.get(row[0], set()))
        score, features = matching.score_pair(record, other, freq)
        if score >= matching.REVIEW_THRESHOLD:
            kept[other.id] = (score, features)
    people = Person.objects.filter(pk__in=list(kept)).order_by()
    scored = [(p, *kept[p.pk]) for p in people]
    scored.sort(key=lambda item: -item[1])
    return scored


def _queue(
    person: Person, candidates: list[tuple[Person, float, list[matching.Feature]]], source: str
) -> None:
    for other, score, features in candidates:
        a, b = sorted((person.pk, other.pk))
        DuplicateCandidate.objects.update_or_create(
            person_a_id=a,
            person_b_id=b,
            defaults={
                "center_id": person.center_id,
                "score": round(score, 4),
                "features": {"features": matching.explain(features)},
                "source": source,
            },
            create_defaults={
                "center_id": person.center_id,
                "score": round(score, 4),
                "features": {"features": matching.explain(features)},
                "source": source,
                "state": DuplicateCandidate.State.OPEN,
            },
        )


def queue_pairs(
    center: Center,
    pairs: list[tuple[matching.Record, matching.Record, float, list[matching.Feature]]],
    *,
    progress: bool = False,
) -> int:
    """Upsert a full pass's pairs into the review queue; a pair a supervisor already decided
    keeps its decision (only the score and the features are refreshed)."""
    import sys

    objs = []
    for a, b, score, features in pairs:
        x, y = sorted((a.id, b.id))
        objs.append(
            DuplicateCandidate(
                center=center,
                person_a_id=x,
                person_b_id=y,
                score=round(score, 4),
                features={"features": matching.explain(features)},
                source=DuplicateCandidate.Source.FULL,
            )
        )
    with transaction.atomic():
        for start in range(0, len(objs), 5000):
            DuplicateCandidate.objects.bulk_create(
                objs[start : start + 5000],
                update_conflicts=True,
                unique_fields=["person_a", "person_b"],
                update_fields=["score", "features", "updated"],
            )
            if progress:
                sys.stderr.write(f"\rqueue {min(start + 5000, len(objs)):,}/{len(objs):,}")
    if progress:
        sys.stderr.write("\n")
    return len(objs)


@transaction.atomic
def person_create(
    *,
    actor: User | None,
    center: Center,
    data: NewPerson,
    duplicate_reason: str = "",
) -> Person:
    """Search before create: likely matches raise PossibleDuplicates unless a reason is given."""
    person = Person(center=center, created_by=actor, external_id=data.external_id.strip()[:64])
    for name, value in data.fields.items():
        if name not in PERSON_FIELDS:
            raise PersonError(f"field {name} cannot be set here")
        setattr(person, name, value.strip() if isinstance(value, str) else value)
    _check_person(person)
    documents = [_document(person, d, actor) for d in data.documents]
    checked = [
        d for d in documents if d.doc_type in IdentityDocument.CHECKED_TYPES and len(d.number) == 13
    ]
    person.national_id = checked[0].number if checked else ""
    phones = [p.number for p in data.phones if p.number]
    likely = [c for c in find_candidates(person, phones=phones) if c[1] >= matching.MATCH_THRESHOLD]
    reason = duplicate_reason.strip()
    if likely and not reason:
        raise PossibleDuplicates(likely)
    person.duplicate_override_reason = reason[:500] if likely else ""
    person.full_clean(
        exclude=["center", "created_by", "merged_into", "code"], validate_unique=False
    )
    person.save()
    for doc in documents:
        doc.person = person
        doc.save()
    for phone in data.phones:
        PersonPhone.objects.create(
            person=person,
            number=phone.number,
            label=phone.label.strip()[:40],
            safe_to_contact=phone.safe_to_contact,
        )
    _queue(person, find_candidates(person, phones=phones), DuplicateCandidate.Source.INCREMENTAL)
    audit_log(
        action="persons.person.created",
        actor=actor,
        obj=person,
        data={
            "documents": len(documents),
            "phones": len(data.phones),
            "possible_duplicates": [p.code for p, _s, _f in likely],
            "duplicate_reason": person.duplicate_override_reason,
        },
    )
    return person


@transaction.atomic
def person_update(
    *, actor: User, person: Person, expected_version: int | None, fields: dict[str, Any]
) -> Person:
    locked = Person.objects.select_for_update().get(pk=person.pk)
    check_version(locked.version, expected_version)
    if not locked.is_active:
        raise PersonError(_("This person was merged into another record and cannot be edited."))
    before = snapshot(locked, PERSON_FIELDS)
    for name, value in fields.items():
        if name not in PERSON_FIELDS:
            raise PersonError(f"field {name} cannot be changed here")
        setattr(locked, name, value.strip() if isinstance(value, str) else value)
    _check_person(locked)
    locked.full_clean(exclude=["center", "created_by", "merged_into"], validate_unique=False)
    changes = diff(before, snapshot(locked, PERSON_FIELDS))
    if changes:
        apply_keys(locked)
        locked.version += 1
        locked.save()
        audit_log(action="persons.person.updated", actor=actor, obj=locked, changes=changes)
        _queue(locked, find_candidates(locked), DuplicateCandidate.Source.INCREMENTAL)
    return locked


@transaction.atomic
def sensitive_update(*, actor: User, person: Person, **values: str) -> PersonSensitive:
    record, _created = PersonSensitive.objects.select_for_update().get_or_create(person=person)
    before = snapshot(record, SENSITIVE_FIELDS)
    for name, value in values.items():
        if name not in SENSITIVE_FIELDS:
            raise PersonError(f"field {name} cannot be changed here")
        setattr(record, name, (value or "").strip())
    record.full_clean(exclude=["person"])
    after = snapshot(record, SENSITIVE_FIELDS)
    if before != after:
        record.save()
        # Which fields changed, never their values: the audit log must not copy special-category
        # data (PDPA s.26).
        audit_log(
            action="persons.person_sensitive.updated",
            actor=actor,
            obj=person,
            data={"fields": sorted(k for k in after if after[k] != before.get(k))},
        )
    return record


@transaction.atomic
def document_add(*, actor: User, person: Person, data: DocumentData) -> IdentityDocument:
    doc = _document(person, data, actor)
    doc.save()
    _sync_national_id(person)
    audit_log(
        action="persons.identity_document.added",
        actor=actor,
        obj=person,
        data={
            "doc_type": doc.doc_type,
            "id_number": doc.number,
            "verification": doc.verification,
            "override_reason": doc.override_reason,
        },
    )
    if person.national_id:
        _queue(person, find_candidates(person), DuplicateCandidate.Source.INCREMENTAL)
    return doc


@transaction.atomic
def document_remove(*, actor: User, document: IdentityDocument) -> None:
    person = document.person
    audit_log(
        action="persons.identity_document.removed",
        actor=actor,
        obj=person,
        data={"doc_type": document.doc_type, "id_number": document.number},
    )
    document.delete()
    _sync_national_id(person)


@transaction.atomic
def phone_add(*, actor: User, person: Person, data: PhoneData) -> PersonPhone:
    if PersonPhone.objects.filter(person=person, number=data.number).exists():
        raise PersonError(_("This phone number is already recorded for this person."))
    phone = PersonPhone.objects.create(
        person=person,
        number=data.number,
        label=data.label.strip()[:40],
        safe_to_contact=data.safe_to_contact,
    )
    audit_log(
        action="persons.person_phone.added",
        actor=actor,
        obj=person,
        data={"phone": phone.number, "safe_to_contact": phone.safe_to_contact},
    )
    return phone


@transaction.atomic
def phone_remove(*, actor: User, phone: PersonPhone) -> None:
    audit_log(
        action="persons.person_phone.removed",
        actor=actor,
        obj=phone.person,
        data={"phone": phone.number},
    )
    phone.delete()


@transaction.atomic
def household_create(
    *, actor: User, center: Center, name: str, address: str = "", subdistrict_id: str | None = None
) -> Household:
    household = Household(
        center=center, name=name.strip(), address=address.strip(), subdistrict_id=subdistrict_id
    )
    household.full_clean(exclude=["center", "subdistrict"])
    household.save()
    audit_log(action="persons.household.created", actor=actor, obj=household)
    return household


@transaction.atomic
def membership_add(
    *,
    actor: User,
    household: Household,
    person: Person,
    role: str,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> HouseholdMembership:
    if household.center_id != person.center_id:
        raise PersonError(_("The household and the person belong to different centers."))
    if role not in HouseholdMembership.Role.values:
        raise PersonError(_("Choose one of the listed roles."))
    if start and end and end < start:
        raise PersonError(_("The end date is before the start date."))
    if (
        role == HouseholdMembership.Role.HEAD
        and household.memberships.filter(role=role, end__isnull=True)
        .exclude(person=person)
        .exists()
        and end is None
    ):
        raise PersonError(
            _("This household already has a current head. End that membership first.")
        )
    membership = HouseholdMembership.objects.create(
        household=household, person=person, role=role, start=start, end=end
    )
    audit_log(
        action="persons.household_membership.added",
        actor=actor,
        obj=person,
        data={"household": household.pk, "role": role, "start": start, "end": end},
    )
    return membership


@transaction.atomic
def membership_end(*, actor: User, membership: HouseholdMembership, end: dt.date) -> None:
    if membership.start and end < membership.start:
        raise PersonError(_("The end date is before the start date."))
    membership.end = end
    membership.save(update_fields=["end", "updated"])
    audit_log(
        action="persons.household_membership.ended",
        actor=actor,
        obj=membership.person,
        data={"household": membership.household_id, "end": end},
    )


@transaction.atomic
def relationship_add(
    *, actor: User, from_person: Person, to_person: Person, kind: str, note: str = ""
) -> Relationship:
    if from_person.pk == to_person.pk:
        raise PersonError(_("A person cannot be related to themself."))
    if from_person.center_id != to_person.center_id:
        raise PersonError(_("Both persons must belong to the same center."))
    if kind not in Relationship.Kind.values:
        raise PersonError(_("Choose one of the listed relationships."))
    inverse = Relationship.INVERSE[kind]
    if Relationship.objects.filter(
        models.Q(from_person=from_person, to_person=to_person, kind=kind)
        | models.Q(from_person=to_person, to_person=from_person, kind=inverse)
    ).exists():
        raise PersonError(_("This relationship is already recorded."))
    link = Relationship.objects.create(
        from_person=from_person, to_person=to_person, kind=kind, note=note.strip()[:200]
    )
    audit_log(
        action="persons.relationship.added",
        actor=actor,
        obj=from_person,
        data={"to": to_person.code, "kind": kind},
    )
    return link


@transaction.atomic
def relationship_remove(*, actor: User, link: Relationship) -> None:
    audit_log(
        action="persons.relationship.removed",
        actor=actor,
        obj=link.from_person,
        data={"to": link.to_person.code, "kind": link.kind},
    )
    link.delete()


@transaction.atomic
def duplicate_decide(*, actor: User, candidate: DuplicateCandidate, distinct: bool) -> None:
    candidate.state = (
        DuplicateCandidate.State.DISTINCT if distinct else DuplicateCandidate.State.OPEN
    )
    candidate.decided_by = actor
    candidate.save(update_fields=["state", "decided_by", "updated"])
    audit_log(
        action="persons.duplicate.decided",
        actor=actor,
        obj=candidate.person_a,
        data={"other": candidate.person_b.code, "distinct": distinct},
    )


# --- merge -----------------------------------------------------------------------------------
MERGE_FIELDS = [f for f in PERSON_FIELDS if f not in ("lat", "lng")]
# Links the merge bookkeeping itself owns; everything else pointing at Person is moved.
_NOT_MOVED = {
    ("persons", "duplicatecandidate"),
    ("persons", "personmerge"),
    ("persons", "person"),
    ("persons", "personsensitive"),
}


def _movable_relations() -> list[tuple[type[models.Model], str]]:
    """Every foreign key to Person in every app (cases, referrals, benefit checks... as they are
    added), so a merge moves them without this module knowing each one."""
    out = []
    for rel in Person._meta.related_objects:
        model = rel.related_model
        if (
            not isinstance(model, type)
            or (model._meta.app_label, model._meta.model_name) in _NOT_MOVED
        ):
            continue
        if rel.one_to_one or rel.many_to_many:
            continue
        out.append((model, rel.field.name))
    return out


def _label(model: type[models.Model], field_name: str) -> str:
    return f"{model._meta.label}.{field_name}"


@transaction.atomic
def persons_merge(
    *, actor: User, survivor: Person, merged: Person, take: list[str] | None = None
) -> PersonMerge:
    """Merge ``merged`` into ``survivor``: take the chosen fields, move every link, keep a
    tombstone, and record enough to undo it for ``PersonMerge.UNDO_DAYS`` days."""
    if survivor.pk == merged.pk:
        raise PersonError(_("A person cannot be merged with themself."))
    if survivor.center_id != merged.center_id:
        raise PersonError(_("Persons of two different centers cannot be merged."))
    keep, gone = (
        Person.objects.select_for_update().get(pk=survivor.pk),
        Person.objects.select_for_update().get(pk=merged.pk),
    )
    if not keep.is_active or not gone.is_active:
        raise PersonError(_("One of these records was already merged."))
    take = [f for f in (take or []) if f in MERGE_FIELDS]
    # A date and its precision, an age and when it was estimated, travel together.
    for field_name, companion in (
        ("birth_date", "birth_precision"),
        ("age_estimate", "age_estimated_on"),
    ):
        if field_name in take and companion not in take:
            take.append(companion)
    fields_changed: dict[str, list[Any]] = {}
    before = snapshot(keep, take)
    for name in take:
        setattr(keep, name, getattr(gone, name))
    after = snapshot(keep, take)
    fields_changed = {k: [before[k], after[k]] for k in take if before[k] != after[k]}
    moved: dict[str, list[int]] = {}
    for model, field_name in _movable_relations():
        ids_ = list(
            model._default_manager.filter(**{field_name: gone}).values_list("pk", flat=True)
        )
        if ids_:
            moved[_label(model, field_name)] = ids_
            try:
                with transaction.atomic():
                    model._default_manager.filter(pk__in=ids_).update(**{field_name: keep})
            except IntegrityError:
                # The survivor already has the same link (a shared household, the same
                # relationship): keep the survivor's and leave the merged one's on the tombstone.
                moved[_label(model, field_name)] = []
                for pk in ids_:
                    try:
                        with transaction.atomic():
                            model._default_manager.filter(pk=pk).update(**{field_name: keep})
                        moved[_label(model, field_name)].append(pk)
                    except IntegrityError:
                        continue
    # A relationship between the two themselves would now point at one person: drop it.
    Relationship.objects.filter(from_person=keep, to_person=keep).delete()
    if fields_changed:
        keep.version += 1
    apply_keys(keep)
    keep.save()
    _sync_national_id(keep)
    gone.is_active = False
    gone.merged_into = keep
    gone.version += 1
    gone.save(update_fields=["is_active", "merged_into", "version", "updated"])
    DuplicateCandidate.objects.filter(
        models.Q(person_a=gone, person_b=keep) | models.Q(person_a=keep, person_b=gone)
    ).update(state=DuplicateCandidate.State.MERGED, decided_by=actor)
    merge = PersonMerge.objects.create(
        center_id=keep.center_id,
        survivor=keep,
        merged=gone,
        performed_by=actor,
        fields_changed=fields_changed,
        moved=moved,
    )
    audit_log(
        action="persons.person.merged",
        actor=actor,
        obj=keep,
        changes=diff(before, after),
        data={"merged": gone.code, "moved": {k: len(v) for k, v in moved.items()}},
    )
    return merge


def undo_deadline(merge: PersonMerge) -> dt.datetime:
    return merge.performed_at + dt.timedelta(days=PersonMerge.UNDO_DAYS)


@transaction.atomic
def merge_undo(*, actor: User, merge: PersonMerge, now: dt.datetime | None = None) -> None:
    merge = PersonMerge.objects.select_for_update().get(pk=merge.pk)
    if merge.undone_at is not None:
        raise PersonError(_("This merge was already undone."))
    if (now or timezone.now()) > undo_deadline(merge):
        raise PersonError(
            _("A merge can be undone only within %(days)s days.") % {"days": PersonMerge.UNDO_DAYS}
        )
    keep = Person.objects.select_for_update().get(pk=merge.survivor_id)
    gone = Person.objects.select_for_update().get(pk=merge.merged_id)
    relations = {_label(m, f): (m, f) for m, f in _movable_relations()}
    for label, ids_ in merge.moved.items():
        if label in relations and ids_:
            model, field_name = relations[label]
            model._default_manager.filter(pk__in=ids_).update(**{field_name: gone})
    # Put back the survivor's own values, unless someone changed them since.
    current = snapshot(keep, list(merge.fields_changed))
    for name, (old, new) in merge.fields_changed.items():
        if current.get(name) == new:
            field_obj = keep._meta.get_field(name)
            assert isinstance(field_obj, models.Field)
            attname = field_obj.attname
            setattr(keep, attname, field_obj.to_python(old) if old is not None else None)
    apply_keys(keep)
    keep.version += 1
    keep.save()
    _sync_national_id(keep)
    gone.is_active = True
    gone.merged_into = None
    gone.version += 1
    gone.save(update_fields=["is_active", "merged_into", "version", "updated"])
    _sync_national_id(gone)
    DuplicateCandidate.objects.filter(
        models.Q(person_a=gone, person_b=keep) | models.Q(person_a=keep, person_b=gone)
    ).update(state=DuplicateCandidate.State.OPEN)
    merge.undone_at = now or timezone.now()
    merge.undone_by = actor
    merge.save(update_fields=["undone_at", "undone_by"])
    audit_log(
        action="persons.person.merge_undone",
        actor=actor,
        obj=keep,
        data={"merged": gone.code, "merge": merge.pk},
    )
