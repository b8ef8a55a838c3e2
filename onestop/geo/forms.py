"""A reusable Thai address sub-form: province → district → sub-district selects and a free line.

Use it with a prefix (``AddressForm(data, prefix="current")``) so a page can hold several
addresses. htmx refreshes the dependent selects; without JavaScript the page offers a
"refresh the lists" submit button that re-renders the form without saving anything.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from onestop.geo.models import District, Province, Subdistrict


class AddressForm(forms.Form):
    province = forms.ModelChoiceField(
        label=_("Province"), queryset=Province.objects.all(), required=False
    )
    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.none(), required=False
    )
    subdistrict = forms.ModelChoiceField(
        label=_("Sub-district"), queryset=Subdistrict.objects.none(), required=False
    )
    line = forms.CharField(
        label=_("House number, village, road"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )

    def __init__(self, *args: Any, require_subdistrict: bool = False, **kwargs: Any) -> None:
        initial_sub: Subdistrict | None = kwargs.pop("subdistrict", None)
        if initial_sub is not None:
            kwargs.setdefault("initial", {}).update(
                {
                    "province": initial_sub.district.province_id,
                    "district": initial_sub.district_id,
                    "subdistrict": initial_sub.code,
                }
            )
        super().__init__(*args, **kwargs)
        self.require_subdistrict = require_subdistrict
        province = self._picked("province")
        district = self._picked("district")
        if province:
            self.fields["district"].queryset = District.objects.filter(province_id=province)  # type: ignore[attr-defined]
        if district:
            self.fields["subdistrict"].queryset = Subdistrict.objects.filter(district_id=district)  # type: ignore[attr-defined]
        self.fields["province"].widget.attrs.update(
            {
                "hx-get": reverse("geo:districts"),
                "hx-target": f"#{self['district'].auto_id}",
                "hx-trigger": "change",
                "data-clears": f"#{self['subdistrict'].auto_id}",
            }
        )
        self.fields["district"].widget.attrs.update(
            {
                "hx-get": reverse("geo:subdistricts"),
                "hx-target": f"#{self['subdistrict'].auto_id}",
                "hx-trigger": "change",
            }
        )
        if require_subdistrict:
            for name in ("province", "district", "subdistrict"):
                self.fields[name].required = True

    def _picked(self, name: str) -> str | None:
        value = self.data.get(self.add_prefix(name)) if self.is_bound else self.initial.get(name)
        return str(value) if value else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        province, district, sub = (
            data.get("province"),
            data.get("district"),
            data.get("subdistrict"),
        )
        if district and province and district.province_id != province.code:
            self.add_error("district", _("This district is not in the chosen province."))
        if sub and district and sub.district_id != district.code:
            self.add_error("subdistrict", _("This sub-district is not in the chosen district."))
        if sub and not district:
            self.add_error("district", _("Choose the district first."))
        return data

    @property
    def subdistrict_value(self) -> Subdistrict | None:
        value = self.cleaned_data.get("subdistrict")
        return value if isinstance(value, Subdistrict) else None
