from __future__ import annotations

import pytest
from django.utils import translation

from onestop.geo.forms import AddressForm
from onestop.geo.models import Subdistrict

pytestmark = pytest.mark.django_db


def _data(province: str, district: str, sub: str, line: str = "99 หมู่ 18") -> dict[str, str]:
    return {
        "home-province": province,
        "home-district": district,
        "home-subdistrict": sub,
        "home-line": line,
    }


def test_it_accepts_a_consistent_address() -> None:
    form = AddressForm(_data("13", "1302", "130202"), prefix="home")
    assert form.is_valid(), form.errors
    assert form.subdistrict_value == Subdistrict.objects.get(code="130202")


def test_it_rejects_a_subdistrict_from_another_district() -> None:
    with translation.override("en"):
        form = AddressForm(_data("13", "1302", "100101"), prefix="home")
        assert not form.is_valid()
        assert "subdistrict" in form.errors


def test_it_rejects_a_district_from_another_province() -> None:
    form = AddressForm(_data("10", "1302", ""), prefix="home")
    assert not form.is_valid()
    assert "district" in form.errors


def test_it_limits_choices_to_the_chosen_parent() -> None:
    form = AddressForm(_data("13", "", ""), prefix="home")
    districts = form.fields["district"].queryset  # type: ignore[attr-defined]
    assert set(districts.values_list("province_id", flat=True)) == {"13"}
    assert form.fields["subdistrict"].queryset.count() == 0  # type: ignore[attr-defined]


def test_it_can_require_a_subdistrict() -> None:
    form = AddressForm(_data("13", "1302", ""), prefix="home", require_subdistrict=True)
    assert not form.is_valid()
    assert "subdistrict" in form.errors


def test_it_prefills_from_a_subdistrict() -> None:
    sub = Subdistrict.objects.get(code="130202")
    form = AddressForm(prefix="home", subdistrict=sub)
    assert form.initial["province"] == "13"
    assert form.fields["subdistrict"].queryset.filter(code="130202").exists()  # type: ignore[attr-defined]


def test_its_selects_carry_htmx_attributes() -> None:
    html = str(AddressForm(prefix="home")["province"])
    assert 'hx-get="/geo/districts/"' in html
    assert 'hx-target="#id_home-district"' in html
