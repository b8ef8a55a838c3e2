"""The persons registry: people with or without papers, their documents, phones, households,
relationships, and the duplicate review queue with reversible merges.

Every case, referral, volunteer and benefit check points at a ``Person``. The internal ID (the
primary key) and the readable ``code`` depend on no document: many clients are stateless,
migrants or homeless people with no papers at all.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from onestop.core.models import TimeStampedModel, VersionedModel
from onestop.thai import names
from onestop.thai.dates import PartialDate

# Crockford-style: no I, L, O or U, so a code read over the phone is not misheard.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_person_code() -> str:
    # 32^10 codes: at a million persons a collision is a few in ten thousand, and the unique
    # index turns it into a retry rather than a wrong match.
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))
    return f"P-{raw[:5]}-{raw[5:]}"


class Person(VersionedModel):  # type: ignore[django-manager-missing]  # ScopedManager
    class Sex(models.TextChoices):
        MALE = "M", _("Male")
        FEMALE = "F", _("Female")
        OTHER = "X", _("Other / not stated")

    class Status(models.TextChoices):
        THAI = "thai", _("Thai national")
        NON_THAI_ID = "non_thai_id", _("Non-Thai with an ID")
        STATELESS = "stateless", _("Stateless")
        UNKNOWN = "unknown", _("Unknown")

    class Precision(models.TextChoices):
        DAY = "day", _("Known to the day")
        MONTH = "month", _("Month only")
        YEAR = "year", _("Year only")

    center = models.ForeignKey(
        "centers.Center", verbose_name=_("center"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(_("person code"), max_length=14, unique=True, default=new_person_code)
    external_id = models.CharField(
        _("external ID"),
        max_length=64,
        blank=True,
        help_text=_("The ID in the system this record was imported from."),
    )

    prefix = models.CharField(
        _("prefix"), max_length=10, blank=True, choices=list(names.PREFIXES.items())
    )
    given_name = models.CharField(_("given name"), max_length=100)
    middle_name = models.CharField(_("middle name"), max_length=100, blank=True)
    family_name = models.CharField(_("family name"), max_length=100, blank=True)
    nickname = models.CharField(_("nickname"), max_length=50, blank=True)
    name_en = models.CharField(
        _("name in English"),
        max_length=200,
        blank=True,
        help_text=_("As written on the document."),
    )
    sex = models.CharField(_("sex"), max_length=1, blank=True, choices=Sex.choices)
    gender_identity = models.CharField(_("gender identity"), max_length=60, blank=True)

    # A partial birth date: the CE date of its Civil Code anchor plus how much of it is known.
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    birth_precision = models.CharField(
        _("birth date known to"), max_length=5, blank=True, choices=Precision.choices
    )
    age_estimate = models.PositiveSmallIntegerField(_("estimated age"), null=True, blank=True)
    age_estimated_on = models.DateField(_("age estimated on"), null=True, blank=True)

    nationality = models.CharField(
        _("nationality"), max_length=2, blank=True, help_text=_("ISO country code, e.g. TH, MM.")
    )
    citizenship_status = models.CharField(
        _("citizenship status"), max_length=12, choices=Status.choices, default=Status.UNKNOWN
    )
    # The 13-digit Thai or non-Thai ID, copied from its document so that search finds it by index.
    national_id = models.CharField(_("national ID"), max_length=13, blank=True)

    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    interpreter_needed = models.BooleanField(_("needs an interpreter"), default=False)

    registered_address = models.CharField(
        _("registered address (house registration)"), max_length=300, blank=True
    )
    registered_subdistrict = models.ForeignKey(
        "geo.Subdistrict",
        verbose_name=_("registered sub-district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    current_address = models.CharField(_("current address"), max_length=300, blank=True)
    current_subdistrict = models.ForeignKey(
        "geo.Subdistrict",
        verbose_name=_("current sub-district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    no_fixed_address = models.BooleanField(_("no fixed address"), default=False)
    place_description = models.CharField(_("where they can be found"), max_length=300, blank=True)
    lat = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    lng = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)

    has_disability = models.BooleanField(_("has a disability"), default=False)
    disability_card = models.BooleanField(_("holds a disability card"), default=False)
    disability_type = models.CharField(_("type of disability"), max_length=100, blank=True)
    identifying_marks = models.CharField(_("identifying marks"), max_length=300, blank=True)

    # Search and duplicate keys, derived on every save (services.apply_keys).
    search_text = models.CharField(max_length=400, blank=True, editable=False)
    # given_skel and given_meta are indexed together with the birth date (Meta.indexes): the
    # duplicate check looks them up within a birth-year window.
    given_skel = models.CharField(max_length=40, blank=True, editable=False)
    family_skel = models.CharField(max_length=40, blank=True, editable=False, db_index=True)
    given_udom = models.CharField(max_length=20, blank=True, editable=False, db_index=True)
    family_udom = models.CharField(max_length=20, blank=True, editable=False, db_index=True)
    given_meta = models.CharField(max_length=20, blank=True, editable=False)
    given_lk = models.CharField(max_length=20, blank=True, editable=False, db_index=True)
    nickname_skel = models.CharField(max_length=40, blank=True, editable=False, db_index=True)

    # A copy made for another center on a referral or transfer (with consent): never shared
    # access, always a record of its own that says where it came from.
    linked_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="linked_copies"
    )
    # A merged person stays as a tombstone that points at the one it was merged into.
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    duplicate_override_reason = models.CharField(max_length=500, blank=True)

    objects: ClassVar[models.Manager[Person]] = ScopedManager(center="center")
    audit_entity = "person"
    audit_sensitive = True

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["given_name", "family_name"]
        indexes = [
            models.Index(fields=["national_id"], name="person_national_id"),
            models.Index(fields=["center", "external_id"], name="person_external_id"),
            models.Index(fields=["given_skel", "birth_date"], name="person_given_skel_birth"),
            models.Index(fields=["given_meta", "birth_date"], name="person_given_meta_birth"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["center", "external_id"],
                condition=~models.Q(external_id=""),
                name="person_external_id_unique",
            )
        ]

    def __str__(self) -> str:
        # The code, not the name: str() ends up in audit entries and logs.
        return self.code

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_name, self.middle_name, self.family_name) if p)

    @property
    def prefix_display(self) -> str:
        return names.PREFIX_THAI.get(self.prefix, "")

    @property
    def partial_birth(self) -> PartialDate | None:
        if self.birth_date is None:
            return None
        d = self.birth_date
        if self.birth_precision == self.Precision.YEAR:
            return PartialDate(d.year)
        if self.birth_precision == self.Precision.MONTH:
            return PartialDate(d.year, d.month)
        return PartialDate(d.year, d.month, d.day)

    def age_on(self, on: dt.date) -> int | None:
        birth = self.partial_birth
        if birth is not None:
            return birth.age_on(on)
        if self.age_estimate is not None and self.age_estimated_on is not None:
            return self.age_estimate + max(0, (on - self.age_estimated_on).days // 365)
        return self.age_estimate

    @property
    def birth_year(self) -> int | None:
        return self.birth_date.year if self.birth_date else None


class PersonSensitive(TimeStampedModel):
    """Special-category data (PDPA s.26): kept apart so that it is never loaded with the person,
    and read only through ``access.get_sensitive_for_user``, which audits every read."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="sensitive")
    religion = models.CharField(_("religion"), max_length=60, blank=True)
    ethnicity = models.CharField(_("ethnicity"), max_length=60, blank=True)
    health_notes = models.TextField(_("health notes"), max_length=4000, blank=True)

    audit_entity = "person_sensitive"
    audit_sensitive = True

    class Meta:
        verbose_name = _("sensitive attributes")
        verbose_name_plural = _("sensitive attributes")

    def __str__(self) -> str:
        return f"sensitive:{self.person_id}"


