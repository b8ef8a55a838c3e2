"""Volunteers (อพม., student and other volunteers): the registry, their training records and
their ID cards. Applications come from the public form; a coordinator reviews them."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager

from onestop.core.models import BilingualName, TimeStampedModel, VersionedModel


class VolunteerType(BilingualName, models.Model):  # type: ignore[django-manager-missing]  # ScopedManager
    """A kind of volunteer and its rules, so a center changes rules without a release."""

    class Numbering(models.TextChoices):
        # อพม. numbers come from the registering department: record them, never invent them.
        GIVEN = "given", _("Issued by the registering department (NNNN/BE year)")
        GENERATED = "generated", _("Generated with the center code")

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    # The titles printed on the front and back of the card.
    card_title_th = models.CharField(_("card title (Thai)"), max_length=200)
    card_title_en = models.CharField(_("card title (English)"), max_length=200)
    numbering = models.CharField(
        _("registration numbers"), max_length=10, choices=Numbering.choices
    )
    card_valid_years = models.PositiveSmallIntegerField(_("card valid for (years)"), default=4)
    # [{"code": "thai"}, {"code": "min_age", "value": 18}, {"code": "lives_in_area"},
    #  {"code": "course", "value": "ASO-BASIC"}, {"code": "student"}]: see checks.py.
    checks = models.JSONField(_("qualification checks"), default=list, blank=True)
    is_active = models.BooleanField(_("accepting applications"), default=True)

    class Meta:
        verbose_name = _("volunteer type")
        verbose_name_plural = _("volunteer types")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name

    def min_age(self) -> int | None:
        for check in self.checks:
            if check.get("code") == "min_age":
                return int(check.get("value", 18))
        return None


class Volunteer(VersionedModel):  # type: ignore[django-manager-missing]  # Visit uses ScopedManager
    """One volunteer of one center, from application to resignation."""

    class Status(models.TextChoices):
        # A context: "Active" and "Removed" read differently for a volunteer than elsewhere.
        APPLICANT = "applicant", pgettext_lazy("volunteer status", "Applicant")
        MORE_INFO = "more_info", pgettext_lazy("volunteer status", "Asked for more information")
        REJECTED = "rejected", pgettext_lazy("volunteer status", "Application rejected")
        ACTIVE = "active", pgettext_lazy("volunteer status", "Active")
        SUSPENDED = "suspended", pgettext_lazy("volunteer status", "Suspended")
        RESIGNED = "resigned", pgettext_lazy("volunteer status", "Resigned")
        REMOVED = "removed", pgettext_lazy("volunteer status", "Removed")

    IN_REVIEW = (Status.APPLICANT, Status.MORE_INFO)

    class Title(models.TextChoices):
        MR = "mr", _("Mr (นาย)")
        MRS = "mrs", _("Mrs (นาง)")
        MISS = "miss", _("Miss (นางสาว)")
        NONE = "", _("No title")

    # A volunteer's ID number, address and photo are personal data: reads are audited.
    audit_sensitive = True
    audit_entity = "volunteer"

    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    type = models.ForeignKey(
        VolunteerType,
        verbose_name=_("volunteer type"),
        on_delete=models.PROTECT,
        related_name="volunteers",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.APPLICANT
    )
    registration_number = models.CharField(_("registration number"), max_length=20, blank=True)
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sign-in account"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="volunteer",
    )
    # Who they are
    title = models.CharField(_("title"), max_length=5, choices=Title.choices, blank=True)
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    nationality = models.CharField(_("nationality"), max_length=2, default="TH")
    national_id = models.CharField(_("national ID"), max_length=13, blank=True)
    passport_number = models.CharField(_("passport number"), max_length=20, blank=True)
    birth_date = models.DateField(_("date of birth"))
    phone = models.CharField(_("phone"), max_length=20)
    email = models.EmailField(_("email"), blank=True)
    line_id = models.CharField(_("LINE ID"), max_length=60, blank=True)
    # Where they live and where they serve
    address_text = models.CharField(_("address"), max_length=300)
    home_subdistrict = models.ForeignKey(
        "geo.Subdistrict",
        verbose_name=_("home sub-district"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    area_subdistrict = models.ForeignKey(
        "geo.Subdistrict",
        verbose_name=_("area served (sub-district)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    lng = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    # Students
    student_id = models.CharField(_("student ID"), max_length=20, blank=True)
    faculty = models.CharField(_("faculty or school"), max_length=150, blank=True)
    # What they offer
    skills = models.JSONField(_("skills"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    availability = models.JSONField(_("available days"), default=list, blank=True)
    availability_note = models.CharField(_("availability, in words"), max_length=200, blank=True)
    emergency_name = models.CharField(_("emergency contact"), max_length=150)
    emergency_phone = models.CharField(_("emergency contact phone"), max_length=20)
    emergency_relation = models.CharField(_("relationship"), max_length=60, blank=True)
    photo = models.BinaryField(_("photo"), editable=False)
    photo_type = models.CharField(max_length=20)
    consent_version = models.CharField(_("privacy notice version"), max_length=20)
    applied_at = models.DateTimeField(_("applied"))
    # The last "please send more" message, shown to the applicant's contact by staff.
    review_note = models.CharField(_("note to the applicant"), max_length=500, blank=True)

    objects: ClassVar[models.Manager[Volunteer]] = ScopedManager(center="center")

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        ordering = ["-applied_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration_number"],
                condition=~models.Q(registration_number=""),
                name="volunteer_registration_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["center", "status", "-applied_at"], name="volunteer_list_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        title = {"mr": "นาย", "mrs": "นาง", "miss": "นางสาว"}.get(self.title, "")
        return f"{title}{self.given_name} {self.family_name}"

    @property
    def masked_name(self) -> str:
        """Given name and the family name's first letter: enough to match a face at the door."""
        return f"{self.given_name} {self.family_name[:1]}."


