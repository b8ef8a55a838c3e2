from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from onestop.core.models import BilingualName, VersionedModel


class Center(BilingualName, VersionedModel):  # type: ignore[django-manager-missing]  # Team uses ScopedManager
    """One Social Assistance Center. A deployment serves several that refer cases to each other."""

    code = models.SlugField(
        _("code"),
        max_length=20,
        unique=True,
        help_text=_("Short code used in reference numbers, e.g. TU."),
    )
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    address_line = models.CharField(_("address"), max_length=300, blank=True)
    subdistrict = models.ForeignKey(
        "geo.Subdistrict",
        verbose_name=_("sub-district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    staffed_24h = models.BooleanField(
        _("staffed 24 hours"),
        default=False,
        help_text=_("Centers not staffed around the clock show after-hours guidance."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("center")
        verbose_name_plural = _("centers")
        ordering = ["name_th"]

    def __str__(self) -> str:
        return self.name


class Team(VersionedModel):
    center = models.ForeignKey(
        Center, verbose_name=_("center"), on_delete=models.PROTECT, related_name="teams"
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    is_active = models.BooleanField(_("active"), default=True)

    # Center isolation in the ORM: a query with no active center scope raises ScopeError.
    objects: ClassVar[models.Manager[Team]] = ScopedManager(center="center")

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["center", "name"], name="team_name_unique_in_center")
        ]

    def __str__(self) -> str:
        return self.name
