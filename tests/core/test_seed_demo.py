from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from onestop.accounts import two_factor
from onestop.accounts.capabilities import ROLES
from onestop.accounts.models import User
from onestop.centers.models import Center
from onestop.directory.models import Organization


@pytest.mark.django_db
def test_it_loads_a_thai_demo_center_once_and_prints_logins() -> None:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    text = out.getvalue()
    assert "onestop-demo-2568" in text
    tu = Center.objects.get(code="TU")
    assert "ธรรมศาสตร์" in tu.name_th
    assert tu.subdistrict is not None and tu.subdistrict.name_th == "คลองหนึ่ง"
    # A user of every role, and the named partner organisations.
    held = {code for u in User.objects.all() for code in u.role_codes}
    assert held == set(ROLES)
    assert Organization.objects.filter(name_th__contains="โรงพยาบาลธรรมศาสตร์").exists()
    assert Organization.objects.filter(kind="shelter").exists()
    assert Organization.objects.filter(kind="protection_center").exists()
    # Demo people can sign in; those who see cases in two steps, with the secret printed.
    socialworker = User.objects.get(username="socialworker")
    assert socialworker.check_password("onestop-demo-2568")
    secret = two_factor.secret_base32(two_factor.totp_device(socialworker))
    assert f"TOTP {secret}" in text
    assert two_factor.totp_device(User.objects.get(username="coordinator")) is None
    code = StringIO()
    call_command("totp_code", "socialworker", stdout=code)
    assert code.getvalue().strip() == two_factor.current_code(two_factor.totp_device(socialworker))
    # A registry to search, households, and a duplicate queue to review.
    from onestop.persons.models import DuplicateCandidate, Household, Person

    assert Person.objects.filter(center=tu).count() == 400
    assert Household.objects.filter(center=tu).exists()
    assert DuplicateCandidate.objects.filter(center=tu, state="open").exists()
    # A second run changes nothing.
    before = User.objects.count()
    call_command("seed_demo", stdout=StringIO())
    assert User.objects.count() == before
