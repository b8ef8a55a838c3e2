"""Partner organisations: the units a center refers to, and that partner staff belong to.

Shared by every center in a deployment (a hospital serves several centers). The services
directory (Open Referral HSDS) grows from this model.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onestop.core.models import BilingualName, TimeStampedModel, VersionedModel


class Organization(BilingualName, VersionedModel):  # type: ignore[django-manager-missing]  # Referral uses ScopedManager
    class Kind(models.TextChoices):
        HOSPITAL = "hospital", _("Hospital or health center")
        FACULTY = "faculty", _("University faculty or school")
        PROVINCIAL_OFFICE = "provincial_office", _("Provincial social development office")
        SHELTER = "shelter", _("Children and family shelter")
        PROTECTION_CENTER = "protection_center", _("Protection center for the destitute")
        LOCAL_GOVERNMENT = "local_government", _("Local government")
        POLICE = "police", _("Police")
        SCHOOL = "school", _("School")
        FOUNDATION = "foundation", _("Foundation or NGO")
        CENTER = "center", _("Social assistance center")
        OTHER = "other", _("Other")

    name_th = models.CharField(_("name (Thai)"), max_length=200, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    address_line = models.CharField(_("address"), max_length=300, blank=True)
    subdistrict = models.ForeignKey(
        "geo.Subdistrict",
        verbose_name=_("sub-district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    is_active = models.BooleanField(_("active"), default=True)
    # Another OneStop center of this deployment: referrals to it arrive in that center's
    # incoming list, and its staff answer them.
    center = models.OneToOneField(
        "centers.Center",
        verbose_name=_("OneStop center"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="as_organization",
    )
    # The HSDS identifier (the integer key stays: staff accounts point at it).
    uuid = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name_th"]

    def __str__(self) -> str:
        return self.name


# --- The services directory, modelled on Open Referral HSDS 3.0 ------------------------------
# HSDS identifies every record by a UUID: the new tables use one as their primary key, and
# Organization (older, referenced by staff accounts) carries one beside its integer key.


def _uuid() -> uuid.UUID:
    return uuid.uuid4()


class TaxonomyTerm(BilingualName, models.Model):
    """A term of one of our two taxonomies: the problem categories (synced from intake's
    Category, same codes) and the kinds of service."""

    class Taxonomy(models.TextChoices):
        PROBLEM = "onestop-problem", _("Problem")
        SERVICE_TYPE = "onestop-service-type", _("Kind of service")

    id = models.UUIDField(primary_key=True, default=_uuid, editable=False)
    taxonomy = models.CharField(_("taxonomy"), max_length=30, choices=Taxonomy.choices)
    code = models.CharField(_("code"), max_length=40)
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description = models.CharField(_("description"), max_length=500, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("taxonomy term")
        verbose_name_plural = _("taxonomy terms")
        ordering = ["taxonomy", "code"]
        constraints = [
            models.UniqueConstraint(fields=["taxonomy", "code"], name="taxonomy_term_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Program(BilingualName, TimeStampedModel):
    id = models.UUIDField(primary_key=True, default=_uuid, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="programs"
    )
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), max_length=4000, blank=True)

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        ordering = ["name_th"]

    def __str__(self) -> str:
        return self.name


class Service(BilingualName, VersionedModel):  # type: ignore[django-manager-missing]  # Referral uses ScopedManager
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        INACTIVE = "inactive", _("Inactive")
        DEFUNCT = "defunct", _("No longer offered")
        TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")

    id = models.UUIDField(primary_key=True, default=_uuid, editable=False)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="services",
    )
    program = models.ForeignKey(
        Program,
        verbose_name=_("program"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="services",
    )
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), max_length=4000)
    url = models.URLField(_("web page"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    eligibility_description = models.TextField(_("who can use it"), max_length=2000, blank=True)
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    fees_description = models.CharField(_("fees"), max_length=500, blank=True)
    application_process = models.TextField(_("how to apply"), max_length=2000, blank=True)
    interpretation_services = models.CharField(_("interpreters"), max_length=300, blank=True)
    alert = models.CharField(_("notice"), max_length=300, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    terms = models.ManyToManyField(
        TaxonomyTerm,
        verbose_name=_("problems and kinds of service"),
        blank=True,
        related_name="services",
    )

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name_th"]
        indexes = [models.Index(fields=["status", "updated"], name="service_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minimum_age__isnull=True)
                | models.Q(maximum_age__isnull=True)
                | models.Q(minimum_age__lte=models.F("maximum_age")),
                name="service_age_range",
            )
        ]

    def __str__(self) -> str:
        return self.name


class RequiredDocument(models.Model):
    id = models.UUIDField(primary_key=True, default=_uuid, editable=False)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="required_documents"
    )
    document = models.CharField(_("document"), max_length=300)

    class Meta:
        ordering = ["document"]

    def __str__(self) -> str:
        return self.document


class Location(TimeStampedModel):
    """Where a service is given. A confidential location (a shelter) never shows its address or
    coordinates outside staff pages: the public and the HSDS API get only a contact phone."""

    id = models.UUIDField(primary_key=True, default=_uuid, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="locations"
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.CharField(_("description"), max_length=1000, blank=True)
    address_line = models.CharField(_("address"), max_length=300, blank=True)
    subdistrict = models.ForeignKey(
        "geo.Subdistrict",
        verbose_name=_("sub-district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    lng = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    transportation = models.CharField(_("how to get there"), max_length=300, blank=True)
    confidential = models.BooleanField(
        _("confidential address"),
        default=False,
        help_text=_("Shelters: the address is never shown to the public, only the phone."),
    )

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ServiceAtLocation(TimeStampedModel):
    id = models.UUIDField(primary_key=True, default=_uuid, editable=False)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    description = models.CharField(_("description"), max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service", "location"], name="service_at_location_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service_id} @ {self.location_id}"


class Phone(models.Model):
    id = models.UUIDField(primary_key=True, default=_uuid, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    number = models.CharField(_("number"), max_length=30)
    extension = models.CharField(_("extension"), max_length=10, blank=True)
    type = models.CharField(_("type"), max_length=10, default="voice")
    description = models.CharField(_("description"), max_length=200, blank=True)

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return self.number


class Contact(models.Model):
    id = models.UUIDField(primary_key=True, default=_uuid, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("position"), max_length=200, blank=True)
    department = models.CharField(_("department"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Schedule(models.Model):
    """Opening hours as an iCal-style weekly rule (HSDS freq/byday/opens_at/closes_at), in
    Thailand's time."""

    DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    id = models.UUIDField(primary_key=True, default=_uuid, editable=False)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    freq = models.CharField(max_length=10, default="WEEKLY")
    byday = models.CharField(_("days"), max_length=30, help_text=_("e.g. MO,TU,WE,TH,FR"))
    opens_at = models.TimeField(_("opens"))
    closes_at = models.TimeField(_("closes"))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    description = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opens_at__lt=models.F("closes_at")),
                name="schedule_opens_before_closes",
            )
        ]

    def __str__(self) -> str:
        return f"{self.byday} {self.opens_at:%H:%M}-{self.closes_at:%H:%M}"

    def open_at(self, at: dt.datetime) -> bool:
        local = timezone.localtime(at)
        if self.DAYS[local.weekday()] not in self.byday.split(","):
            return False
        if self.valid_from and local.date() < self.valid_from:
            return False
        if self.valid_to and local.date() > self.valid_to:
            return False
        return self.opens_at <= local.time() < self.closes_at


class ServiceArea(models.Model):
    """Where a service's clients may live: a province, a district or a sub-district. A service
    with no area serves everyone."""

    id = models.UUIDField(primary_key=True, default=_uuid, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    province = models.ForeignKey(
        "geo.Province", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    district = models.ForeignKey(
        "geo.District", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    subdistrict = models.ForeignKey(
        "geo.Subdistrict", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(province__isnull=False)
                | models.Q(district__isnull=False)
                | models.Q(subdistrict__isnull=False),
                name="service_area_has_a_place",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if self.subdistrict is not None:
            return self.subdistrict.full_name()
        if self.district is not None:
            return f"{self.district.name} {self.district.province.name}"
        return str(self.province)
