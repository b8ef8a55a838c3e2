from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from onestop.research import services
from onestop.research.models import Project
from tests.conftest import World
from tests.directory.conftest import directory  # noqa: F401 - the fixture
from tests.reports.conftest import generated  # noqa: F401 - the fixture


def make_project(world: World, approve: bool = True, **over: Any) -> Project:
    fields: dict[str, Any] = {
        "title": "คุณภาพชีวิตผู้สูงอายุที่อยู่ลำพัง",
        "purpose": "วิจัยเชิงปฏิบัติการ",
        "ethics_committee": "คณะกรรมการจริยธรรมการวิจัยในคน มหาวิทยาลัยธรรมศาสตร์",
        "ethics_number": "COA 123/2569",
        "ethics_expires": timezone.localdate() + dt.timedelta(days=365),
        "datasets": ["cases", "persons", "referrals", "outcomes", "visits"],
        **over,
    }
    project = services.project_create(actor=world["researcher"], **fields)
    if approve:
        project = services.project_decide(
            actor=world["centeradmin"], project=project, approve=True, reason=""
        )
    return project


@pytest.fixture
def project(world: World) -> Project:
    return make_project(world)