class VolunteerEvent(models.Model):
    """Every review decision, status change and check override, with its reason."""

    class Kind(models.TextChoices):
        APPLIED = "applied", _("Applied")
        STATUS = "status", _("Status changed")
        OVERRIDE = "override", _("Check overridden")
        TRAINING = "training", _("Training recorded")
        CARD = "card", _("Card")

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10, blank=True)
    text = models.CharField(_("reason"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.volunteer_id} {self.kind} {self.at:%Y-%m-%d}"

    @property
    def from_label(self) -> str:
        return str(dict(Volunteer.Status.choices).get(self.from_status, self.from_status))

    @property
    def to_label(self) -> str:
        return str(dict(Volunteer.Status.choices).get(self.to_status, self.to_status))


class CheckOverride(models.Model):
    """A coordinator's decision that a failed check does not bar this volunteer."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="overrides")
    code = models.CharField(max_length=20)
    reason = models.CharField(_("reason"), max_length=500)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["volunteer", "code"], name="override_once_per_check")
        ]

    def __str__(self) -> str:
        return f"{self.volunteer_id} {self.code}"


class TrainingRecord(TimeStampedModel):
    """A course a volunteer completed. Kept plain, so a course completion (the courses issue)
    and a coordinator's entry write the same record."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("Entered by a coordinator")
        COURSE = "course", _("Course completion")

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="trainings")
    course_code = models.CharField(_("course code"), max_length=30)
    title = models.CharField(_("course"), max_length=200)
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1)
    completed_on = models.DateField(_("completed on"))
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    certificate = models.CharField(_("certificate number or link"), max_length=200, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MANUAL)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("training record")
        ordering = ["-completed_on"]

    def __str__(self) -> str:
        return f"{self.course_code} {self.completed_on}"


