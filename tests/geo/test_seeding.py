from __future__ import annotations

import pytest

from onestop.geo.models import District, Province, Subdistrict
from onestop.geo.seeding import seed_from_geothai

pytestmark = pytest.mark.django_db


def test_it_seeds_every_province_district_and_subdistrict() -> None:
    assert Province.objects.count() == 77
    assert District.objects.count() == 928
    assert Subdistrict.objects.count() == 7436


def test_it_keeps_codes_names_and_postcodes() -> None:
    sub = Subdistrict.objects.select_related("district__province").get(code="130202")
    assert sub.name_th == "คลองสอง"
    assert sub.district.name_th == "คลองหลวง"
    assert sub.district.province.name_th == "ปทุมธานี"
    assert sub.postcode_list == ["12120"]


def test_some_subdistricts_have_two_postcodes() -> None:
    assert Subdistrict.objects.filter(postcodes__contains=",").count() > 100


def test_seeding_again_adds_nothing() -> None:
    assert seed_from_geothai(Province, District, Subdistrict) == 0


def test_it_qualifies_repeated_subdistrict_names() -> None:
    sub = Subdistrict.objects.get(code="130202")
    assert sub.full_name() == "ต.คลองสอง อ.คลองหลวง จ.ปทุมธานี"
    bangkok = Subdistrict.objects.filter(district__province_id="10").first()
    assert bangkok is not None
    assert bangkok.full_name().startswith("แขวง")