class PersonPhone(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(_("phone"), max_length=20, db_index=True)  # E.164
    label = models.CharField(_("label"), max_length=40, blank=True)
    safe_to_contact = models.BooleanField(_("safe to contact"), default=True)

    audit_entity = "person_phone"

    class Meta:
        verbose_name = _("phone")
        verbose_name_plural = _("phones")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.number


class IdentityDocument(TimeStampedModel):
    class Type(models.TextChoices):
        THAI_ID = "thai_id", _("Thai ID card")
        NON_THAI_ID = "non_thai_id", _("Non-Thai ID card (pink card)")
        PASSPORT = "passport", _("Passport")
        WORK_PERMIT = "work_permit", _("Work permit")
        BIRTH_CERTIFICATE = "birth_cert", _("Birth certificate")
        MIGRANT = "migrant_reg", _("Migrant registration")
        HOUSE_REGISTRATION = "house_reg", _("House registration")
        OTHER = "other", _("Other")

    class Verification(models.TextChoices):
        CHECKED = "checked", _("Number checked")
        SEEN = "seen", _("Original seen by staff")
        OVERRIDDEN = "overridden", _("Could not be checked: staff override")
        UNVERIFIED = "unverified", _("Not verified")

    # The two 13-digit cards carry our check digit (thai.ids); the others are free-form.
    CHECKED_TYPES = {Type.THAI_ID, Type.NON_THAI_ID}

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="documents")
    doc_type = models.CharField(_("document type"), max_length=12, choices=Type.choices)
    number = models.CharField(_("number"), max_length=40, db_index=True)
    issuer = models.CharField(_("issued by"), max_length=120, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    verification = models.CharField(
        _("verification"), max_length=12, choices=Verification.choices, default="unverified"
    )
    override_reason = models.CharField(_("reason for the override"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    audit_entity = "identity_document"

    class Meta:
        verbose_name = _("identity document")
        verbose_name_plural = _("identity documents")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_doc_type_display()} {self.number}"


class Household(VersionedModel):
    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("household name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    subdistrict = models.ForeignKey(
        "geo.Subdistrict", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects: ClassVar[models.Manager[Household]] = ScopedManager(center="center")
    audit_entity = "household"

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self) -> str:
        return self.name


class HouseholdMembership(TimeStampedModel):
    class Role(models.TextChoices):
        HEAD = "head", _("Head of household")
        SPOUSE = "spouse", _("Spouse of the head")
        CHILD = "child", _("Child")
        RELATIVE = "relative", _("Other relative")
        MEMBER = "member", _("Member")

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    start = models.DateField(_("from"), null=True, blank=True)
    end = models.DateField(_("until"), null=True, blank=True)

    audit_entity = "household_membership"

    class Meta:
        ordering = ["household", "role", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True)
                | models.Q(start__isnull=True)
                | models.Q(end__gte=models.F("start")),
                name="membership_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} in {self.household_id}"

    @property
    def is_current(self) -> bool:
        from django.utils import timezone

        return self.end is None or self.end >= timezone.localdate()


class Relationship(TimeStampedModel):
    """Typed and directed: ``from_person`` is the ``kind`` of ``to_person`` (A is parent of B)."""

    class Kind(models.TextChoices):
        PARENT = "parent", _("parent of")
        CHILD = "child", _("child of")
        SPOUSE = "spouse", _("spouse of")
        SIBLING = "sibling", _("sibling of")
        CARER = "carer", _("carer of")
        CARED_FOR = "cared_for", _("cared for by")
        GUARDIAN = "guardian", _("guardian of")
        WARD = "ward", _("ward of")
        OTHER = "other", _("related to")

    INVERSE: ClassVar[dict[str, str]] = {
        "parent": "child",
        "child": "parent",
        "spouse": "spouse",
        "sibling": "sibling",
        "carer": "cared_for",
        "cared_for": "carer",
        "guardian": "ward",
        "ward": "guardian",
        "other": "other",
    }

    from_person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="relationships_from"
    )
    to_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_to")
    kind = models.CharField(_("relationship"), max_length=10, choices=Kind.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)

    audit_entity = "relationship"

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["from_person", "to_person", "kind"], name="relationship_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(from_person=models.F("to_person")),
                name="relationship_not_self",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_person_id} {self.kind} {self.to_person_id}"

    def label_from(self, person_id: int) -> tuple[str, int]:
        """How this link reads from one side: (label, other person's id)."""
        if person_id == self.from_person_id:
            return str(self.get_kind_display()), self.to_person_id
        inverse = self.INVERSE[self.kind]
        return str(self.Kind(inverse).label), self.from_person_id


