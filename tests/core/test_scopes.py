from __future__ import annotations

import pytest
from django_scopes import ScopeError, scope, scopes_disabled

from onestop.centers.models import Team
from tests.conftest import World


def test_a_query_without_a_center_scope_raises(world: World) -> None:
    # Leave the autouse "disabled" scope: code running outside a request must say its scope.
    with scope(), pytest.raises(ScopeError):
        list(Team.objects.all())


def test_a_center_scope_sees_only_that_center(world: World) -> None:
    with scope(center=world.center_b.pk):
        assert [t.name for t in Team.objects.all()] == ["ทีมลำปาง"]
    with scopes_disabled():
        assert Team.objects.count() == 3
