from __future__ import annotations

from typing import Any


def seed_from_geothai(province_model: Any, district_model: Any, subdistrict_model: Any) -> int:
    """Insert every province, district and sub-district that is missing. Returns rows added.

    Takes the model classes so that a data migration can pass its historical models.
    """
    import geothai

    have_p = set(province_model.objects.values_list("code", flat=True))
    have_d = set(district_model.objects.values_list("code", flat=True))
    have_s = set(subdistrict_model.objects.values_list("code", flat=True))
    provinces, districts, subdistricts = [], [], []
    for p in geothai.provinces():
        if p.code not in have_p:
            provinces.append(province_model(code=p.code, name_th=p.name_th, name_en=p.name_en))
        for d in geothai.districts(p.code):
            if d.code not in have_d:
                districts.append(
                    district_model(
                        code=d.code, name_th=d.name_th, name_en=d.name_en, province_id=p.code
                    )
                )
            for s in geothai.subdistricts(d.code):
                if s.code not in have_s:
                    subdistricts.append(
                        subdistrict_model(
                            code=s.code,
                            name_th=s.name_th,
                            name_en=s.name_en,
                            district_id=d.code,
                            postcodes=",".join(s.postal_codes),
                        )
                    )
    province_model.objects.bulk_create(provinces, batch_size=1000)
    district_model.objects.bulk_create(districts, batch_size=1000)
    subdistrict_model.objects.bulk_create(subdistricts, batch_size=1000)
    return len(provinces) + len(districts) + len(subdistricts)
