"""Partner organisations: the units a center refers to, and that partner staff belong to.

Shared by every center in a deployment (a hospital serves several centers). The services
directory (Open Referral HSDS) grows from this model.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from onestop.core.models import BilingualName, VersionedModel


class Organization(BilingualName, VersionedModel):
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

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name_th"]

    def __str__(self) -> str:
        return self.name