class DuplicateCandidate(TimeStampedModel):
    class State(models.TextChoices):
        OPEN = "open", _("To review")
        MERGED = "merged", _("Merged")
        DISTINCT = "distinct", _("Not the same person")

    class Source(models.TextChoices):
        INCREMENTAL = "incremental", _("On save")
        FULL = "full", _("Full registry pass")

    center = models.ForeignKey("centers.Center", on_delete=models.CASCADE, related_name="+")
    # Always stored with person_a.pk < person_b.pk, so a pair is one row.
    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    features = models.JSONField(default=dict)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    source = models.CharField(max_length=12, choices=Source.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects: ClassVar[models.Manager[DuplicateCandidate]] = ScopedManager(center="center")

    class Meta:
        ordering = ["-score"]
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="duplicate_pair_unique")
        ]
        indexes = [models.Index(fields=["center", "state", "-score"], name="duplicate_queue")]

    def __str__(self) -> str:
        return f"{self.person_a_id}~{self.person_b_id} {self.score:.2f}"


class PersonMerge(models.Model):
    """One merge, with what it moved, so that it can be undone within ``UNDO_DAYS``."""

    UNDO_DAYS = 30

    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    survivor = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    merged = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    performed_at = models.DateTimeField(auto_now_add=True)
    # {"field": [survivor's value before, value after]} for the fields taken from the other.
    fields_changed = models.JSONField(default=dict)
    # {"app_label.Model.field": [row ids moved from merged to survivor]}
    moved = models.JSONField(default=dict)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects: ClassVar[models.Manager[PersonMerge]] = ScopedManager(center="center")
    audit_entity = "person_merge"

    class Meta:
        ordering = ["-performed_at"]

    def __str__(self) -> str:
        return f"{self.merged_id} -> {self.survivor_id}"