class Card(TimeStampedModel):
    """One printed ID card. The QR carries only ``token``; reprinting makes a new card and a
    new token, and the old token stops verifying."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Valid")
        REPLACED = "replaced", _("Replaced by a newer card")
        REVOKED = "revoked", _("Revoked")

    class Kind(models.TextChoices):
        ISSUE = "issue", _("First issue")
        RENEW = "renew", _("Renewal")
        REPRINT = "reprint", _("Reprint")

    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="cards")
    token = models.CharField(max_length=43, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("expires on"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The signature block printed on the card: the issuer's name and position at the time.
    issuer_name = models.CharField(_("issuer"), max_length=150)
    issuer_position = models.CharField(_("issuer's position"), max_length=200)
    printed_at = models.DateTimeField(_("printed"), null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoke_reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        ordering = ["-issued_on", "-id"]
        constraints = [
            # Never two valid cards for one volunteer.
            models.UniqueConstraint(
                fields=["volunteer"],
                condition=models.Q(status="active"),
                name="one_active_card",
            ),
        ]

    def __str__(self) -> str:
        return f"card {self.pk} of {self.volunteer_id}"


class RegistrationCounter(models.Model):
    """The last generated registration number per center and BE year (TU-0042/2568)."""

    center = models.ForeignKey(
        "centers.Center", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    year = models.PositiveIntegerField()
    value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["center", "year"], name="volunteer_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.center_id} {self.year} {self.value}"


class Visit(TimeStampedModel):
    """A home visit a social worker asks for on a case, done by one volunteer.

    The volunteer sees only this record: the client's first name, the address, the phone when
    the worker shares it, and what to check. Never the case, its notes or other clients."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Waiting for a volunteer")
        OFFERED = "offered", _("Offered to a volunteer")
        ACCEPTED = "accepted", _("Accepted")
        CHECKED_IN = "checked_in", _("On site")
        REPORTED = "reported", _("Reported")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN = (Status.OFFERED, Status.ACCEPTED, Status.CHECKED_IN)

    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="visits")
    client = models.ForeignKey("cases.CaseClient", on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # What the volunteer is told, copied at request time so the case can change underneath.
    client_first_name = models.CharField(_("client's first name"), max_length=100)
    client_phone = models.CharField(_("client's phone (shared)"), max_length=20, blank=True)
    address_text = models.CharField(_("address"), max_length=300)
    subdistrict = models.ForeignKey(
        "geo.Subdistrict",
        verbose_name=_("sub-district"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    lng = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    checklist = models.JSONField(_("what to check"), default=list)
    skills_needed = models.JSONField(_("skills needed"), default=list, blank=True)
    language = models.CharField(_("language needed"), max_length=10, blank=True)
    due = models.DateField(_("visit by"))
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.REQUESTED)
    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.PROTECT, null=True, blank=True, related_name="visits"
    )
    offered_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.CharField(max_length=300, blank=True)
    declined_by = models.JSONField(default=list, blank=True)  # volunteer ids: not offered again
    # On site
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    check_in_lat = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    check_in_lng = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    check_in_km = models.DecimalField(
        _("distance from the address (km)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    far_from_address = models.BooleanField(_("checked in far from the address"), default=False)
    checked_out_at = models.DateTimeField(_("checked out"), null=True, blank=True)
    observations = models.JSONField(_("observations"), default=list, blank=True)
    report = models.TextField(_("report"), max_length=5000, blank=True)
    urgent = models.BooleanField(_("urgent: the worker must act now"), default=False)
    # The phone's own id for an offline submit: a resend after a bad connection is a no-op.
    client_submit_id = models.CharField(max_length=64, blank=True)

    objects: ClassVar[models.Manager[Visit]] = ScopedManager(center="center")

    class Meta:
        verbose_name = _("home visit")
        ordering = ["due", "id"]
        indexes = [
            models.Index(fields=["volunteer", "status", "due"], name="visit_volunteer_idx"),
            models.Index(fields=["center", "status", "due"], name="visit_center_idx"),
        ]

    def __str__(self) -> str:
        return f"visit {self.pk} on case {self.case_id}"


class VisitPhoto(models.Model):
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="photos")
    image = models.BinaryField()
    content_type = models.CharField(max_length=20)
    at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"photo {self.pk} of visit {self.visit_id}"


class HoursEntry(TimeStampedModel):
    """Volunteer hours (ชั่วโมงจิตอาสา): from visits automatically, or self-reported and then
    approved or declined by a coordinator."""

    class Source(models.TextChoices):
        VISIT = "visit", _("Home visit")
        SELF = "self", _("Reported by the volunteer")
        CSR = "csr", _("Staff volunteering of a CSR partner")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="hours")
    day = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=2)
    activity = models.CharField(_("activity"), max_length=300)
    source = models.CharField(max_length=10, choices=Source.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    visit = models.OneToOneField(
        Visit, on_delete=models.PROTECT, null=True, blank=True, related_name="hours_entry"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decision_note = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("volunteer hours")
        ordering = ["-day", "-id"]
        indexes = [models.Index(fields=["volunteer", "day"], name="hours_day_idx")]

    def __str__(self) -> str:
        return f"{self.volunteer_id} {self.day} {self.hours}"


class HoursCertificate(TimeStampedModel):
    """A volunteer-hours certificate for a date range; its QR opens /v/hours/<token>."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="certificates")
    token = models.CharField(max_length=43, unique=True)
    start = models.DateField()
    end = models.DateField()
    total_hours = models.DecimalField(max_digits=7, decimal_places=2)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"certificate {self.pk} of {self.volunteer_id}"
