from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_it_lists_districts_of_a_province_as_options(client: Client) -> None:
    response = client.get("/geo/districts/", {"address-province": "13"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("<option") == 7 + 1  # Pathum Thani has 7 districts, plus the blank
    assert "คลองหลวง" in body


def test_it_lists_subdistricts_of_a_district(client: Client) -> None:
    response = client.get("/geo/subdistricts/", {"district": "1302"})
    assert response.status_code == 200
    assert "คลองสอง" in response.content.decode()


@pytest.mark.parametrize("bad", ["", "x'; drop", "99", "1" * 50])
def test_it_answers_nonsense_with_an_empty_list_not_an_error(client: Client, bad: str) -> None:
    response = client.get("/geo/districts/", {"province": bad})
    assert response.status_code == 200
    assert response.content.decode().count("<option") == 1


def test_it_refuses_post(client: Client) -> None:
    assert client.post("/geo/districts/", {"province": "13"}).status_code == 405
