"""Provinces, districts and sub-districts, seeded from the geothai package (credit: GeoThai).

We keep our own tables, keyed by the DOPA codes, so that foreign keys stay stable when the
package is upgraded; retired codes stay in place and are marked, never deleted.
"""

from __future__ import annotations

import functools

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from onestop.core.models import BilingualName


class _Named(BilingualName, models.Model):
    code = models.CharField(_("code"), max_length=6, primary_key=True)
    name_th = models.CharField(_("name (Thai)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)

    class Meta:
        abstract = True
        ordering = ["name_th"]

    def __str__(self) -> str:
        return self.name


class Province(_Named):
    class Meta(_Named.Meta):
        verbose_name = _("province")
        verbose_name_plural = _("provinces")


class District(_Named):
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="districts")

    class Meta(_Named.Meta):
        verbose_name = _("district")
        verbose_name_plural = _("districts")


class Subdistrict(_Named):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="subdistricts")
    # 160 sub-districts have two postcodes, so this is a list; never derive a place from it.
    postcodes = models.CharField(_("postcodes"), max_length=30, blank=True)

    class Meta(_Named.Meta):
        verbose_name = _("sub-district")
        verbose_name_plural = _("sub-districts")

    @property
    def postcode_list(self) -> list[str]:
        return [p for p in self.postcodes.split(",") if p]

    def full_name(self) -> str:
        """Sub-district names repeat across the country (795 of them), so always qualify."""
        district = self.district
        if (get_language() or "th").startswith("th"):
            bangkok = district.province_id == "10"
            sub_prefix, dist_prefix = ("แขวง", "เขต") if bangkok else ("ต.", "อ.")
            prov = district.province.name_th
            prov_text = prov if bangkok else f"จ.{prov}"
            return f"{sub_prefix}{self.name_th} {dist_prefix}{district.name_th} {prov_text}"
        return f"{self.name_en}, {district.name_en}, {district.province.name_en}"


@functools.lru_cache(maxsize=1)
def subdistrict_codes() -> frozenset[str]:
    """Every sub-district code, loaded once per process: the table only changes with a geothai
    upgrade (a migration and a restart), and public submits check codes on every request."""
    return frozenset(Subdistrict.objects.values_list("code", flat=True))
